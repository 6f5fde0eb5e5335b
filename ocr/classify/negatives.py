"""Papers that are none of the known types, so ``unknown`` is learned and not only thresholded.

A counter sees many: invoices, fee receipts, the centre's own intake receipts, invitations,
official letters, decisions, minutes, contracts, hospital papers, CVs, driving licences,
vehicle registrations, bank statements, insurance cards, other certificates, prose and
noise. Several share words with known types on purpose ("Giấy chứng nhận", "Họ và tên",
"Mã số thuế", "đăng ký khai sinh" as the name of a procedure), so the model must learn what
really tells the types apart.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from ..synthetic.content import (
    MOTTO,
    DocumentContent,
    Line,
    Signer,
    any_date,
    commune_agency,
    fld,
    heading,
    para,
    place_date,
    table,
)
from ..synthetic.people import address, person, pick_province, random_date

_PROCEDURES = (
    "Đăng ký khai sinh",
    "Đăng ký kết hôn",
    "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "Đăng ký thường trú",
    "Cấp phiếu lý lịch tư pháp",
    "Đăng ký thành lập hộ kinh doanh",
    "Chứng thực bản sao từ bản chính",
    "Cấp bản sao trích lục hộ tịch",
    "Đăng ký biến động quyền sử dụng đất",
    "Xác nhận tình trạng hôn nhân",
)
_GOODS = (
    ("Giấy in A4 Double A", "ram", 75000),
    ("Mực in HP 12A", "hộp", 450000),
    ("Nước uống đóng chai", "thùng", 90000),
    ("Xi măng PCB40", "bao", 85000),
    ("Thép cuộn D6", "kg", 16500),
    ("Dịch vụ vận chuyển", "chuyến", 1200000),
    ("Bàn làm việc gỗ", "cái", 2300000),
    ("Cước viễn thông tháng", "tháng", 330000),
    ("Gạo ST25", "kg", 32000),
    ("Dầu ăn Neptune 5L", "can", 210000),
)
_COMPANIES = (
    "CÔNG TY TNHH THƯƠNG MẠI HOÀNG GIA",
    "CÔNG TY CỔ PHẦN VIỄN THÔNG SAO MAI",
    "CÔNG TY TNHH VẬT LIỆU XÂY DỰNG PHÚ THÀNH",
    "NGÂN HÀNG TMCP Á CHÂU",
    "CÔNG TY CỔ PHẦN DƯỢC PHẨM AN KHANG",
    "HỢP TÁC XÃ NÔNG NGHIỆP TÂN TIẾN",
    "CÔNG TY TNHH MỘT THÀNH VIÊN CẤP NƯỚC",
)
_TOPICS = (
    "công tác phòng chống thiên tai năm {y}",
    "tổ chức Hội nghị sơ kết công tác 6 tháng đầu năm {y}",
    "triển khai chuyển đổi số trong cơ quan nhà nước",
    "kế hoạch tuyển dụng viên chức năm {y}",
    "tăng cường công tác phòng cháy, chữa cháy",
    "thực hiện chính sách hỗ trợ người lao động",
    "điều chỉnh giá dịch vụ thu gom rác thải sinh hoạt",
    "tổ chức Lễ kỷ niệm ngày thành lập",
    "kiểm tra an toàn vệ sinh thực phẩm dịp Tết Nguyên đán",
)
_PROSE = (
    "Trong những năm qua, kinh tế của tỉnh duy trì mức tăng trưởng khá, đời sống của nhân dân "
    "từng bước được cải thiện.",
    "Mùa mưa năm nay đến sớm hơn mọi năm, nhiều tuyến đường nội thị bị ngập cục bộ vào giờ "
    "cao điểm.",
    "Giá lúa tại các tỉnh đồng bằng sông Cửu Long tăng nhẹ so với tuần trước, thương lái thu "
    "mua với số lượng lớn.",
    "Đội tuyển bóng đá đã có trận đấu thuyết phục và giành quyền vào vòng chung kết.",
    "Nhiều trường học tổ chức các hoạt động ngoại khóa nhằm rèn luyện kỹ năng sống cho học sinh.",
    "Lượng khách du lịch đến thành phố trong dịp nghỉ lễ tăng mạnh, các khách sạn gần như kín "
    "phòng.",
    "Các chuyên gia khuyến cáo người dân nên uống đủ nước và hạn chế ra ngoài vào buổi trưa.",
    "Chợ phiên vùng cao họp vào sáng chủ nhật hằng tuần, bày bán nhiều sản vật địa phương.",
    "Công trình cầu vượt dự kiến hoàn thành vào cuối năm, góp phần giảm ùn tắc giao thông.",
    "Hội thảo tập trung thảo luận các giải pháp phát triển nông nghiệp công nghệ cao.",
)
_ENGLISH = (
    "Dear Sir or Madam, we are writing to confirm the details of your reservation.",
    "Please find attached the quarterly report for your review and approval.",
    "The meeting has been rescheduled to Thursday afternoon at the main office.",
    "Payment is due within thirty days of the invoice date.",
    "Thank you for your application; we will contact you after the interview process.",
    "This certificate is awarded for the successful completion of the training course.",
)


def _money(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _doc(
    rng: random.Random,
    title: tuple[str, ...],
    body: list[Line],
    *,
    agency: tuple[str, ...] = (),
    number: str = "",
    when: str = "",
    signers: tuple[Signer, ...] = (),
    motto: bool = True,
) -> DocumentContent:
    return DocumentContent(
        doc_type="unknown",
        agency=agency,
        number=number,
        place_date=when,
        title=title,
        body=tuple(body),
        signers=signers,
        fields={},
        motto=MOTTO if motto else ("", ""),
    )


def _today(rng: random.Random) -> date:
    return random_date(rng, date(2015, 1, 1), date(2025, 12, 31))


def invoice(rng: random.Random) -> DocumentContent:
    seller = rng.choice(_COMPANIES)
    buyer = person(rng)
    rows: list[tuple[str, ...]] = []
    total = 0
    for i, (name, unit, price) in enumerate(rng.sample(_GOODS, rng.randint(2, 5))):
        qty = rng.randint(1, 40)
        total += qty * price
        rows.append((str(i + 1), name, unit, str(qty), _money(price), _money(qty * price)))
    d = _today(rng)
    body = [
        fld(rng, "Ký hiệu", f"1C{d.year % 100}T{rng.choice('ABCDEK')}{rng.choice('ABCDEK')}"),
        fld(rng, "Số", f"{rng.randint(1, 9999999):07d}"),
        para(f"Ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"),
        fld(rng, "Đơn vị bán hàng", seller),
        fld(rng, "Mã số thuế", f"0{rng.randrange(10**9):09d}"),
        fld(rng, "Địa chỉ", address(rng)),
        fld(rng, ("Họ tên người mua hàng", "Người mua hàng"), buyer.name),
        fld(rng, "Hình thức thanh toán", rng.choice(("TM/CK", "Tiền mặt", "Chuyển khoản"))),
        *table(("STT", "Tên hàng hóa, dịch vụ", "ĐVT", "Số lượng", "Đơn giá", "Thành tiền"), rows),
        fld(rng, "Cộng tiền hàng", _money(total)),
        fld(rng, "Thuế suất GTGT", rng.choice(("8%", "10%", "5%"))),
        fld(rng, "Tổng cộng tiền thanh toán", _money(int(total * 1.1))),
        para(
            "Số tiền viết bằng chữ: "
            + rng.choice(("Một triệu", "Hai triệu", "Năm trăm nghìn"))
            + " đồng chẵn."
        ),
    ]
    title = rng.choice(
        (
            ("HÓA ĐƠN GIÁ TRỊ GIA TĂNG",),
            ("HÓA ĐƠN BÁN HÀNG",),
            ("HÓA ĐƠN GIÁ TRỊ GIA TĂNG", "(Bản thể hiện của hóa đơn điện tử)"),
        )
    )
    return _doc(
        rng,
        title,
        body,
        agency=(seller,),
        motto=False,
        signers=(
            Signer(("Người mua hàng",), buyer.name, sealed=False),
            Signer(("Người bán hàng",), person(rng).name),
        ),
    )


def fee_receipt(rng: random.Random) -> DocumentContent:
    agency, body_name, _seal, place = commune_agency(rng)
    payer = person(rng)
    fee = rng.choice((5000, 8000, 10000, 50000, 100000, 200000))
    body = [
        fld(rng, ("Họ và tên người nộp", "Họ tên người nộp tiền", "Người nộp"), payer.name),
        fld(rng, "Địa chỉ", payer.address),
        fld(
            rng,
            ("Nội dung thu", "Lý do nộp", "Loại phí, lệ phí"),
            rng.choice(("Lệ phí ", "Phí ")) + rng.choice(_PROCEDURES).lower(),
        ),
        fld(rng, "Số tiền", f"{_money(fee)} đồng"),
        fld(rng, "Viết bằng chữ", rng.choice(("Mười nghìn đồng", "Năm mươi nghìn đồng chẵn"))),
        fld(rng, "Hình thức thanh toán", rng.choice(("Tiền mặt", "Chuyển khoản"))),
    ]
    title = rng.choice(
        (
            ("BIÊN LAI THU PHÍ, LỆ PHÍ",),
            ("PHIẾU THU",),
            ("BIÊN LAI THU TIỀN",),
            ("BIÊN LAI THU", "PHÍ, LỆ PHÍ KHÔNG IN SẴN MỆNH GIÁ"),
        )
    )
    return _doc(
        rng,
        title,
        body,
        agency=agency,
        number=f"Số: {rng.randint(1, 99999):07d}",
        when=place_date(rng, place, _today(rng)),
        motto=rng.random() < 0.5,
        signers=(
            Signer(("NGƯỜI NỘP TIỀN",), payer.name, sealed=False),
            Signer(("NGƯỜI THU TIỀN",), person(rng).name, sealed=False),
        ),
    )


def intake_receipt(rng: random.Random) -> DocumentContent:
    """The centre's own "giấy tiếp nhận hồ sơ và hẹn trả kết quả": names other procedures."""
    agency, body_name, _seal, place = commune_agency(rng)
    applicant = person(rng)
    got = _today(rng)
    papers = rng.sample(
        (
            "Tờ khai đăng ký khai sinh",
            "Giấy chứng sinh",
            "Giấy chứng nhận kết hôn (bản sao)",
            "Căn cước công dân (bản sao)",
            "Giấy xác nhận thông tin về cư trú",
            "Đơn đề nghị cấp giấy phép xây dựng",
            "Bản vẽ thiết kế",
            "Giấy ủy quyền",
            "Giấy chứng nhận quyền sử dụng đất (bản sao)",
        ),
        3,
    )
    body = [
        para(f"{body_name} đã tiếp nhận hồ sơ của:"),
        fld(rng, ("Ông/Bà", "Họ và tên"), applicant.name),
        fld(rng, "Địa chỉ", applicant.address),
        fld(rng, "Số điện thoại", f"09{rng.randrange(10**8):08d}"),
        fld(rng, "Nội dung yêu cầu giải quyết", rng.choice(_PROCEDURES)),
        heading("Thành phần hồ sơ nộp gồm:"),
        *[para(f"{i + 1}. {p}") for i, p in enumerate(papers)],
        fld(rng, "Số lượng hồ sơ", "01 bộ"),
        fld(rng, "Thời gian giải quyết hồ sơ theo quy định", f"{rng.randint(1, 15)} ngày làm việc"),
        para(
            f"Thời gian nhận hồ sơ: {rng.randint(7, 16)} giờ {rng.randint(0, 59):02d} phút, "
            f"{any_date(rng, got)}"
        ),
        para(f"Thời gian trả kết quả: {any_date(rng, got + timedelta(days=rng.randint(1, 15)))}"),
    ]
    title = rng.choice(
        (
            ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",),
            ("PHIẾU TIẾP NHẬN HỒ SƠ",),
            ("GIẤY BIÊN NHẬN HỒ SƠ",),
        )
    )
    return _doc(
        rng,
        title,
        body,
        agency=agency,
        number=f"Mã hồ sơ: {rng.randrange(10**9)}",
        when=place_date(rng, place, got),
        signers=(
            Signer(("NGƯỜI NỘP HỒ SƠ",), applicant.name, sealed=False),
            Signer(("NGƯỜI TIẾP NHẬN HỒ SƠ",), person(rng).name, sealed=False),
        ),
    )


