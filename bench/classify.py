"""Benchmark of document-type classification and field extraction through real OCR.

    .venv/bin/python bench/classify.py [--per-type 4] [--negatives 8] [--plain 2]

Pages the training never saw: specimens from ``ocr.synthetic.render_specimen`` with the
benchmark's own seeds at every degradation level; papers of no known type, half of them of
kinds the training corpus does not have (below); and the generator's content in a plain
one-column layout with other fonts (``plain``), a layout the generator never draws. Every page
is prepared and read by Tesseract (cached in ``bench/out/ocr-cache``), then classified by the
packaged model and its fields extracted for the predicted type.

Reports, per level: per-type precision/recall, macro-F1 (over the types present, ``unknown``
included), the share of pages given a wrong known type (above the threshold by construction:
below it the answer is ``unknown``), and field exact-match rates. "ordinary" is clean + mild
+ plain. A text-only section (no OCR, many more pages, damaged by ``ocr.classify.noise``)
measures the wrong-type rate at a finer grain. JSON goes to ``bench/out/classify.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.train_classifier import LEVELS, Job, read_pages  # noqa: E402
from ocr.classify import DOC_TYPES, UNKNOWN, load  # noqa: E402
from ocr.classify.corpus import KNOWN_TYPES  # noqa: E402
from ocr.classify.negatives import KINDS as TRAINED_NEGATIVES  # noqa: E402
from ocr.classify.noise import damage  # noqa: E402
from ocr.fields import extract_fields, fold  # noqa: E402
from ocr.synthetic.content import MOTTO, DocumentContent, Signer, fld, para  # noqa: E402
from ocr.synthetic.people import address, person  # noqa: E402

OUT = REPO / "bench" / "out" / "classify.json"
FIELDS = (
    "so_dinh_danh",
    "so_cmnd",
    "ho_ten",
    "ngay_sinh",
    "ma_so_doanh_nghiep",
    "so_ky_hieu",
    "ngay_cap",
    "co_quan_cap",
    "thoi_han",
)


def log(msg: str) -> None:
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {msg}\n")
    sys.stderr.flush()


# --- papers of kinds the training corpus never had ----------------------------------------


def _unseen(title: tuple[str, ...], body: list[Any], signer: str = "") -> DocumentContent:
    return DocumentContent(
        doc_type=UNKNOWN,
        agency=(),
        number="",
        place_date="",
        title=title,
        body=tuple(body),
        signers=(Signer((signer,), person(random.Random(signer)).name, sealed=False),)
        if signer
        else (),
        fields={},
        motto=MOTTO,
    )


def travel_order(rng: random.Random) -> DocumentContent:
    p = person(rng)
    return _unseen(
        ("GIẤY ĐI ĐƯỜNG",),
        [
            fld(rng, "Cấp cho", p.name),
            fld(rng, "Chức vụ", rng.choice(("Chuyên viên", "Kế toán", "Cán bộ địa chính"))),
            fld(rng, "Được cử đi công tác tại", address(rng)),
            fld(rng, "Theo công lệnh số", f"{rng.randint(1, 99)}/CL"),
            fld(rng, "Tiền ứng trước", f"{rng.randint(1, 9)}.000.000 đồng"),
            para("Nơi đi, nơi đến, phương tiện sử dụng, số ngày công tác, lý do lưu trú."),
        ],
        "THỦ TRƯỞNG ĐƠN VỊ",
    )


def warehouse_slip(rng: random.Random) -> DocumentContent:
    items = ("Giấy A4", "Bút bi", "Bìa hồ sơ", "Ghim bấm", "Mực in", "Sổ tay")
    body = [
        fld(rng, "Họ và tên người nhận hàng", person(rng).name),
        fld(rng, "Lý do xuất kho", "Phục vụ công tác văn phòng"),
        fld(rng, "Xuất tại kho", "Kho văn phòng phẩm"),
    ]
    body += [
        para(f"{i + 1}. {name}: {rng.randint(1, 50)} cái")
        for i, name in enumerate(rng.sample(items, 3))
    ]
    return _unseen(("PHIẾU XUẤT KHO",), body, "THỦ KHO")


def menu(rng: random.Random) -> DocumentContent:
    dishes = (
        "Phở bò tái",
        "Bún chả Hà Nội",
        "Cơm tấm sườn",
        "Bánh xèo",
        "Gỏi cuốn",
        "Chè ba màu",
        "Cà phê sữa đá",
        "Trà đá",
        "Bún bò Huế",
        "Mì Quảng",
    )
    body = [para(f"{d} ........ {rng.randint(2, 9)}0.000đ") for d in rng.sample(dishes, 6)]
    return DocumentContent(UNKNOWN, (), "", "", ("THỰC ĐƠN",), tuple(body), (), {}, motto=("", ""))


def weekly_schedule(rng: random.Random) -> DocumentContent:
    days = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu")
    body = [
        para(
            f"{d}: {rng.choice(('Họp giao ban', 'Tiếp công dân', 'Kiểm tra công trình', 'Làm việc tại cơ quan'))}"
            f" lúc {rng.randint(7, 15)} giờ"
        )
        for d in days
    ]
    return _unseen(("LỊCH CÔNG TÁC TUẦN",), body, "CHÁNH VĂN PHÒNG")


def admission_notice(rng: random.Random) -> DocumentContent:
    p = person(rng, born_from=2005, born_to=2008)
    return _unseen(
        ("GIẤY BÁO NHẬP HỌC",),
        [
            para("Hội đồng tuyển sinh trân trọng thông báo thí sinh:"),
            fld(rng, "Họ và tên", p.name),
            fld(rng, "Ngày sinh", p.birth.strftime("%d/%m/%Y")),
            fld(rng, "Số báo danh", f"{rng.randrange(10**8):08d}"),
            para(
                "đã trúng tuyển vào hệ đại học chính quy. Thí sinh có mặt tại trường để làm thủ "
                "tục nhập học theo thời gian ghi trong giấy này."
            ),
        ],
        "CHỦ TỊCH HỘI ĐỒNG TUYỂN SINH",
    )


def flyer(rng: random.Random) -> DocumentContent:
    body = [
        para(rng.choice(("KHUYẾN MÃI LỚN CUỐI NĂM", "KHAI TRƯƠNG CỬA HÀNG MỚI", "TUYỂN DỤNG GẤP"))),
        para("Giảm giá đến 50% cho tất cả các mặt hàng. Liên hệ hotline 1900 1234."),
        para(f"Địa chỉ: {address(rng)}"),
        para("Chương trình áp dụng từ nay đến hết tháng. Số lượng có hạn!"),
    ]
    return DocumentContent(UNKNOWN, (), "", "", (), tuple(body), (), {}, motto=("", ""))


# Papers of the known types written by hand for this benchmark, in wordings and layouts
# the generator does not have (older names, other forms, short extracts, running text).
HANDWRITTEN: dict[str, tuple[str, ...]] = {
    "giay_khai_sinh": (
        """ỦY BAN NHÂN DÂN XÃ AN PHÚ
