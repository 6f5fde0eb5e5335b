"""Civil-status and justice papers: birth, marriage, marital status, death, judicial record."""

from __future__ import annotations

import random
from datetime import date, timedelta

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
from .people import date_in_words, person, random_date

NAME = ("Họ, chữ đệm, tên", "Họ và tên", "Họ, chữ đệm và tên", "Họ tên")
BIRTH = ("Ngày, tháng, năm sinh", "Ngày sinh", "Sinh ngày", "Ngày tháng năm sinh")
ID = ("Số định danh cá nhân", "Số định danh", "Số ĐDCN", "Số căn cước công dân", "Số CCCD")
RESIDENCE = ("Nơi cư trú", "Nơi thường trú", "Địa chỉ thường trú", "Nơi ở hiện tại")


def _committee_signer(rng: random.Random, name: str) -> Signer:
    capacity = rng.choice(
        (
            ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
            ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
            ("NGƯỜI KÝ",),
            ("CÔNG CHỨC TƯ PHÁP - HỘ TỊCH",),
        )
    )
    note = rng.choice(("", "", "(Ký, ghi rõ họ, chữ đệm, tên, chức vụ và đóng dấu)"))
    return Signer(capacity, name, note)


def birth_certificate(rng: random.Random) -> DocumentContent:
    child = person(rng, born_from=2000, born_to=2025)
    mother = person(rng, born_from=child.birth.year - 40, born_to=child.birth.year - 18, male=False)
    father = person(rng, born_from=child.birth.year - 45, born_to=child.birth.year - 19, male=True)
    agency, body_name, seal, place = commune_agency(rng)
    registered = child.birth + timedelta(days=rng.randint(5, 60))
    issued = registered if rng.random() < 0.7 else issue_date(rng, registered)
    so = str(rng.randint(1, 450)) if rng.random() < 0.5 else number(rng, "GKS", registered.year)
    title = rng.choice(
        (
            ("GIẤY KHAI SINH",),
            ("GIẤY KHAI SINH", "(BẢN CHÍNH)"),
            ("TRÍCH LỤC KHAI SINH", "(BẢN SAO)"),
            ("GIẤY KHAI SINH", "(Bản sao)"),
        )
    )
    body: list[Line] = [
        fld(rng, NAME, name_value(rng, child)),
        fld(rng, BIRTH, any_date(rng, child.birth)),
    ]
    if rng.random() < 0.6:
        body.append(fld(rng, ("ghi bằng chữ", "Ghi bằng chữ"), date_in_words(child.birth)))
    body += [
        fld(rng, "Giới tính", sex(child)),
        fld(rng, "Dân tộc", child.ethnicity),
        fld(rng, "Quốc tịch", "Việt Nam"),
        fld(
            rng,
            "Nơi sinh",
            rng.choice(("Bệnh viện Phụ sản", "Bệnh viện Đa khoa", "Trạm y tế"))
            + f" {child.birth_province}",
        ),
        fld(rng, "Quê quán", child.hometown),
        fld(rng, ID, child.id_number),
    ]
    for label, parent in (("mẹ", mother), ("cha", father)):
        if rng.random() < 0.5:
            body.append(
                fld(
                    rng,
                    (f"Họ, chữ đệm, tên người {label}", f"Họ và tên {label}"),
                    name_value(rng, parent),
                )
            )
            body.append(fld(rng, ("Năm sinh", "Ngày sinh"), str(parent.birth.year)))
        else:
            body.append(fld(rng, f"Họ và tên {label}", parent.name))
            body.append(fld(rng, "Dân tộc", parent.ethnicity))
            body.append(fld(rng, "Quốc tịch", "Việt Nam"))
        body.append(fld(rng, RESIDENCE, parent.address))
    body.append(fld(rng, ("Nơi đăng ký khai sinh", "Nơi đăng ký"), body_name))
    body.append(fld(rng, ("Ngày, tháng, năm đăng ký", "Ngày đăng ký"), any_date(rng, registered)))
    return DocumentContent(
        doc_type="giay_khai_sinh",
        agency=agency,
        number=number_line(rng, so),
        place_date=place_date(rng, place, issued),
        title=title,
        body=tuple(body),
        signers=(_committee_signer(rng, person(rng).name),),
        fields=as_dict(
            ("so_dinh_danh", child.id_number),
            ("ho_ten", child.name),
            ("ngay_sinh", numeric(child.birth)),
            ("so_ky_hieu", so),
            ("ngay_cap", numeric(issued)),
            ("co_quan_cap", body_name),
        ),
        seal_text=seal,
    )