def invitation(rng: random.Random) -> DocumentContent:
    agency, body_name, _seal, place = commune_agency(rng)
    d = _today(rng)
    topic = rng.choice(_TOPICS).format(y=d.year)
    body = [
        fld(
            rng,
            "Kính gửi",
            rng.choice(
                (
                    "Ông/Bà " + person(rng).name,
                    "Các đồng chí trưởng thôn",
                    "Đại diện các hộ gia đình",
                )
            ),
        ),
        para(f"{body_name} trân trọng kính mời tham dự cuộc họp về việc {topic}."),
        fld(
            rng,
            "Thời gian",
            f"{rng.randint(7, 15)} giờ 00, ngày {d.day} tháng {d.month} năm {d.year}",
        ),
        fld(rng, "Địa điểm", f"Hội trường {body_name}"),
        para("Rất mong Quý đại biểu đến dự đúng thời gian."),
    ]
    return _doc(
        rng,
        ("GIẤY MỜI",),
        body,
        agency=agency,
        number=f"Số: {rng.randint(1, 300)}/GM-UBND",
        when=place_date(rng, place, d - timedelta(days=3)),
        signers=(Signer(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), person(rng).name),),
    )


def official_letter(rng: random.Random) -> DocumentContent:
    agency, body_name, _seal, place = commune_agency(rng)
    d = _today(rng)
    topic = rng.choice(_TOPICS).format(y=d.year)
    body = [
        para(f"V/v {topic}"),
        fld(
            rng,
            "Kính gửi",
            rng.choice(
                ("Các phòng, ban chuyên môn", "Công an xã", "Trường Trung học cơ sở", "Trạm Y tế")
            ),
        ),
        para(
            f"Thực hiện chỉ đạo của cấp trên về việc {topic}, {body_name} đề nghị các đơn vị "
            "khẩn trương triển khai thực hiện các nội dung sau:"
        ),
        para("1. " + rng.choice(_PROSE)),
        para(
            "2. Báo cáo kết quả thực hiện trước ngày " + any_date(rng, d + timedelta(days=20)) + "."
        ),
        para("Nơi nhận: - Như trên; - Lưu: VT."),
    ]
    return _doc(
        rng,
        (),
        body,
        agency=agency,
        number=f"Số: {rng.randint(1, 900)}/UBND-VP",
        when=place_date(rng, place, d),
        signers=(Signer(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), person(rng).name),),
    )