HUYỆN CỦ CHI, TP. HỒ CHÍ MINH
TRÍCH LỤC KHAI SINH (BẢN SAO)
Họ, chữ đệm, tên: TRƯƠNG GIA BẢO
Ngày, tháng, năm sinh: 02/09/2017 ghi bằng chữ: Ngày hai, tháng chín, năm hai nghìn không trăm mười bảy
Giới tính: Nam Dân tộc: Kinh Quốc tịch: Việt Nam
Nơi sinh: Bệnh viện Từ Dũ, Thành phố Hồ Chí Minh
Quê quán: Long An
Số định danh cá nhân: 079217004512
Họ, chữ đệm, tên người mẹ: NGUYỄN THỊ MỸ LINH Năm sinh: 1990
Họ, chữ đệm, tên người cha: TRƯƠNG VĂN HẬU Năm sinh: 1988
Nơi cư trú: ấp Phú Lợi, xã An Phú, huyện Củ Chi
Nơi đăng ký khai sinh: Ủy ban nhân dân xã An Phú, huyện Củ Chi
Ngày đăng ký: 20/09/2017 Số: 145, Quyển số: 01/2017
Sao từ Sổ đăng ký khai sinh""",
        """GIẤY KHAI SINH
Họ và tên: Lò Thị Mai  Nữ
Sinh ngày 12 tháng 4 năm 2008 tại Trạm y tế xã Chiềng Cơi
Dân tộc Thái, quốc tịch Việt Nam
Họ và tên mẹ: Lò Thị Xuân, dân tộc Thái
Họ và tên cha: Quàng Văn Minh, dân tộc Thái
Đăng ký ngày 30/04/2008 tại UBND xã Chiềng Cơi, thành phố Sơn La
Người đi khai sinh: Quàng Văn Minh, quan hệ với người được khai sinh: cha""",
    ),
    "giay_chung_nhan_ket_hon": (
        """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