def marriage_certificate(rng: random.Random) -> DocumentContent:
    husband = person(rng, born_from=1960, born_to=2004, male=True)
    wife = person(rng, born_from=1962, born_to=2006, male=False)
    agency, body_name, seal, place = commune_agency(rng)
    issued = issue_date(rng, max(husband.birth, wife.birth) + timedelta(days=365 * 20))
    so = number(rng, "KH", issued.year) if rng.random() < 0.6 else str(rng.randint(1, 300))
    body: list[Line] = []
    if rng.random() < 0.5:
        rows = [
            ("Họ, chữ đệm, tên", husband.name, wife.name),
            ("Ngày, tháng, năm sinh", numeric(husband.birth), numeric(wife.birth)),
            ("Dân tộc", husband.ethnicity, wife.ethnicity),
            ("Quốc tịch", "Việt Nam", "Việt Nam"),
            ("Nơi cư trú", husband.address, wife.address),
            ("Số định danh cá nhân", husband.id_number, wife.id_number),
        ]
        body += table(("Thông tin", "Chồng", "Vợ"), rows)
    else:
        for who, p in (("chồng", husband), ("vợ", wife)):
            body.append(
                fld(rng, (f"Họ, chữ đệm, tên {who}", f"Họ và tên {who}"), name_value(rng, p))
            )
            body.append(fld(rng, BIRTH, any_date(rng, p.birth)))
            body.append(fld(rng, "Dân tộc", p.ethnicity))
            body.append(fld(rng, "Quốc tịch", "Việt Nam"))
            body.append(fld(rng, RESIDENCE, p.address))
            body.append(fld(rng, ("Giấy tờ tùy thân", "Số định danh cá nhân"), p.id_number))
    body.append(fld(rng, ("Nơi đăng ký kết hôn", "Nơi đăng ký"), body_name))
    body.append(fld(rng, ("Ngày, tháng, năm đăng ký", "Ngày đăng ký"), any_date(rng, issued)))
    signers = (
        Signer(("Chồng",), husband.name, "(Ký, ghi rõ họ tên)", sealed=False),
        Signer(("Vợ",), wife.name, "(Ký, ghi rõ họ tên)", sealed=False),
        _committee_signer(rng, person(rng).name),
    )
    return DocumentContent(
        doc_type="giay_chung_nhan_ket_hon",
        agency=agency,
        number=number_line(rng, so),
        place_date=place_date(rng, place, issued),
        title=rng.choice(
            (
                ("GIẤY CHỨNG NHẬN KẾT HÔN",),
                ("GIẤY CHỨNG NHẬN", "KẾT HÔN"),
                ("GIẤY CHỨNG NHẬN KẾT HÔN", "(BẢN SAO)"),
            )
        ),
        body=tuple(body),
        signers=signers if rng.random() < 0.35 else signers[2:],
        fields=as_dict(
            ("so_dinh_danh", husband.id_number),
            ("ho_ten", husband.name),
            ("ngay_sinh", numeric(husband.birth)),
            ("so_ky_hieu", so),
            ("ngay_cap", numeric(issued)),
            ("co_quan_cap", body_name),
        ),
        seal_text=seal,
    )