def decision(rng: random.Random) -> DocumentContent:
    agency, body_name, _seal, place = commune_agency(rng)
    d = _today(rng)
    who = person(rng)
    what = rng.choice(
        (
            f"khen thưởng ông/bà {who.name} đã có thành tích xuất sắc",
            "thành lập Tổ công tác kiểm tra liên ngành",
            f"xử phạt vi phạm hành chính đối với ông/bà {who.name}",
            "phê duyệt kế hoạch sử dụng đất năm " + str(d.year),
            f"hỗ trợ kinh phí cho hộ gia đình ông/bà {who.name}",
        )
    )
    body = [
        para(f"Về việc {what}"),
        para("CHỦ TỊCH ỦY BAN NHÂN DÂN"),
        para("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"),
        para("Căn cứ Luật Xử lý vi phạm hành chính ngày 20 tháng 6 năm 2012;"),
        para("Xét đề nghị của Văn phòng HĐND và UBND,"),
        heading("QUYẾT ĐỊNH:"),
        para(f"Điều 1. {what[0].upper() + what[1:]}."),
        para("Điều 2. Quyết định này có hiệu lực kể từ ngày ký."),
        para(
            "Điều 3. Chánh Văn phòng và các cá nhân có liên quan chịu trách nhiệm thi hành "
            "Quyết định này."
        ),
    ]
    return _doc(
        rng,
        ("QUYẾT ĐỊNH",),
        body,
        agency=agency,
        number=f"Số: {rng.randint(1, 900)}/QĐ-UBND",
        when=place_date(rng, place, d),
        signers=(Signer(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), person(rng).name),),
    )