GIẤY CHỨNG NHẬN KẾT HÔN
Họ, chữ đệm, tên chồng: ĐẶNG QUỐC VIỆT Ngày sinh 11/11/1992 Dân tộc Kinh
Họ, chữ đệm, tên vợ: VŨ THỊ NGỌC ÁNH Ngày sinh 05/06/1995 Dân tộc Kinh
Giấy tờ tùy thân: CCCD số 034092001122 ; CCCD số 034195003344
Nơi cư trú: phường Tiền Phong, thành phố Thái Bình
Đăng ký kết hôn ngày 14 tháng 02 năm 2021
Nơi đăng ký: UBND phường Tiền Phong
Chữ ký của chồng Chữ ký của vợ
Số: 21, Quyển số 01/2021""",
        """TRÍCH LỤC KẾT HÔN
Bên nam: Hồ Văn Lực, sinh năm 1985, CCCD 045085000777
Bên nữ: Trần Thị Thơm, sinh năm 1987, CCCD 045187000888
Đã đăng ký kết hôn tại Ủy ban nhân dân xã Hải Lăng ngày 03/03/2010
Ghi chú: bản sao trích từ sổ đăng ký kết hôn""",
    ),
    "giay_xac_nhan_tinh_trang_hon_nhan": (
        """UBND PHƯỜNG BẾN THÀNH
GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN
Ủy ban nhân dân phường Bến Thành xác nhận:
Ông: Phan Thanh Tùng, sinh ngày 21/01/1989
Số định danh: 079089011223
Trong thời gian cư trú tại phường Bến Thành từ năm 2015 đến nay, ông Phan Thanh Tùng chưa đăng ký kết hôn với ai.
Giấy này được dùng để làm thủ tục kết hôn với bà Lê Thu Trang tại UBND quận 3.
Giá trị sử dụng 06 tháng kể từ ngày cấp""",
        """XÁC NHẬN TÌNH TRẠNG HÔN NHÂN
Xác nhận bà Nông Thị Hiền, sinh năm 1993, người dân tộc Tày, cư trú tại thôn Nà Phầy, xã Bằng Thành
Tình trạng hôn nhân: Độc thân, hiện chưa đăng ký kết hôn với ai
Mục đích: kết hôn với người nước ngoài""",
    ),
    "trich_luc_khai_tu": (
        """TRÍCH LỤC KHAI TỬ
Họ, chữ đệm, tên: PHÙNG VĂN KHẢI
Ngày, tháng, năm sinh: 15/05/1940 Giới tính: Nam
Đã chết vào lúc: 22 giờ 10 phút, ngày 07/12/2022
Nơi chết: tại nhà riêng, thôn Đông Phú, xã Thụy Lâm, huyện Đông Anh
Nguyên nhân chết: già yếu
Người đi khai tử: Phùng Văn Bình, quan hệ: con
Nơi đăng ký khai tử: UBND xã Thụy Lâm, ngày 09/12/2022""",
        """GIẤY CHỨNG TỬ
Người chết: Bà Lý Thị Hoa, sinh năm 1932
Từ trần lúc 5 giờ sáng ngày 12 tháng 6 năm 2012 tại nhà
Nguyên nhân: bệnh
Người khai: Lý Văn Phát, con trai
Ủy ban nhân dân xã Tân Thành chứng nhận""",
    ),
    "can_cuoc": (
        """SOCIALIST REPUBLIC OF VIET NAM CĂN CƯỚC CÔNG DÂN
Số: 036190004567
Họ và tên: PHẠM THỊ THU HÀ
Ngày sinh: 30/10/1990 Giới tính: Nữ Quốc tịch: Việt Nam
Quê quán: Xuân Trường, Nam Định
Nơi thường trú: Tổ 5, phường Lộc Hạ, TP Nam Định
Có giá trị đến: 30/10/2030""",
        """THẺ CĂN CƯỚC