def marital_status(rng: random.Random) -> DocumentContent:
    p = person(rng, born_from=1955, born_to=2005)
    agency, body_name, seal, place = commune_agency(rng)
    issued = issue_date(rng)
    valid = issued + timedelta(days=182)
    so = number(rng, "XNTTHN", issued.year)
    old_id = rng.random() < 0.35
    body: list[Line] = [
        para(
            f"Xét đề nghị của {title_of(p, rng).lower()} {p.name} về việc cấp Giấy xác nhận "
            "tình trạng hôn nhân cho người có tên dưới đây,"
        ),
        para(f"{body_name} xác nhận:"),
        fld(rng, NAME, name_value(rng, p)),
        fld(rng, BIRTH, any_date(rng, p.birth)),
        fld(rng, "Giới tính", sex(p)),
        fld(rng, "Dân tộc", p.ethnicity),
        fld(rng, "Quốc tịch", "Việt Nam"),
        fld(rng, ("Số định danh cá nhân", "Giấy tờ tùy thân: Căn cước công dân số"), p.id_number),
    ]
    if old_id:
        body.append(fld(rng, ("Số CMND cũ", "Chứng minh nhân dân số"), p.cmnd))
    body += [
        fld(rng, RESIDENCE, p.address),
        fld(
            rng,
            ("Tình trạng hôn nhân", "Tình trạng hôn nhân hiện tại"),
            rng.choice(
                (
                    "Hiện tại chưa đăng ký kết hôn với ai.",
                    "Chưa đăng ký kết hôn với ai.",
                    "Đã ly hôn, hiện tại chưa đăng ký kết hôn với ai.",
                )
            ),
        ),
        fld(
            rng,
            ("Giấy này được cấp để", "Mục đích sử dụng"),
            rng.choice(
                (
                    "làm thủ tục đăng ký kết hôn",
                    "bổ sung hồ sơ vay vốn ngân hàng",
                    "làm thủ tục mua bán nhà đất",
                    "bổ túc hồ sơ xin việc",
                )
            ),
        ),
        para(
            f"Giấy này có giá trị sử dụng đến ngày {numeric(valid)}."
            if rng.random() < 0.6
            else "Giấy này có giá trị sử dụng trong thời hạn 6 tháng, kể từ ngày cấp."
        ),
    ]
    return DocumentContent(
        doc_type="giay_xac_nhan_tinh_trang_hon_nhan",
        agency=agency,
        number=number_line(rng, so),
        place_date=place_date(rng, place, issued),
        title=rng.choice(
            (("GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",), ("GIẤY XÁC NHẬN", "TÌNH TRẠNG HÔN NHÂN"))
        ),
        body=tuple(body),
        signers=(_committee_signer(rng, person(rng).name),),
        fields=as_dict(
            ("so_dinh_danh", p.id_number),
            ("ho_ten", p.name),
            ("ngay_sinh", numeric(p.birth)),
            ("so_ky_hieu", so),
            ("ngay_cap", numeric(issued)),
            ("co_quan_cap", body_name),
            ("thoi_han", numeric(valid)),
            ("so_cmnd", p.cmnd if old_id else None),
        ),
        seal_text=seal,
    )


def death_extract(rng: random.Random) -> DocumentContent:
    p = person(rng, born_from=1925, born_to=1990)
    declarant = person(rng, born_from=1960, born_to=2000)
    agency, body_name, seal, place = commune_agency(rng)
    died = random_date(rng, date(2015, 1, 1), date(2025, 6, 30))
    issued = died + timedelta(days=rng.randint(1, 40))
    so = str(rng.randint(1, 200)) if rng.random() < 0.4 else number(rng, "TLKT", issued.year)
    body = [
        fld(
            rng,
            ("Họ, chữ đệm, tên người chết", "Họ và tên người chết", "Họ, chữ đệm, tên"),
            name_value(rng, p),
        ),
        fld(rng, BIRTH, any_date(rng, p.birth)),
        fld(rng, "Giới tính", sex(p)),
        fld(rng, "Dân tộc", p.ethnicity),
        fld(rng, "Quốc tịch", "Việt Nam"),
        fld(rng, ID, p.id_number),
        fld(
            rng,
            ("Đã chết vào lúc", "Thời điểm chết"),
            f"{rng.randint(0, 23):02d} giờ {rng.randint(0, 59):02d} phút, {any_date(rng, died)}",
        ),
        fld(rng, "Nơi chết", rng.choice(("Tại nhà, ", "Bệnh viện Đa khoa tỉnh, ")) + p.address),
        fld(rng, "Nguyên nhân chết", rng.choice(("Bệnh già", "Bệnh", "Tai nạn giao thông"))),
        fld(rng, ("Họ, chữ đệm, tên người đi khai tử", "Người đi khai tử"), declarant.name),
        fld(rng, ("Giấy tờ tùy thân", "Số định danh cá nhân người đi khai"), declarant.id_number),
        fld(rng, "Nơi đăng ký khai tử", body_name),
        fld(rng, ("Ngày, tháng, năm đăng ký", "Ngày đăng ký"), any_date(rng, issued)),
    ]
    return DocumentContent(
        doc_type="trich_luc_khai_tu",
        agency=agency,
        number=number_line(rng, so),
        place_date=place_date(rng, place, issued),
        title=rng.choice(
            (
                ("TRÍCH LỤC KHAI TỬ",),
                ("TRÍCH LỤC KHAI TỬ", "(BẢN SAO)"),
                ("TRÍCH LỤC KHAI TỬ", "(Bản chính)"),
            )
        ),
        body=tuple(body),
        signers=(_committee_signer(rng, person(rng).name),),
        fields=as_dict(
            ("so_dinh_danh", p.id_number),
            ("ho_ten", p.name),
            ("ngay_sinh", numeric(p.birth)),
            ("so_ky_hieu", so),
            ("ngay_cap", numeric(issued)),
            ("co_quan_cap", body_name),
        ),
        seal_text=seal,
    )