def notice(rng: random.Random) -> DocumentContent:
    agency, body_name, _seal, place = commune_agency(rng)
    d = _today(rng)
    body = [
        para(f"Về việc {rng.choice(_TOPICS).format(y=d.year)}"),
        para(rng.choice(_PROSE)),
        para(rng.choice(_PROSE)),
        para(f"{body_name} thông báo để nhân dân được biết và thực hiện."),
    ]
    return _doc(
        rng,
        ("THÔNG BÁO",),
        body,
        agency=agency,
        number=f"Số: {rng.randint(1, 400)}/TB-UBND",
        when=place_date(rng, place, d),
        signers=(Signer(("TM. ỦY BAN NHÂN DÂN",), person(rng).name),),
    )


def minutes(rng: random.Random) -> DocumentContent:
    d = _today(rng)
    chair, clerk = person(rng), person(rng)
    body = [
        para(
            f"Hôm nay, vào lúc {rng.randint(7, 16)} giờ, {any_date(rng, d)}, tại "
            f"{rng.choice(('hội trường thôn', 'trụ sở công ty', 'phòng họp số 2'))}, chúng tôi gồm:"
        ),
        fld(rng, "Chủ trì", chair.name),
        fld(rng, "Thư ký", clerk.name),
        heading("NỘI DUNG CUỘC HỌP"),
        para(rng.choice(_PROSE)),
        para(rng.choice(_PROSE)),
        para("Cuộc họp kết thúc vào lúc 11 giờ cùng ngày. Biên bản được lập thành 02 bản."),
    ]
    title = rng.choice(
        (("BIÊN BẢN HỌP",), ("BIÊN BẢN", "Về việc kiểm tra hiện trạng"), ("BIÊN BẢN BÀN GIAO",))
    )
    return _doc(
        rng,
        title,
        body,
        signers=(
            Signer(("CHỦ TRÌ",), chair.name, sealed=False),
            Signer(("THƯ KÝ",), clerk.name, sealed=False),
        ),
    )