Số định danh cá nhân 001301009999
Họ, chữ đệm và tên NGUYỄN MINH KHÔI
Ngày, tháng, năm sinh 01/01/2001 Giới tính Nam
Nơi cư trú Hà Nội
Ngày cấp 15/07/2024 Ngày hết hạn 01/01/2026
Nơi cấp: Bộ Công an""",
    ),
    "xac_nhan_cu_tru": (
        """CÔNG AN XÃ ĐỨC HÒA ĐÔNG
XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ
Theo đề nghị của công dân, Công an xã Đức Hòa Đông xác nhận:
Họ, chữ đệm và tên: Lê Hoàng Nam
Ngày sinh 17/07/1995, Số định danh cá nhân 080095006677
Nơi thường trú: ấp 3, xã Đức Hòa Đông, huyện Đức Hòa, Long An
Nơi tạm trú: không
Thông tin thành viên hộ gia đình: chủ hộ Lê Văn Tư, quan hệ: con
Văn bản này có giá trị 30 ngày""",
        """GIẤY XÁC NHẬN CƯ TRÚ
Xác nhận ông Võ Minh Trí, sinh ngày 03/03/1980, CCCD 052080004455 hiện đang thường trú tại khu vực 4, phường Nhơn Bình, TP Quy Nhơn
Hộ gia đình gồm 4 nhân khẩu, chủ hộ: Võ Minh Trí
Trưởng Công an phường""",
    ),
    "giay_chung_nhan_dang_ky_doanh_nghiep": (
        """SỞ KẾ HOẠCH VÀ ĐẦU TƯ TỈNH BÌNH DƯƠNG
GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP CÔNG TY TRÁCH NHIỆM HỮU HẠN MỘT THÀNH VIÊN
Mã số doanh nghiệp: 3702345678
Đăng ký lần đầu: ngày 10 tháng 01 năm 2018 Đăng ký thay đổi lần thứ 3: ngày 02 tháng 8 năm 2023
Tên công ty viết bằng tiếng Việt: CÔNG TY TNHH CƠ KHÍ CHÍNH XÁC TÂN UYÊN
Địa chỉ trụ sở chính: Lô C5, KCN Nam Tân Uyên, Bình Dương
Vốn điều lệ: 5.000.000.000 đồng
Chủ sở hữu: Huỳnh Tấn Phát, CCCD 074079001234
Người đại diện theo pháp luật: Huỳnh Tấn Phát, chức danh: Giám đốc""",
        """GIẤY CHỨNG NHẬN ĐĂNG KÝ KINH DOANH
Số: 0102030405 do Phòng ĐKKD Sở KH&ĐT Hà Nội cấp lần đầu ngày 05/05/2009
Tên doanh nghiệp: CÔNG TY CỔ PHẦN THỰC PHẨM HÀ THÀNH
Ngành nghề kinh doanh: sản xuất bánh kẹo, bán buôn thực phẩm
Vốn điều lệ: 20 tỷ đồng, mệnh giá cổ phần 10.000 đồng
Cổ đông sáng lập: Đinh Văn Hòa, Trần Thị Kim""",
    ),
    "giay_chung_nhan_dang_ky_ho_kinh_doanh": (
        """UBND HUYỆN ĐÔNG ANH PHÒNG TÀI CHÍNH - KẾ HOẠCH
GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH
Số: 01E8023456 Đăng ký lần đầu ngày 07/07/2020
Tên hộ kinh doanh: TIỆM BÁNH MÌ CÔ HẠNH
Địa điểm kinh doanh: thôn Đản Mỗ, xã Uy Nỗ
Ngành nghề: sản xuất và bán lẻ bánh mì
Vốn kinh doanh: 80.000.000 đồng
Chủ hộ: Nguyễn Thị Hạnh, sinh 1978, CCCD 001178012345""",
        """GIẤY CHỨNG NHẬN ĐĂNG KÝ KINH DOANH HỘ CÁ THỂ
Cấp cho hộ ông Dương Văn Tài, kinh doanh sửa chữa xe máy tại chợ Gạo
Số lao động: 2 người, vốn 30 triệu đồng
Phòng Kinh tế huyện cấp ngày 11/11/2011""",
    ),
    "giay_chung_nhan_quyen_su_dung_dat": (
        """GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT QUYỀN SỞ HỮU NHÀ Ở VÀ TÀI SẢN KHÁC GẮN LIỀN VỚI ĐẤT