def judicial_record(rng: random.Random) -> DocumentContent:
    p = person(rng, born_from=1950, born_to=2006)
    father = person(rng, born_from=1930, born_to=p.birth.year - 18, male=True)
    mother = person(rng, born_from=1932, born_to=p.birth.year - 17, male=False)
    prov = p.province
    if rng.random() < 0.6:
        agency: tuple[str, ...] = ("UBND " + prov.full.upper(), "SỞ TƯ PHÁP")
        body_name = f"Sở Tư pháp {prov.full}"
        seal = f"SỞ TƯ PHÁP * {prov.full.upper()}"
    else:
        agency = ("BỘ TƯ PHÁP", "TRUNG TÂM LÝ LỊCH TƯ PHÁP QUỐC GIA")
        body_name = "Trung tâm Lý lịch tư pháp quốc gia"
        seal = "TRUNG TÂM LÝ LỊCH TƯ PHÁP QUỐC GIA * BỘ TƯ PHÁP"
    issued = issue_date(rng)
    so = number(rng, "LLTP", issued.year if rng.random() < 0.5 else None)
    n = 1 if rng.random() < 0.6 else 2
    old_id = rng.random() < 0.3
    body: list[Line] = [
        para("Căn cứ Luật Lý lịch tư pháp ngày 17 tháng 6 năm 2009;"),
        para(f"Xét đề nghị của {title_of(p, rng).lower()} {p.name},"),
        heading("XÁC NHẬN:"),
        fld(rng, ("1. Họ và tên", "1. Họ, chữ đệm và tên"), name_value(rng, p)),
        fld(rng, "2. Giới tính", sex(p)),
        fld(rng, ("3. Ngày, tháng, năm sinh", "3. Ngày sinh"), any_date(rng, p.birth)),
        fld(rng, "4. Nơi sinh", p.birth_province),
        fld(rng, "5. Quốc tịch", "Việt Nam"),
        fld(rng, ("6. Nơi cư trú", "6. Nơi thường trú"), p.address),
        fld(rng, ("7. Số định danh cá nhân", "7. Căn cước công dân số"), p.id_number),
    ]
    if old_id:
        body.append(fld(rng, "Chứng minh nhân dân số", p.cmnd))
    body += [
        fld(rng, "8. Họ và tên cha", father.name),
        fld(rng, "9. Họ và tên mẹ", mother.name),
        heading("TÌNH TRẠNG ÁN TÍCH"),
        para(
            rng.choice(
                (
                    "Không có án tích.",
                    "Không có án tích",
                    "Không có án tích trong thời gian cư trú tại Việt Nam.",
                )
            )
        ),
        heading(
            "THÔNG TIN VỀ VIỆC CẤM ĐẢM NHIỆM CHỨC VỤ, THÀNH LẬP, QUẢN LÝ DOANH NGHIỆP, HỢP TÁC XÃ"
        ),
        para("Không bị cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã."),
    ]
    return DocumentContent(
        doc_type="phieu_ly_lich_tu_phap",
        agency=agency,
        number=number_line(rng, so),
        place_date=place_date(rng, prov.name, issued),
        title=(f"PHIẾU LÝ LỊCH TƯ PHÁP SỐ {n}",)
        if rng.random() < 0.6
        else ("PHIẾU LÝ LỊCH TƯ PHÁP", f"Số {n}"),
        body=tuple(body),
        signers=(
            Signer(
                rng.choice(
                    (
                        ("GIÁM ĐỐC",),
                        ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
                        ("NGƯỜI CẤP PHIẾU LÝ LỊCH TƯ PHÁP",),
                    )
                ),
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
            ("so_cmnd", p.cmnd if old_id else None),
        ),
        seal_text=seal,
    )