def contract(rng: random.Random) -> DocumentContent:
    a, b = person(rng), person(rng)
    d = _today(rng)
    kind = rng.choice(
        (
            "HỢP ĐỒNG LAO ĐỘNG",
            "HỢP ĐỒNG MUA BÁN HÀNG HÓA",
            "HỢP ĐỒNG THUÊ NHÀ",
            "HỢP ĐỒNG VAY TIỀN",
            "HỢP ĐỒNG DỊCH VỤ",
        )
    )
    body = [
        para("Căn cứ Bộ luật Dân sự năm 2015;"),
        para(f"Hôm nay, {any_date(rng, d)}, chúng tôi gồm có:"),
        heading("BÊN A:"),
        fld(rng, ("Ông/Bà", "Họ và tên"), a.name),
        fld(rng, "Số định danh cá nhân", a.id_number),
        fld(rng, "Địa chỉ", a.address),
        heading("BÊN B:"),
        fld(rng, ("Ông/Bà", "Họ và tên"), b.name),
        fld(rng, "Địa chỉ", b.address),
        para("Hai bên thỏa thuận ký kết hợp đồng với các điều khoản sau:"),
        para(f"Điều 1. Giá trị hợp đồng: {_money(rng.randint(5, 900) * 10**6)} đồng."),
        para(f"Điều 2. Thời hạn hợp đồng: {rng.choice((6, 12, 24, 36))} tháng kể từ ngày ký."),
        para("Điều 3. Hai bên cam kết thực hiện đúng các điều khoản đã thỏa thuận."),
    ]
    return _doc(
        rng,
        (kind,),
        body,
        signers=(
            Signer(("BÊN A",), a.name, sealed=False),
            Signer(("BÊN B",), b.name, sealed=False),
        ),
    )


def hospital(rng: random.Random) -> DocumentContent:
    p = person(rng)
    d = _today(rng)
    prov = pick_province(rng)
    body = [
        fld(rng, ("Họ tên người bệnh", "Họ và tên"), p.name.upper()),
        fld(rng, ("Ngày sinh", "Tuổi"), any_date(rng, p.birth)),
        fld(rng, "Giới tính", "Nam" if p.male else "Nữ"),
        fld(rng, "Địa chỉ", p.address),
        fld(rng, "Số thẻ BHYT", f"GD4{rng.randrange(10**11):011d}"),
        fld(rng, "Vào viện lúc", any_date(rng, d - timedelta(days=rng.randint(2, 20)))),
        fld(rng, "Ra viện lúc", any_date(rng, d)),
        fld(
            rng,
            "Chẩn đoán",
            rng.choice(
                (
                    "Viêm phổi",
                    "Sốt xuất huyết Dengue",
                    "Gãy xương cẳng tay",
                    "Tăng huyết áp",
                    "Viêm ruột thừa cấp",
                )
            ),
        ),
        fld(
            rng,
            "Phương pháp điều trị",
            rng.choice(("Nội khoa", "Phẫu thuật", "Kháng sinh, bù dịch")),
        ),
        fld(rng, "Lời dặn của thầy thuốc", "Tái khám sau 2 tuần, uống thuốc theo đơn."),
    ]
    title = rng.choice(
        (("GIẤY RA VIỆN",), ("GIẤY KHÁM SỨC KHỎE",), ("GIẤY CHUYỂN TUYẾN",), ("ĐƠN THUỐC",))
    )
    return _doc(
        rng,
        title,
        body,
        agency=("SỞ Y TẾ " + prov.name.upper(), "BỆNH VIỆN ĐA KHOA " + prov.name.upper()),
        number=f"Số lưu trữ: {rng.randint(1, 99999)}",
        signers=(Signer(("GIÁM ĐỐC",), person(rng).name),),
    )


def cv(rng: random.Random) -> DocumentContent:
    p = person(rng)
    body = [
        heading("I. THÔNG TIN BẢN THÂN"),
        fld(rng, "Họ và tên", p.name.upper()),
        fld(rng, "Ngày sinh", any_date(rng, p.birth)),
        fld(rng, "Nơi sinh", p.birth_province),
        fld(rng, "Số định danh cá nhân", p.id_number),
        fld(rng, "Hộ khẩu thường trú", p.address),
        fld(rng, "Trình độ văn hóa", "12/12"),
        heading("II. QUAN HỆ GIA ĐÌNH"),
        fld(rng, "Họ và tên cha", person(rng, male=True).name),
        fld(rng, "Họ và tên mẹ", person(rng, male=False).name),
        heading("III. QUÁ TRÌNH HỌC TẬP VÀ CÔNG TÁC"),
        para(f"Từ năm {p.birth.year + 18} đến năm {p.birth.year + 22}: học đại học."),
        para("Tôi xin cam đoan những lời khai trên là đúng sự thật."),
    ]
    return _doc(
        rng, ("SƠ YẾU LÝ LỊCH",), body, signers=(Signer(("NGƯỜI KHAI",), p.name, sealed=False),)
    )