I. Người sử dụng đất, chủ sở hữu nhà ở và tài sản khác gắn liền với đất
Ông Bùi Văn Sáu, năm sinh 1965, CCCD 037065001111 và vợ bà Đỗ Thị Tám, năm sinh 1968
II. Thửa đất, nhà ở và tài sản khác gắn liền với đất
Thửa đất số: 215, tờ bản đồ số: 12, địa chỉ: xóm 4, xã Gia Sinh, huyện Gia Viễn
Diện tích: 312 m2, hình thức sử dụng: riêng
Mục đích sử dụng: đất ở tại nông thôn 200 m2, đất trồng cây lâu năm 112 m2
Thời hạn sử dụng: đất ở lâu dài
Nguồn gốc sử dụng: Công nhận QSDĐ như giao đất có thu tiền sử dụng đất
Số vào sổ cấp GCN: CS 04567""",
        """Sổ đỏ - GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT
Ủy ban nhân dân huyện Cai Lậy chứng nhận hộ ông Lâm Văn Hai được quyền sử dụng thửa đất số 88
Diện tích 1.250 m2 đất trồng lúa, thời hạn sử dụng đến năm 2043
Vào sổ cấp giấy chứng nhận quyền sử dụng đất số 00123 QSDĐ/CL""",
    ),
    "giay_phep_xay_dung": (
        """SỞ XÂY DỰNG THÀNH PHỐ ĐÀ NẴNG
GIẤY PHÉP XÂY DỰNG Số: 452/GPXD
1. Cấp cho: Ông Trần Đình Long; Địa chỉ: 12 Lê Đình Dương, Hải Châu
2. Được phép xây dựng công trình: Nhà ở riêng lẻ
- Lô đất số 15 B2.4, KĐT Nam Cầu Cẩm Lệ
- Diện tích xây dựng tầng 1: 85 m2; tổng diện tích sàn: 320 m2
- Chiều cao công trình: 15,6 m; số tầng: 4 tầng và tum
3. Giấy phép có hiệu lực khởi công trong thời hạn 12 tháng kể từ ngày cấp""",
        """GIẤY PHÉP SỬA CHỮA, CẢI TẠO
Cấp cho bà Mai Thị Lựu được phép sửa chữa, cải tạo nhà ở tại số 7 ngõ 2 phố Hàng Bột
Nội dung: thay mái, gia cố tường, không thay đổi kết cấu chịu lực
Thời gian thi công: 03 tháng""",
    ),
    "giay_uy_quyen": (
        """GIẤY ỦY QUYỀN
(Dành cho cá nhân)
Tôi là: Hà Văn Đông, sinh năm 1970, CCCD số 019070005566
Nay ủy quyền cho: Hà Thị Thu, sinh năm 1998, CCCD số 019198007788 (con gái)
Nội dung ủy quyền: thay tôi nộp hồ sơ, nhận kết quả và ký các giấy tờ liên quan đến thủ tục cấp đổi sổ đỏ
Thời hạn ủy quyền: từ ngày ký đến khi hoàn thành công việc
Người ủy quyền Người được ủy quyền""",
        """HỢP ĐỒNG ỦY QUYỀN
Bên A (bên ủy quyền): ông Thạch Sô Phên và bà Kim Thị Sa Ri
Bên B (bên được ủy quyền): ông Thạch Minh Tâm
Hai bên thỏa thuận: Bên B được quyền quản lý, sử dụng, cho thuê thửa đất số 45 tờ bản đồ số 7
Thù lao: không. Thời hạn: 05 năm
Công chứng viên Văn phòng công chứng Trà Vinh chứng nhận""",
    ),
    "phieu_ly_lich_tu_phap": (
        """SỞ TƯ PHÁP TỈNH NGHỆ AN
