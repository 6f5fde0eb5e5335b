"""Identity, residence, business, land, building, attorney, forms and diplomas."""

from __future__ import annotations

import random
import unicodedata
from datetime import date, timedelta

from .civil import BIRTH, ID, NAME, RESIDENCE
from .content import (
    DocumentContent,
    Line,
    Signer,
    any_date,
    as_dict,
    commune_agency,
    fld,
    heading,
    issue_date,
    name_value,
    number,
    number_line,
    numeric,
    para,
    place_date,
    sex,
    table,
    title_of,
)
from .people import RELIGIONS, STREETS, address, person, pick_province

POLICE_DEPT = "Cục Cảnh sát quản lý hành chính về trật tự xã hội"


def id_card(rng: random.Random) -> DocumentContent:
    p = person(rng, born_from=1945, born_to=2008)
    new_card = rng.random() < 0.4  # "Căn cước" (since 1 July 2024) or "Căn cước công dân"
    issued = issue_date(rng, date(2024, 7, 1) if new_card else date(2016, 1, 1))
    if not new_card and issued > date(2024, 6, 30):
        issued = date(2024, 6, rng.randint(1, 28))
    age_at = issued.year - p.birth.year
    expiry = next(
        (
            date(p.birth.year + a, p.birth.month, min(p.birth.day, 28))
            for a in (25, 40, 60)
            if a > age_at + 2
        ),
        None,
    )
    title = (
        ("CĂN CƯỚC", "IDENTITY CARD")
        if new_card
        else ("CĂN CƯỚC CÔNG DÂN", "Citizen Identity Card")
    )
    front = [
        fld(
            rng,
            ("Số định danh cá nhân / Personal identification number", "Số / No.")
            if new_card
            else ("Số / No.",),
            p.id_number,
        ),
        fld(
            rng,
            "Họ, chữ đệm và tên / Full name" if new_card else "Họ và tên / Full name",
            p.name.upper(),
            sep=":\n",
        ),
        fld(rng, "Ngày sinh / Date of birth", numeric(p.birth)),
        fld(rng, "Giới tính / Sex", sex(p)),
        fld(rng, "Quốc tịch / Nationality", "Việt Nam"),
        fld(
            rng,
            ("Quê quán / Place of origin", "Nơi đăng ký khai sinh / Place of birth"),
            p.hometown,
            sep=":\n",
        ),
        fld(rng, "Nơi thường trú / Place of residence", p.address, sep=":\n"),
        fld(
            rng, "Có giá trị đến / Date of expiry", numeric(expiry) if expiry else "Không thời hạn"
        ),
    ]
    back = [
        fld(
            rng,
            "Đặc điểm nhân dạng / Personal identification",
            rng.choice(
                (
                    "Sẹo chấm C:1cm dưới sau cánh mũi trái",
                    "Nốt ruồi C:2cm trên trước đầu mày phải",
                    "Sẹo chấm C:3cm dưới sau mép trái",
                )
            ),
        ),
        fld(rng, "Ngày, tháng, năm / Date, month, year", numeric(issued)),
    ]
    signer = Signer(
        ("CỤC TRƯỞNG CỤC CẢNH SÁT", "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI")
        if not new_card
        else ("BỘ CÔNG AN",),
        person(rng, male=True).name,
    )
    return DocumentContent(
        doc_type="can_cuoc",
        agency=(),
        number="",
        place_date="",
        title=title,
        body=tuple(front + back),
        signers=(signer,),
        fields=as_dict(
            ("so_dinh_danh", p.id_number),
            ("ho_ten", p.name),
            ("ngay_sinh", numeric(p.birth)),
            ("ngay_cap", numeric(issued)),
            ("co_quan_cap", "Bộ Công an" if new_card else POLICE_DEPT),
            ("thoi_han", numeric(expiry) if expiry else "Không thời hạn"),
        ),
        seal_text="CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI * BỘ CÔNG AN",
        form="card",
        motto=("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
        extra={
            "english_motto": (
                "SOCIALIST REPUBLIC OF VIET NAM",
                "Independence - Freedom - Happiness",
            ),
            "front_fields": len(front),
        },
    )


def residence(rng: random.Random) -> DocumentContent:
    p = person(rng, born_from=1950, born_to=2006)
    prov = p.province
    ward = rng.choice(prov.wards)
    agency = (f"CÔNG AN {prov.full.upper()}", f"CÔNG AN {ward.upper()}")
    body_name = f"Công an {ward}"
    issued = issue_date(rng, date(2021, 7, 1))
    so = number(rng, "XN", issued.year)
    head = person(rng, born_from=1940, born_to=1990)
    body: list[Line] = [
        para(f"{body_name} xác nhận thông tin về cư trú của công dân như sau:"),
        fld(rng, NAME, name_value(rng, p)),
        fld(rng, BIRTH, any_date(rng, p.birth)),
        fld(rng, "Giới tính", sex(p)),
        fld(rng, ID, p.id_number),
        fld(rng, "Dân tộc", p.ethnicity),
        fld(rng, "Tôn giáo", rng.choice(RELIGIONS)),
        fld(rng, "Quốc tịch", "Việt Nam"),
        fld(rng, "Quê quán", p.hometown),
        fld(rng, "Nơi thường trú", p.address),
        fld(
            rng,
            ("Nơi ở hiện tại", "Nơi tạm trú"),
            p.address if rng.random() < 0.6 else address(rng),
        ),
        fld(rng, ("Họ, chữ đệm và tên chủ hộ", "Họ tên chủ hộ"), head.name),
        fld(rng, "Quan hệ với chủ hộ", rng.choice(("Con", "Vợ", "Chồng", "Cháu", "Chủ hộ"))),
    ]
    if rng.random() < 0.6:
        members = [person(rng, born_from=1945, born_to=2020) for _ in range(rng.randint(2, 4))]
        rows = [
            (
                str(i + 1),
                m.name,
                numeric(m.birth),
                sex(m),
                m.id_number,
                rng.choice(("Chủ hộ", "Vợ", "Con", "Mẹ", "Cháu")),
            )
            for i, m in enumerate(members)
        ]
        body.append(heading("Thông tin về các thành viên trong hộ gia đình:"))
        body += table(
            (
                "STT",
                "Họ, chữ đệm và tên",
                "Ngày sinh",
                "Giới tính",
                "Số định danh cá nhân",
                "Quan hệ với chủ hộ",
            ),
            rows,
        )
    valid = rng.choice((30, 30, 60))
    body.append(para(f"Thông tin này có giá trị sử dụng {valid} ngày kể từ ngày cấp."))
    return DocumentContent(
        doc_type="xac_nhan_cu_tru",
        agency=agency,
        number=number_line(rng, so),
        place_date=place_date(rng, prov.name, issued),
        title=rng.choice(
            (
                ("XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ",),
                ("GIẤY XÁC NHẬN", "THÔNG TIN VỀ CƯ TRÚ"),
                ("XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ", "(Mẫu CT07)"),
            )
        ),
        body=tuple(body),
        signers=(
            Signer(
                rng.choice((("TRƯỞNG CÔNG AN",), ("THỦ TRƯỞNG CƠ QUAN", "ĐĂNG KÝ CƯ TRÚ"))),
                person(rng).name,
            ),
        ),
        fields=as_dict(
            ("so_dinh_danh", p.id_number),
            ("ho_ten", p.name),
            ("ngay_sinh", numeric(p.birth)),
            ("so_ky_hieu", so),
            ("ngay_cap", numeric(issued)),
            ("co_quan_cap", body_name),
            ("thoi_han", f"{valid} ngày"),
        ),
        seal_text=f"CÔNG AN {ward.upper()} * {prov.full.upper()}",
    )


_TRADE = (
    "Minh Phát",
    "Thành Công",
    "Hòa Bình",
    "Phú Quý",
    "An Khang",
    "Việt Tiến",
    "Đại Nam",
    "Hưng Thịnh",
    "Tân Á",
    "Bảo Long",
    "Sao Việt",
    "Nam Á",
)
_LINES = (
    "THƯƠNG MẠI VÀ DỊCH VỤ",
    "XÂY DỰNG",
    "CÔNG NGHỆ",
    "VẬN TẢI",
    "ĐẦU TƯ",
    "THỰC PHẨM",
    "TƯ VẤN THIẾT KẾ",
    "DU LỊCH",
)


def _ascii(s: str) -> str:
    s = s.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def enterprise(rng: random.Random) -> DocumentContent:
    rep = person(rng, born_from=1955, born_to=2000)
    prov = pick_province(rng)
    mst = f"{rng.choice(('01', '03', '02', '04', '08', '23', '31'))}{rng.randrange(10**8):08d}"
    if rng.random() < 0.15:
        mst += f"-{rng.randint(1, 30):03d}"
    trade, line = rng.choice(_TRADE), rng.choice(_LINES)
    kind = rng.choice(("CÔNG TY TNHH", "CÔNG TY CỔ PHẦN", "CÔNG TY TRÁCH NHIỆM HỮU HẠN"))
    name = f"{kind} {line} {trade.upper()}"
    first = issue_date(rng)
    changed = first + timedelta(days=rng.randint(60, 2000))
    body_name = f"Phòng Đăng ký kinh doanh - Sở Kế hoạch và Đầu tư {prov.full}"
    cap = rng.choice((1, 2, 5, 10, 20)) * 10**9
    body: list[Line] = [
        fld(rng, ("Mã số doanh nghiệp", "MÃ SỐ DOANH NGHIỆP"), mst),
        para(f"Đăng ký lần đầu: {any_date(rng, first)}"),
    ]
    if rng.random() < 0.6:
        body.append(
            para(f"Đăng ký thay đổi lần thứ: {rng.randint(1, 6)}, {any_date(rng, changed)}")
        )
    body += [
        heading("1. Tên công ty"),
        fld(rng, "Tên công ty viết bằng tiếng Việt", name),
        fld(
            rng,
            "Tên công ty viết bằng tiếng nước ngoài",
            f"{_ascii(trade).upper()} {rng.choice(('TRADING', 'CONSTRUCTION', 'TECHNOLOGY'))} "
            f"{rng.choice(('COMPANY LIMITED', 'JOINT STOCK COMPANY'))}",
        ),
        fld(rng, "Tên công ty viết tắt", f"{_ascii(trade).upper().replace(' ', '')} CO., LTD"),
        heading("2. Địa chỉ trụ sở chính"),
        para(address(rng, prov)),
        para(
            f"Điện thoại: 0{rng.randint(20, 29)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
        ),
        heading("3. Vốn điều lệ"),
        para(f"{cap:,}".replace(",", ".") + " đồng"),
        heading(
            rng.choice(
                (
                    "4. Người đại diện theo pháp luật của công ty",
                    "4. Thông tin về chủ sở hữu",
                    "4. Người đại diện theo pháp luật",
                )
            )
        ),
        fld(rng, ("Họ và tên", "* Họ và tên"), rep.name.upper()),
        fld(rng, "Giới tính", sex(rep)),
        fld(rng, ("Sinh ngày", "Ngày sinh"), any_date(rng, rep.birth)),
        fld(rng, "Dân tộc", rep.ethnicity),
        fld(rng, "Quốc tịch", "Việt Nam"),
        fld(rng, "Loại giấy tờ pháp lý của cá nhân", "Căn cước công dân"),
        fld(rng, ("Số giấy tờ pháp lý của cá nhân", "Số định danh cá nhân"), rep.id_number),
        fld(rng, "Địa chỉ thường trú", rep.address),
    ]
    return DocumentContent(
        doc_type="giay_chung_nhan_dang_ky_doanh_nghiep",
        agency=(f"SỞ KẾ HOẠCH VÀ ĐẦU TƯ {prov.full.upper()}", "PHÒNG ĐĂNG KÝ KINH DOANH"),
        number="",
        place_date="",
        title=rng.choice(
            (
                (
                    "GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP",
                    kind.replace("TNHH", "TRÁCH NHIỆM HỮU HẠN"),
                ),
                ("GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP",),
            )
        ),
        body=tuple(body),
        signers=(
            Signer(
                rng.choice((("TRƯỞNG PHÒNG",), ("KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"))),
                person(rng).name,
            ),
        ),
        fields=as_dict(
            ("so_dinh_danh", rep.id_number),
            ("ho_ten", rep.name),
            ("ngay_sinh", numeric(rep.birth)),
            ("ma_so_doanh_nghiep", mst),
            ("ngay_cap", numeric(first)),
            ("co_quan_cap", body_name),
        ),
        seal_text=f"PHÒNG ĐĂNG KÝ KINH DOANH * SỞ KẾ HOẠCH VÀ ĐẦU TƯ {prov.full.upper()}",
    )


def household_business(rng: random.Random) -> DocumentContent:
    owner = person(rng, born_from=1955, born_to=2002)
    prov = owner.province
    district = rng.choice(prov.districts)
    code = f"{rng.randint(1, 99):02d}{rng.choice('ABCDEFGHK')}{rng.randint(8, 9)}{rng.randrange(10**7):07d}"
    issued = issue_date(rng)
    body_name = f"Phòng Tài chính - Kế hoạch {district}"
    body: list[Line] = [
        fld(rng, ("Mã số hộ kinh doanh", "Số"), code),
        para(f"Đăng ký lần đầu, {any_date(rng, issued)}"),
        fld(
            rng,
            "1. Tên hộ kinh doanh",
            rng.choice(("CỬA HÀNG", "TẠP HÓA", "QUÁN", "TIỆM")) + f" {rng.choice(_TRADE).upper()}",
        ),
        fld(rng, "2. Địa điểm kinh doanh", address(rng, prov)),
        fld(
            rng,
            "3. Ngành, nghề kinh doanh",
            rng.choice(
                (
                    "Bán lẻ lương thực, thực phẩm, đồ uống",
                    "Dịch vụ ăn uống",
                    "Sửa chữa xe máy",
                    "Bán lẻ hàng may mặc",
                    "Cắt tóc, gội đầu",
                )
            ),
        ),
        fld(rng, "4. Vốn kinh doanh", f"{rng.choice((50, 100, 200, 500))}.000.000 đồng"),
        fld(rng, "5. Số lượng lao động", str(rng.randint(1, 9))),
        fld(
            rng,
            ("6. Họ và tên đại diện hộ kinh doanh", "6. Chủ hộ kinh doanh"),
            name_value(rng, owner),
        ),
        fld(rng, "Giới tính", sex(owner)),
        fld(rng, ("Sinh ngày", "Ngày sinh"), any_date(rng, owner.birth)),
        fld(rng, "Dân tộc", owner.ethnicity),
        fld(rng, "Quốc tịch", "Việt Nam"),
        fld(rng, ID, owner.id_number),
        fld(rng, RESIDENCE, owner.address),
    ]
    return DocumentContent(
        doc_type="giay_chung_nhan_dang_ky_ho_kinh_doanh",
        agency=(f"UBND {district.upper()}", "PHÒNG TÀI CHÍNH - KẾ HOẠCH"),
        number="",
        place_date=place_date(rng, prov.name, issued) if rng.random() < 0.5 else "",
        title=("GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH",),
        body=tuple(body),
        signers=(Signer(("TRƯỞNG PHÒNG",), person(rng).name),),
        fields=as_dict(
            ("so_dinh_danh", owner.id_number),
            ("ho_ten", owner.name),
            ("ngay_sinh", numeric(owner.birth)),
            ("so_ky_hieu", code),
            ("ngay_cap", numeric(issued)),
            ("co_quan_cap", body_name),
        ),
        seal_text=f"PHÒNG TÀI CHÍNH - KẾ HOẠCH * {district.upper()}",
    )


def land_certificate(rng: random.Random) -> DocumentContent:
    owner = person(rng, born_from=1940, born_to=1995)
    spouse = person(rng, born_from=1940, born_to=1998, male=not owner.male)
    prov = owner.province
    issued = issue_date(rng)
    serial = f"{rng.choice(('CS', 'CT', 'CĐ', 'BY', 'DA'))} {rng.randrange(10**6):06d}"
    body_name = rng.choice(
        (
            f"Sở Tài nguyên và Môi trường {prov.full}",
            f"Ủy ban nhân dân {rng.choice(prov.districts)}",
        )
    )
    area = f"{rng.randint(40, 900)},{rng.randint(0, 9)}"
    unit = "m²" if rng.random() < 0.3 else "m2"
    long_term = rng.random() < 0.6
    term = "Lâu dài" if long_term else numeric(date(issued.year + 50, 12, 31))
    body: list[Line] = [
        heading("I. Người sử dụng đất, chủ sở hữu nhà ở và tài sản khác gắn liền với đất"),
        para(
            f"{title_of(owner, rng)}: {owner.name.upper()}, sinh ngày {numeric(owner.birth)}, "
            f"CCCD số: {owner.id_number}"
        ),
    ]
    if rng.random() < 0.6:
        body.append(
            para(
                f"{title_of(spouse, rng)}: {spouse.name.upper()}, sinh ngày "
                f"{numeric(spouse.birth)}, CCCD số: {spouse.id_number}"
            )
        )
    body += [
        para(f"Địa chỉ thường trú: {owner.address}"),
        heading("II. Thửa đất, nhà ở và tài sản khác gắn liền với đất"),
    ]
    plot = [
        ("Thửa đất số", str(rng.randint(1, 999))),
        ("Tờ bản đồ số", str(rng.randint(1, 80))),
        ("Diện tích", f"{area} {unit}"),
        ("Hình thức sử dụng", "Sử dụng riêng"),
        (
            "Mục đích sử dụng",
            rng.choice(("Đất ở tại đô thị", "Đất ở tại nông thôn", "Đất trồng cây lâu năm")),
        ),
        ("Thời hạn sử dụng", term),
        (
            "Nguồn gốc sử dụng",
            rng.choice(
                (
                    "Nhận chuyển nhượng đất được Công nhận QSDĐ như giao đất có thu tiền sử dụng đất",
                    "Nhà nước giao đất có thu tiền sử dụng đất",
                )
            ),
        ),
    ]
    if rng.random() < 0.4:
        body += table(("Nội dung", "Thông tin"), plot[:6])
    else:
        letters = "abcdđeg"
        body += [fld(rng, f"{letters[i]}) {k}", v) for i, (k, v) in enumerate(plot)]
    body.append(fld(rng, "Địa chỉ thửa đất", address(rng, prov)))
    body.append(
        fld(
            rng,
            ("Số vào sổ cấp GCN", "Số vào sổ cấp giấy chứng nhận"),
            f"{serial.replace(' ', '')[:2]}{rng.randint(100, 99999):05d}",
        )
    )
    return DocumentContent(
        doc_type="giay_chung_nhan_quyen_su_dung_dat",
        agency=(),
        number="",
        place_date=place_date(rng, prov.name, issued),
        title=rng.choice(
            (
                (
                    "GIẤY CHỨNG NHẬN",
                    "QUYỀN SỬ DỤNG ĐẤT, QUYỀN SỞ HỮU NHÀ Ở",
                    "VÀ TÀI SẢN KHÁC GẮN LIỀN VỚI ĐẤT",
                ),
                ("GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT",),
            )
        ),
        body=(Line("number", serial),) + tuple(body),
        signers=(
            Signer(
                rng.choice(
                    (
                        ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
                        ("GIÁM ĐỐC",),
                        ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
                    )
                ),
                person(rng).name,
            ),
        ),
        fields=as_dict(
            ("so_dinh_danh", owner.id_number),
            ("ho_ten", owner.name),
            ("ngay_sinh", numeric(owner.birth)),
            ("so_ky_hieu", serial),
            ("ngay_cap", numeric(issued)),
            ("co_quan_cap", body_name),
            ("thoi_han", term),
        ),
        seal_text=body_name.upper()
        .replace(" TỈNH", " * TỈNH")
        .replace(" THÀNH PHỐ", " * THÀNH PHỐ"),
        paper=rng.choice(("pink", "pink", "white")),
    )


def building_permit(rng: random.Random) -> DocumentContent:
    owner = person(rng, born_from=1950, born_to=1998)
    prov = owner.province
    district = rng.choice(prov.districts)
    issued = issue_date(rng)
    so = number(rng, "GPXD", issued.year)
    months = rng.choice((6, 12, 12))
    floors = rng.randint(2, 6)
    body: list[Line] = [
        para("(Sử dụng cho nhà ở riêng lẻ)") if rng.random() < 0.6 else para("(Cấp mới)"),
        fld(rng, "1. Cấp cho", f"{title_of(owner, rng)} {owner.name}"),
        fld(rng, ("Ngày sinh", "Sinh ngày"), any_date(rng, owner.birth)),
        fld(rng, ("Số định danh cá nhân", "Số CCCD"), owner.id_number),
        fld(rng, "Địa chỉ", owner.address),
        fld(rng, "2. Được phép xây dựng công trình", "Nhà ở riêng lẻ"),
        para(f"- Theo thiết kế: Hồ sơ thiết kế do Công ty {rng.choice(_TRADE)} lập."),
        para("- Gồm các nội dung sau:"),
        para(
            f"+ Vị trí xây dựng: thửa đất số {rng.randint(1, 900)}, tờ bản đồ số {rng.randint(1, 60)}, "
            f"đường {rng.choice(STREETS)}"
        ),
        para(f"+ Cốt nền xây dựng công trình: +0,{rng.randint(15, 60)}m"),
        para(
            f"+ Mật độ xây dựng: {rng.randint(60, 100)}%; Hệ số sử dụng đất: {rng.randint(2, 6)},{rng.randint(0, 9)}"
        ),
        para(
            f"+ Chiều cao công trình: {floors * 3 + rng.randint(1, 3)},{rng.randint(0, 9)}m; "
            f"số tầng: {floors} tầng"
        ),
        para(f"+ Diện tích xây dựng tầng 1: {rng.randint(40, 150)},{rng.randint(0, 9)}m2"),
        fld(
            rng,
            "3. Giấy tờ về quyền sử dụng đất",
            f"Giấy chứng nhận số CS {rng.randrange(10**6):06d}",
        ),
        para(
            f"4. Giấy phép này có hiệu lực khởi công xây dựng trong thời hạn {months} tháng "
            "kể từ ngày cấp; quá thời hạn trên thì phải đề nghị gia hạn giấy phép xây dựng."
        ),
    ]
    return DocumentContent(
        doc_type="giay_phep_xay_dung",
        agency=(f"UBND {district.upper()}",)
        if rng.random() < 0.6
        else (f"UBND {prov.full.upper()}", "SỞ XÂY DỰNG"),
        number=number_line(rng, so),
        place_date=place_date(rng, prov.name, issued),
        title=rng.choice((("GIẤY PHÉP XÂY DỰNG",), ("GIẤY PHÉP XÂY DỰNG", f"Số: {so}"))),
        body=tuple(body),
        signers=(
            Signer(
                rng.choice(
                    (("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), ("GIÁM ĐỐC",))
                ),
                person(rng).name,
            ),
        ),
        fields=as_dict(
            ("so_dinh_danh", owner.id_number),
            ("ho_ten", owner.name),
            ("ngay_sinh", numeric(owner.birth)),
            ("so_ky_hieu", so),
            ("ngay_cap", numeric(issued)),
            ("co_quan_cap", f"Ủy ban nhân dân {district}"),
            ("thoi_han", f"{months} tháng"),
        ),
        seal_text=f"ỦY BAN NHÂN DÂN {district.upper()} * {prov.full.upper()}",
    )


def power_of_attorney(rng: random.Random) -> DocumentContent:
    a = person(rng, born_from=1945, born_to=2000)
    b = person(rng, born_from=1950, born_to=2004)
    signed = issue_date(rng)
    until = signed + timedelta(days=rng.choice((180, 365, 730)))
    old_id = rng.random() < 0.35
    body: list[Line] = []
    if rng.random() < 0.5:
        body.append(para("Căn cứ Bộ luật Dân sự năm 2015 và các văn bản hướng dẫn thi hành;"))
    body.append(para(f"Hôm nay, {any_date(rng, signed)}, tại {a.province.name}, chúng tôi gồm có:"))
    for head, p, old in (("I. BÊN ỦY QUYỀN", a, old_id), ("II. BÊN ĐƯỢC ỦY QUYỀN", b, False)):
        body.append(heading(f"{head}:" if rng.random() < 0.5 else head))
        body.append(fld(rng, NAME, name_value(rng, p)))
        body.append(fld(rng, BIRTH, any_date(rng, p.birth)))
        if old:
            body.append(fld(rng, ("Số CMND", "Chứng minh nhân dân số"), p.cmnd))
        body.append(fld(rng, ID, p.id_number))
        body.append(fld(rng, RESIDENCE, p.address))
    task = rng.choice(
        (
            "nộp hồ sơ và nhận kết quả thủ tục đăng ký biến động đất đai",
            "làm thủ tục cấp lại giấy chứng nhận quyền sử dụng đất",
            "nhận lương hưu và trợ cấp bảo hiểm xã hội hằng tháng",
            "liên hệ cơ quan có thẩm quyền làm thủ tục đăng ký hộ kinh doanh",
        )
    )
    body += [
        heading("III. NỘI DUNG ỦY QUYỀN:"),
        para(f"Bên được ủy quyền được thay mặt bên ủy quyền {task} theo quy định."),
        heading("IV. THỜI HẠN ỦY QUYỀN:"),
        para(f"Kể từ ngày ký đến ngày {numeric(until)}."),
        para(
            "Bên ủy quyền chịu trách nhiệm trước pháp luật về mọi công việc do bên được ủy quyền "
            "thực hiện trong phạm vi ủy quyền."
        ),
    ]
    certified = rng.random() < 0.5
    signers = [
        Signer(("BÊN ỦY QUYỀN",), a.name, "(Ký, ghi rõ họ tên)", sealed=False),
        Signer(("BÊN ĐƯỢC ỦY QUYỀN",), b.name, "(Ký, ghi rõ họ tên)", sealed=False),
    ]
    seal = ""
    if certified:
        agency, _body, seal, _place = commune_agency(rng)
        signers.append(Signer(("CHỨNG THỰC CỦA", agency[-1]), person(rng).name))
    return DocumentContent(
        doc_type="giay_uy_quyen",
        agency=(),
        number="",
        place_date="",
        title=rng.choice(
            (("GIẤY ỦY QUYỀN",), ("HỢP ĐỒNG ỦY QUYỀN",), ("GIẤY ỦY QUYỀN", "(Dùng cho cá nhân)"))
        ),
        body=tuple(body),
        signers=tuple(signers),
        fields=as_dict(
            ("so_dinh_danh", a.id_number),
            ("ho_ten", a.name),
            ("ngay_sinh", numeric(a.birth)),
            ("thoi_han", numeric(until)),
            ("so_cmnd", a.cmnd if old_id else None),
        ),
        seal_text=seal,
    )


def application_form(rng: random.Random) -> DocumentContent:
    p = person(rng, born_from=1950, born_to=2005)
    _agency, body_name, _seal, place = commune_agency(rng)
    signed = issue_date(rng)
    kind = rng.choice(
        (
            "TỜ KHAI ĐĂNG KÝ KHAI SINH",
            "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ",
            "TỜ KHAI ĐĂNG KÝ KẾT HÔN",
            "ĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP XÂY DỰNG",
            "TỜ KHAI CẤP BẢN SAO TRÍCH LỤC HỘ TỊCH",
        )
    )
    dots = rng.random() < 0.3
    leader = " ......" if dots else ""
    body: list[Line] = [fld(rng, "Kính gửi", body_name)]
    body += [
        fld(
            rng,
            ("Họ, chữ đệm, tên người yêu cầu", "Họ và tên người khai", "Họ, chữ đệm và tên"),
            p.name + leader,
        ),
        fld(rng, BIRTH, any_date(rng, p.birth)),
        fld(rng, "Giới tính", sex(p)),
        fld(rng, ("Số định danh cá nhân", "Giấy tờ tùy thân (CCCD số)"), p.id_number),
        fld(rng, RESIDENCE, p.address),
        fld(rng, ("Số điện thoại liên hệ", "Điện thoại"), f"09{rng.randrange(10**8):08d}"),
        fld(rng, "Email", f"{_ascii(p.name.split()[-1]).lower()}{rng.randint(1, 99)}@gmail.com"),
    ]
    if "KHAI SINH" in kind:
        child = person(rng, born_from=2018, born_to=2025)
        body += [
            para("Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:"),
            fld(rng, NAME, child.name),
            fld(rng, BIRTH, any_date(rng, child.birth)),
            fld(rng, "Nơi sinh", f"Bệnh viện Đa khoa {child.birth_province}"),
            fld(rng, "Quan hệ với người được khai sinh", rng.choice(("Cha", "Mẹ", "Ông", "Bà"))),
        ]
    elif "CƯ TRÚ" in kind:
        body += [
            fld(
                rng,
                "Nội dung đề nghị",
                rng.choice(("Đăng ký thường trú", "Đăng ký tạm trú", "Xóa đăng ký thường trú")),
            ),
            fld(rng, "Họ, chữ đệm và tên chủ hộ", person(rng).name),
            fld(rng, "Quan hệ với chủ hộ", rng.choice(("Con", "Vợ", "Chồng"))),
        ]
    else:
        body.append(
            fld(
                rng,
                "Nội dung đề nghị",
                rng.choice(
                    (
                        "Xây dựng nhà ở riêng lẻ 3 tầng",
                        "Cấp bản sao trích lục khai sinh",
                        "Đăng ký kết hôn với người có tên dưới đây",
                    )
                ),
            )
        )
    body.append(
        para(
            "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm "
            "trước pháp luật về cam đoan của mình."
        )
    )
    return DocumentContent(
        doc_type="to_khai",
        agency=(),
        number="",
        place_date=place_date(rng, place, signed),
        title=(kind,) if rng.random() < 0.6 else (kind, rng.choice(("(Mẫu CT01)", "(Mẫu số 01)"))),
        body=tuple(body),
        signers=(
            Signer(
                (rng.choice(("NGƯỜI YÊU CẦU", "NGƯỜI KÊ KHAI", "NGƯỜI LÀM ĐƠN")),),
                p.name,
                "(Ký, ghi rõ họ, chữ đệm, tên)",
                sealed=False,
            ),
        ),
        fields=as_dict(
            ("so_dinh_danh", p.id_number), ("ho_ten", p.name), ("ngay_sinh", numeric(p.birth))
        ),
        extra={"dots": dots},
    )


_SCHOOLS = (
    ("TRƯỜNG ĐẠI HỌC BÁCH KHOA HÀ NỘI", "Trường Đại học Bách khoa Hà Nội"),
    ("TRƯỜNG ĐẠI HỌC KINH TẾ QUỐC DÂN", "Trường Đại học Kinh tế Quốc dân"),
    (
        "TRƯỜNG ĐẠI HỌC SƯ PHẠM THÀNH PHỐ HỒ CHÍ MINH",
        "Trường Đại học Sư phạm Thành phố Hồ Chí Minh",
    ),
    ("TRƯỜNG ĐẠI HỌC CẦN THƠ", "Trường Đại học Cần Thơ"),
    ("TRƯỜNG ĐẠI HỌC HUẾ", "Trường Đại học Huế"),
    ("TRƯỜNG ĐẠI HỌC ĐÀ NẴNG", "Trường Đại học Đà Nẵng"),
    ("TRƯỜNG CAO ĐẲNG KỸ THUẬT CAO THẮNG", "Trường Cao đẳng Kỹ thuật Cao Thắng"),
)
_MAJORS = (
    "Công nghệ thông tin",
    "Kế toán",
    "Quản trị kinh doanh",
    "Kỹ thuật điện",
    "Sư phạm Toán học",
    "Luật kinh tế",
    "Ngôn ngữ Anh",
    "Kỹ thuật xây dựng",
)


def diploma(rng: random.Random) -> DocumentContent:
    p = person(rng, born_from=1975, born_to=2004)
    school, school_name = rng.choice(_SCHOOLS)
    issued = issue_date(rng, date(p.birth.year + 21, 6, 1))
    degree = rng.choice(
        ("BẰNG CỬ NHÂN", "BẰNG KỸ SƯ", "BẰNG TỐT NGHIỆP ĐẠI HỌC", "BẰNG TỐT NGHIỆP CAO ĐẲNG")
    )
    serial = f"{rng.choice(('QH', 'BK', 'DH', 'CD'))}{rng.randrange(10**6):06d}"
    reg = f"{rng.randint(100, 99999)}/{rng.choice(('ĐHBK', 'QĐ', 'ĐT', 'VB'))}"
    body = [
        para(f"HIỆU TRƯỞNG {school}"),
        para("cấp"),
        Line("title", degree),
        fld(rng, "Ngành", rng.choice(_MAJORS)),
        fld(rng, "Cho", f"{title_of(p, rng)} {p.name}" if rng.random() < 0.7 else p.name),
        fld(rng, "Ngày sinh", numeric(p.birth)),
        fld(rng, ("Số định danh cá nhân", "Số CCCD"), p.id_number),
        fld(rng, "Xếp loại tốt nghiệp", rng.choice(("Giỏi", "Khá", "Trung bình khá", "Xuất sắc"))),
        fld(rng, "Hình thức đào tạo", rng.choice(("Chính quy", "Vừa làm vừa học"))),
        fld(rng, "Số hiệu", serial),
        fld(rng, "Số vào sổ cấp bằng", reg),
    ]
    english = (
        "SOCIALIST REPUBLIC OF VIETNAM",
        "Independence - Freedom - Happiness",
        f"THE RECTOR OF {_ascii(school).replace('TRUONG DAI HOC', '').strip()} UNIVERSITY",
        "confers",
        "THE DEGREE OF BACHELOR" if "CỬ NHÂN" in degree else "THE DEGREE OF ENGINEER",
        f"Upon: {_ascii(p.name)}",
        f"Date of birth: {p.birth.strftime('%d %B %Y')}",
    )
    return DocumentContent(
        doc_type="bang_tot_nghiep",
        agency=(),
        number="",
        place_date=place_date(
            rng,
            rng.choice(("Hà Nội", "Thành phố Hồ Chí Minh", "Huế", "Đà Nẵng", "Cần Thơ")),
            issued,
        ),
        title=(),
        body=tuple(body),
        signers=(Signer(("HIỆU TRƯỞNG",), person(rng).name),),
        fields=as_dict(
            ("so_dinh_danh", p.id_number),
            ("ho_ten", p.name),
            ("ngay_sinh", numeric(p.birth)),
            ("so_ky_hieu", serial),
            ("ngay_cap", numeric(issued)),
            ("co_quan_cap", school_name),
        ),
        seal_text=f"{school} * BỘ GIÁO DỤC VÀ ĐÀO TẠO",
        form="diploma",
        paper=rng.choice(("cream", "blue", "white")),
        extra={"english": english if rng.random() < 0.5 else ()},
    )


__all__ = [
    "application_form",
    "building_permit",
    "diploma",
    "enterprise",
    "household_business",
    "id_card",
    "land_certificate",
    "power_of_attorney",
    "residence",
]