def driving_licence(rng: random.Random) -> DocumentContent:
    p = person(rng)
    d = _today(rng)
    body = [
        fld(rng, "Số / No", f"{rng.randrange(10**12):012d}"),
        fld(rng, "Họ tên / Full name", p.name.upper()),
        fld(rng, "Ngày sinh / Date of birth", any_date(rng, p.birth)),
        fld(rng, "Quốc tịch / Nationality", "VIỆT NAM"),
        fld(rng, "Nơi cư trú / Address", p.address),
        fld(rng, "Hạng / Class", rng.choice(("A1", "A2", "B1", "B2", "C"))),
        fld(rng, "Có giá trị đến / Expires", any_date(rng, d + timedelta(days=3650))),
    ]
    return _doc(
        rng,
        ("GIẤY PHÉP LÁI XE", "DRIVER'S LICENSE"),
        body,
        agency=("SỞ GIAO THÔNG VẬN TẢI",),
        when=place_date(rng, p.province.name, d),
        signers=(Signer(("GIÁM ĐỐC",), person(rng).name),),
    )


def vehicle_registration(rng: random.Random) -> DocumentContent:
    p = person(rng)
    body = [
        fld(rng, "Tên chủ xe", p.name.upper()),
        fld(rng, "Địa chỉ", p.address),
        fld(rng, "Nhãn hiệu", rng.choice(("HONDA", "YAMAHA", "TOYOTA", "VINFAST"))),
        fld(rng, "Số loại", rng.choice(("WAVE ALPHA", "VISION", "VIOS", "LUX A2.0"))),
        fld(rng, "Màu sơn", rng.choice(("Đen", "Trắng", "Đỏ", "Xanh"))),
        fld(rng, "Số máy", f"JA{rng.randrange(10**8):08d}"),
        fld(rng, "Số khung", f"RLH{rng.randrange(10**10):010d}"),
        fld(
            rng,
            "Biển số đăng ký",
            f"{rng.randint(11, 99)}-{rng.choice('ABCDEFGH')}{rng.randint(1, 9)} "
            f"{rng.randint(100, 999)}.{rng.randint(10, 99)}",
        ),
    ]
    return _doc(
        rng,
        (
            "GIẤY CHỨNG NHẬN ĐĂNG KÝ XE",
            rng.choice(("XE MÔ TÔ, XE MÁY", "Ô TÔ", "VEHICLE REGISTRATION CERTIFICATE")),
        ),
        body,
        agency=("CÔNG AN " + p.province.full.upper(),),
        when=place_date(rng, p.province.name, _today(rng)),
        signers=(Signer(("TRƯỞNG PHÒNG",), person(rng).name),),
    )


def bank_statement(rng: random.Random) -> DocumentContent:
    p = person(rng)
    d = _today(rng)
    rows: list[tuple[str, ...]] = []
    balance = rng.randint(1, 90) * 10**6
    for _ in range(rng.randint(3, 7)):
        amount = rng.randint(1, 50) * 10**5
        balance += amount if rng.random() < 0.5 else -amount
        rows.append(
            (
                any_date(rng, d),
                rng.choice(("Chuyển tiền", "Rút tiền ATM", "Thanh toán QR", "Lãi tiền gửi")),
                _money(amount),
                _money(balance),
            )
        )
    body = [
        fld(rng, "Tên khách hàng", p.name.upper()),
        fld(rng, "Số tài khoản", f"{rng.randrange(10**13):013d}"),
        fld(rng, "Loại tiền", "VND"),
        *table(("Ngày giao dịch", "Nội dung", "Số tiền", "Số dư"), rows),
    ]
    return _doc(
        rng,
        ("SAO KÊ TÀI KHOẢN", "ACCOUNT STATEMENT"),
        body,
        agency=(
            rng.choice(
                (
                    "NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM",
                    "NGÂN HÀNG NÔNG NGHIỆP",
                    "NGÂN HÀNG TMCP Á CHÂU",
                )
            ),
        ),
        motto=False,
    )