PHIẾU LÝ LỊCH TƯ PHÁP SỐ 1
Căn cứ Luật Lý lịch tư pháp ngày 17 tháng 6 năm 2009
Họ và tên: NGUYỄN HỮU THẮNG Giới tính: Nam
Ngày, tháng, năm sinh: 19/08/1991 Nơi sinh: Nghệ An Quốc tịch: Việt Nam
Nơi cư trú: xã Nghi Phú, thành phố Vinh
Số CCCD: 040091008899
Án tích: Không có án tích
Tình trạng thực hiện việc cấm đảm nhiệm chức vụ: không bị cấm""",
        """LÝ LỊCH TƯ PHÁP
Phiếu số 2 cấp cho cơ quan tiến hành tố tụng
Người được cấp: Trịnh Công Sơn, sinh 1979
Án tích: đã bị kết án 12 tháng tù về tội trộm cắp tài sản, bản án số 15/2005/HSST, đã được xóa án tích
Trung tâm Lý lịch tư pháp quốc gia""",
    ),
    "to_khai": (
        """TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ (Mẫu CT01)
Kính gửi: Công an phường Dịch Vọng Hậu
1. Họ, chữ đệm và tên: Mạc Văn Kiên 2. Ngày sinh: 04/04/1994
3. Số định danh cá nhân: 031094002233 4. Số điện thoại: 0912000111
5. Nơi thường trú: Hải Phòng 6. Nội dung đề nghị: đăng ký tạm trú
Ý kiến của chủ hộ: đồng ý
NGƯỜI KÊ KHAI""",
        """ĐƠN ĐỀ NGHỊ CẤP BẢN SAO TRÍCH LỤC KHAI SINH
Kính gửi: UBND phường 7, quận 3
Tôi tên là Hoàng Yến Nhi, CCCD 079300001234
Đề nghị cấp 03 bản sao trích lục khai sinh của con tôi là cháu Hoàng Minh Tú, sinh ngày 01/06/2019
Lý do: bổ sung hồ sơ nhập học
Tôi cam đoan lời khai trên là đúng sự thật
Người yêu cầu""",
    ),
    "bang_tot_nghiep": (
        """BỘ GIÁO DỤC VÀ ĐÀO TẠO
BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG
Cho: Lê Thị Phương Thảo
Ngày sinh: 09/09/2005, Nơi sinh: Quảng Trị
Đã tốt nghiệp trung học phổ thông năm 2023, Xếp loại: Khá
Giám đốc Sở Giáo dục và Đào tạo tỉnh Quảng Trị
Số hiệu: B0123456, Số vào sổ gốc cấp văn bằng: 2345/TN2023""",
        """HỌC VIỆN NÔNG NGHIỆP VIỆT NAM