def insurance_card(rng: random.Random) -> DocumentContent:
    p = person(rng)
    d = _today(rng)
    body = [
        fld(rng, "Mã số", f"{rng.choice(('GD', 'HT', 'DN', 'HS'))}4{rng.randrange(10**11):011d}"),
        fld(rng, "Họ và tên", p.name.upper()),
        fld(rng, "Ngày sinh", any_date(rng, p.birth)),
        fld(rng, "Giới tính", "Nam" if p.male else "Nữ"),
        fld(rng, "Địa chỉ", p.address),
        fld(rng, "Nơi đăng ký KCB ban đầu", "Trạm Y tế " + rng.choice(p.province.wards)),
        fld(rng, "Giá trị sử dụng", f"từ ngày {any_date(rng, d)}"),
    ]
    return _doc(
        rng, ("THẺ BẢO HIỂM Y TẾ",), body, agency=("BẢO HIỂM XÃ HỘI VIỆT NAM",), motto=False
    )


def other_certificate(rng: random.Random) -> DocumentContent:
    p = person(rng)
    what = rng.choice(
        (
            ("GIẤY CHỨNG NHẬN", "ĐỦ ĐIỀU KIỆN AN TOÀN THỰC PHẨM"),
            ("GIẤY CHỨNG NHẬN", "HOÀN THÀNH KHÓA HỌC"),
            ("GIẤY CHỨNG NHẬN", "HIẾN MÁU TÌNH NGUYỆN"),
            ("CHỨNG NHẬN", "ĐÃ TIÊM VẮC XIN"),
            ("GIẤY KHEN",),
            ("GIẤY CHỨNG NHẬN", "ĐĂNG KÝ MÃ SỐ MÃ VẠCH"),
        )
    )
    body = [
        fld(rng, ("Chứng nhận", "Cấp cho", "Họ và tên"), p.name),
        fld(rng, "Ngày sinh", any_date(rng, p.birth)),
        fld(rng, "Địa chỉ", p.address),
        para(
            rng.choice(
                (
                    "Đã hoàn thành chương trình bồi dưỡng kiến thức quản lý nhà nước.",
                    "Cơ sở đủ điều kiện an toàn thực phẩm theo quy định để sản xuất, kinh doanh.",
                    "Đã có thành tích xuất sắc trong phong trào thi đua năm học.",
                    "Đã hiến máu tình nguyện lần thứ " + str(rng.randint(1, 20)) + ".",
                )
            )
        ),
        para(f"Giấy chứng nhận có hiệu lực {rng.choice((1, 2, 3))} năm kể từ ngày cấp."),
    ]
    return _doc(
        rng,
        what,
        body,
        agency=(
            rng.choice(
                (
                    "SỞ Y TẾ",
                    "BAN QUẢN LÝ AN TOÀN THỰC PHẨM",
                    "TRUNG TÂM BỒI DƯỠNG CHÍNH TRỊ",
                    "HỘI CHỮ THẬP ĐỎ",
                )
            ),
        ),
        number=f"Số: {rng.randint(1, 9999)}/GCN",
        when=place_date(rng, p.province.name, _today(rng)),
        signers=(Signer(("GIÁM ĐỐC",), person(rng).name),),
    )


def generic_confirmation(rng: random.Random) -> DocumentContent:
    p = person(rng)
    org = rng.choice(
        (
            "TRƯỜNG ĐẠI HỌC KINH TẾ",
            "CÔNG TY CỔ PHẦN MAY XUẤT KHẨU",
            "TRƯỜNG TRUNG HỌC PHỔ THÔNG",
            "BỆNH VIỆN ĐA KHOA",
        )
    )
    what = rng.choice(
        (
            "là sinh viên năm thứ " + str(rng.randint(1, 4)) + " của trường",
            "đang công tác tại đơn vị từ năm " + str(rng.randint(2005, 2022)),
            "có mức thu nhập bình quân " + _money(rng.randint(5, 40) * 10**6) + " đồng/tháng",
            "là học sinh lớp " + str(rng.randint(10, 12)) + " của trường",
        )
    )
    body = [
        para(f"{org.title()} xác nhận:"),
        fld(rng, ("Anh/Chị", "Họ và tên"), p.name),
        fld(rng, "Ngày sinh", any_date(rng, p.birth)),
        fld(rng, "Số định danh cá nhân", p.id_number),
        para(f"Hiện {what}."),
        para("Giấy xác nhận này cấp để bổ sung hồ sơ vay vốn ưu đãi."),
    ]
    title = rng.choice(
        (
            ("GIẤY XÁC NHẬN",),
            ("GIẤY XÁC NHẬN", "SINH VIÊN"),
            ("XÁC NHẬN", "THU NHẬP"),
            ("GIẤY XÁC NHẬN CÔNG TÁC",),
        )
    )
    return _doc(
        rng,
        title,
        body,
        agency=(org,),
        when=place_date(rng, p.province.name, _today(rng)),
        signers=(Signer(("HIỆU TRƯỞNG" if "TRƯỜNG" in org else "GIÁM ĐỐC",), person(rng).name),),
    )