BẢNG ĐIỂM TOÀN KHÓA
Sinh viên: Chu Đức Anh, mã sinh viên 645123, ngành Khoa học cây trồng
Học kỳ 1: Toán cao cấp 8.0; Hóa đại cương 7.5; Triết học Mác-Lênin 8.5
Điểm trung bình tích lũy: 3.21/4, xếp loại tốt nghiệp: Giỏi
Số tín chỉ tích lũy: 135""",
    ),
}


UNSEEN_NEGATIVES = {
    "travel_order": travel_order,
    "warehouse_slip": warehouse_slip,
    "menu": menu,
    "weekly_schedule": weekly_schedule,
    "admission_notice": admission_notice,
    "flyer": flyer,
}


# --- the pages -----------------------------------------------------------------------------


def bench_jobs(per_type: dict[str, int], negatives: int, plain: int) -> list[Job]:
    jobs: list[Job] = []
    trained_kinds = sorted(TRAINED_NEGATIVES)
    unseen_kinds = sorted(UNSEEN_NEGATIVES)
    for level in LEVELS:
        for doc_type in KNOWN_TYPES:
            count = per_type[level]
            jobs += [Job("specimen", doc_type, level, str(900_000 + i)) for i in range(count)]
        for i in range(negatives):
            kinds = unseen_kinds if i % 2 == 0 else trained_kinds
            kind = kinds[(i // 2 + LEVELS.index(level) * 3) % len(kinds)]
            jobs.append(Job("negative", kind, level, f"bench{i}"))
    for level in ("clean", "mild"):
        for doc_type in KNOWN_TYPES:
            jobs += [Job("plain", doc_type, level, f"bench{i}") for i in range(plain)]
    for doc_type, texts in HANDWRITTEN.items():
        jobs += [Job("handwritten", doc_type, "mild", str(i)) for i in range(len(texts))]
    return jobs


def _norm(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    if name == "ho_ten":
        return value.casefold()  # kept as written; the print decides the case
    if name == "co_quan_cap":
        folded = fold(value).replace("uy ban nhan dan", "ubnd")
        return " ".join(re.sub(r"[^a-z0-9 ]", " ", folded).split())
    return value


# --- scoring -------------------------------------------------------------------------------


def scores(truths: Sequence[str], preds: Sequence[str]) -> dict[str, Any]:
    labels = sorted(set(truths))
    per_type = {}
    for label in labels:
        tp = sum(1 for t, p in zip(truths, preds, strict=True) if t == p == label)
        fp = sum(1 for t, p in zip(truths, preds, strict=True) if p == label and t != label)
        fn = sum(1 for t, p in zip(truths, preds, strict=True) if t == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_type[label] = {"precision": precision, "recall": recall, "f1": f1, "n": tp + fn}
    wrong = sum(1 for t, p in zip(truths, preds, strict=True) if p not in (t, UNKNOWN))
    return {
        "n": len(truths),
        "accuracy": sum(t == p for t, p in zip(truths, preds, strict=True)) / max(1, len(truths)),
        "macro_f1": sum(v["f1"] for v in per_type.values()) / max(1, len(per_type)),
        "wrong_type_rate": wrong / max(1, len(truths)),
        "wrong": wrong,
        "per_type": per_type,
    }


def evaluate(records: list[dict[str, Any]]) -> dict[str, Any]:
    model = load()
    answers = model.predict_many([r["ocr_text"] for r in records])
    groups: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        group = r["kind"] if r["kind"] in ("plain", "handwritten") else r["level"]
        groups[group].append(i)
        if group in ("clean", "mild", "plain"):
            groups["ordinary"].append(i)
        groups["all"].append(i)
    result: dict[str, Any] = {"threshold": model.threshold, "version": model.version, "groups": {}}
    confusions: Counter[tuple[str, str]] = Counter()
    for name, idx in groups.items():
        truths = [
            records[i]["doc_type"] if records[i]["kind"] != "negative" else UNKNOWN for i in idx
        ]
        preds = [answers[i].doc_type for i in idx]
        group = scores(truths, preds)
        field_hits: dict[str, list[int]] = {f: [0, 0] for f in FIELDS}
        for i in idx:
            r = records[i]
            if r["kind"] == "negative":
                continue
            found = extract_fields(r["ocr_text"], answers[i].doc_type).values()
            for f, want in r["fields"].items():
                if f not in field_hits:
                    continue
                field_hits[f][1] += 1
                field_hits[f][0] += _norm(f, found.get(f)) == _norm(f, want)
        group["fields"] = {
            f: {"exact": h[0] / h[1], "n": h[1]} for f, h in field_hits.items() if h[1]
        }
        result["groups"][name] = group
        if name == "all":
            confusions.update((t, p) for t, p in zip(truths, preds, strict=True) if t != p)
    result["confusions"] = [[t, p, n] for (t, p), n in confusions.most_common(25)]
    return result


def text_only(per_type: int) -> dict[str, Any]:
    """Many more pages, no OCR: the generator's text damaged at three strengths."""
    from ocr.classify.negatives import make_negative
    from ocr.synthetic import make_content

    model = load()
    out = {}
    for strength in (0.2, 0.5, 0.8):
        texts, truths = [], []
        for doc_type in (*KNOWN_TYPES, UNKNOWN):
            for i in range(per_type if doc_type != UNKNOWN else per_type * 3):
                rng = random.Random(f"bench-text:{doc_type}:{i}")
                if doc_type == UNKNOWN:
                    kinds = sorted(UNSEEN_NEGATIVES)
                    content = (
                        UNSEEN_NEGATIVES[kinds[i % len(kinds)]](rng)
                        if i % 2
                        else make_negative(rng)
                    )
                else:
                    content = make_content(rng, doc_type)
                texts.append(damage(content.text, rng, strength))
                truths.append(doc_type)
        preds = [a.doc_type for a in model.predict_many(texts)]
        out[f"damage {strength}"] = scores(truths, preds)
    texts, truths = [], []
    for doc_type, written in HANDWRITTEN.items():
        for i, text in enumerate(written):
            for strength in (0.0, 0.3, 0.6):
                texts.append(damage(text, random.Random(f"hw:{i}"), strength) if strength else text)
                truths.append(doc_type)
    preds = [a.doc_type for a in model.predict_many(texts)]
    out["handwritten wordings, damage 0/0.3/0.6"] = scores(truths, preds)
    return out


# --- output --------------------------------------------------------------------------------


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def report(result: dict[str, Any], text: dict[str, Any], seconds: float, pages: int) -> str:
    order = [
        g
        for g in ("clean", "mild", "moderate", "hard", "plain", "handwritten", "ordinary", "all")
        if g in result["groups"]
    ]
    lines = [
        f"model {result['version']}  threshold {result['threshold']}  "
        f"{pages} pages through OCR in {seconds / 60:.1f} min",
        "",
    ]
    head = (
        "| group | pages | accuracy % | macro-F1 | wrong type % | "
        + " | ".join(
            f"{f} %"
            for f in (
                "so_dinh_danh",
                "ho_ten",
                "ngay_sinh",
                "ma_so_doanh_nghiep",
                "so_cmnd",
                "so_ky_hieu",
                "ngay_cap",
                "co_quan_cap",
                "thoi_han",
            )
        )
        + " |"
    )
    lines += [head, "|" + "---|" * (head.count("|") - 1)]
    for g in order:
        r = result["groups"][g]
        cells = [
            g,
            str(r["n"]),
            _pct(r["accuracy"]),
            f"{r['macro_f1']:.3f}",
            f"{_pct(r['wrong_type_rate'])} ({r['wrong']})",
        ]
        for f in (
            "so_dinh_danh",
            "ho_ten",
            "ngay_sinh",
            "ma_so_doanh_nghiep",
            "so_cmnd",
            "so_ky_hieu",
            "ngay_cap",
            "co_quan_cap",
            "thoi_han",
        ):
            v = r["fields"].get(f)
            cells.append(f"{_pct(v['exact'])} ({v['n']})" if v else "-")
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "per type (ordinary scans):",
        "| type | n | precision | recall | F1 |",
        "|---|---|---|---|---|",
    ]
    for t, v in result["groups"]["ordinary"]["per_type"].items():
        lines.append(
            f"| {t} | {v['n']} | {v['precision']:.2f} | {v['recall']:.2f} | {v['f1']:.2f} |"
        )
    lines += [
        "",
        "per type (all levels):",
        "| type | n | precision | recall | F1 |",
        "|---|---|---|---|---|",
    ]
    for t, v in result["groups"]["all"]["per_type"].items():
        lines.append(
            f"| {t} | {v['n']} | {v['precision']:.2f} | {v['recall']:.2f} | {v['f1']:.2f} |"
        )
    lines += [
        "",
        "text only (no OCR):",
        "| damage | pages | macro-F1 | wrong type % |",
        "|---|---|---|---|",
    ]
    for k, v in text.items():
        lines.append(
            f"| {k} | {v['n']} | {v['macro_f1']:.3f} | {_pct(v['wrong_type_rate'])} "
            f"({v['wrong']}) |"
        )
    lines += [
        "",
        "most frequent confusions (truth -> answer, all levels): "
        + ", ".join(f"{t}->{p} x{n}" for t, p, n in result["confusions"][:12]),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--per-type", type=int, default=4, help="specimens per type, clean and mild")
    ap.add_argument("--per-type-degraded", type=int, default=3, help="… moderate and hard")
    ap.add_argument("--negatives", type=int, default=8, help="unknown papers per level")
    ap.add_argument("--plain", type=int, default=2, help="plain-layout pages per type and level")
    ap.add_argument("--text-per-type", type=int, default=40)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    assert set(DOC_TYPES) == {*KNOWN_TYPES, UNKNOWN}

    counts = {
        "clean": args.per_type,
        "mild": args.per_type,
        "moderate": args.per_type_degraded,
        "hard": args.per_type_degraded,
    }
    jobs = bench_jobs(counts, args.negatives, args.plain)
    started = time.monotonic()
    records = read_pages(jobs, args.workers)
    seconds = time.monotonic() - started
    result = evaluate(records)
    text = text_only(args.text_per_type)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"ocr": result, "text_only": text}, indent=1, ensure_ascii=False))
    print(report(result, text, seconds, len(records)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