def tax_payment(rng: random.Random) -> DocumentContent:
    p = person(rng)
    body = [
        fld(rng, "Người nộp thuế", rng.choice(_COMPANIES)),
        fld(rng, "Mã số thuế", f"0{rng.randrange(10**9):09d}"),
        fld(rng, "Địa chỉ", address(rng)),
        fld(rng, "Đề nghị NH/KBNN", "trích tài khoản số " + f"{rng.randrange(10**12):012d}"),
        fld(rng, "Nộp vào NSNN", "Kho bạc Nhà nước " + p.province.name),
        *table(
            ("STT", "Nội dung các khoản nộp NSNN", "Số tiền"),
            [
                (
                    "1",
                    rng.choice(
                        ("Thuế giá trị gia tăng", "Lệ phí môn bài", "Thuế thu nhập doanh nghiệp")
                    ),
                    _money(rng.randint(1, 90) * 10**6),
                )
            ],
        ),
    ]
    return _doc(
        rng,
        ("GIẤY NỘP TIỀN VÀO NGÂN SÁCH NHÀ NƯỚC",),
        body,
        motto=False,
        when=place_date(rng, p.province.name, _today(rng)),
        signers=(Signer(("NGƯỜI NỘP TIỀN",), p.name, sealed=False),),
    )


def report(rng: random.Random) -> DocumentContent:
    agency, body_name, _seal, place = commune_agency(rng)
    d = _today(rng)
    body = [para(f"Kết quả thực hiện {rng.choice(_TOPICS).format(y=d.year)}")]
    body += [para(rng.choice(_PROSE)) for _ in range(rng.randint(3, 6))]
    body += table(
        ("Chỉ tiêu", "Kế hoạch", "Thực hiện"),
        [
            (
                rng.choice(("Hồ sơ tiếp nhận", "Hồ sơ giải quyết đúng hạn", "Hồ sơ trực tuyến")),
                str(rng.randint(100, 900)),
                str(rng.randint(100, 900)),
            )
            for _ in range(3)
        ],
    )
    return _doc(
        rng,
        ("BÁO CÁO",),
        body,
        agency=agency,
        number=f"Số: {rng.randint(1, 500)}/BC-UBND",
        when=place_date(rng, place, d),
        signers=(Signer(("TM. ỦY BAN NHÂN DÂN",), person(rng).name),),
    )


def prose(rng: random.Random) -> DocumentContent:
    body = [para(rng.choice(_PROSE)) for _ in range(rng.randint(2, 8))]
    return _doc(rng, (), body, motto=False)


def english(rng: random.Random) -> DocumentContent:
    body = [para(rng.choice(_ENGLISH)) for _ in range(rng.randint(2, 6))]
    return _doc(
        rng,
        (rng.choice(("INVOICE", "LETTER", "CERTIFICATE OF ATTENDANCE", "")),),
        body,
        motto=False,
    )


def gibberish(rng: random.Random) -> DocumentContent:
    pool = "abcdeghiklmnopqrstuvxyăâđêôơư0123456789 .,:;-'|!ÁÀẢÃẠ"
    body = [
        para("".join(rng.choice(pool) for _ in range(rng.randint(3, 60))))
        for _ in range(rng.randint(1, 12))
    ]
    return _doc(rng, (), body, motto=False)


KINDS: dict[str, Callable[[random.Random], DocumentContent]] = {
    "invoice": invoice,
    "fee_receipt": fee_receipt,
    "intake_receipt": intake_receipt,
    "invitation": invitation,
    "official_letter": official_letter,
    "decision": decision,
    "notice": notice,
    "minutes": minutes,
    "contract": contract,
    "hospital": hospital,
    "cv": cv,
    "driving_licence": driving_licence,
    "vehicle_registration": vehicle_registration,
    "bank_statement": bank_statement,
    "insurance_card": insurance_card,
    "other_certificate": other_certificate,
    "generic_confirmation": generic_confirmation,
    "tax_payment": tax_payment,
    "report": report,
    "prose": prose,
    "english": english,
    "gibberish": gibberish,
}


def make_negative(rng: random.Random, kind: str | None = None) -> DocumentContent:
    """A paper of none of the known types (``kind`` from ``KINDS``, or drawn)."""
    return KINDS[kind or rng.choice(sorted(KINDS))](rng)


__all__ = ["KINDS", "make_negative"]
