"""Realistic Vietnamese persons, identity numbers, dates and addresses for synthetic papers."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

# Weighted as in the population: a third of Vietnamese are Nguyễn.
SURNAMES = (
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 4),
    ("Huỳnh", 3),
    ("Phan", 4),
    ("Vũ", 3),
    ("Võ", 3),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 1),
    ("Ngô", 1),
    ("Dương", 1),
    ("Lý", 1),
    ("Đinh", 1),
    ("Trịnh", 1),
    ("Lương", 1),
    ("Mai", 1),
    ("Tô", 1),
    ("Tạ", 1),
    ("Đoàn", 1),
    ("Lâm", 1),
    ("Hà", 1),
    ("Châu", 1),
    ("Quách", 1),
    ("Cao", 1),
    ("Kiều", 1),
    ("Thái", 1),
    ("Phùng", 1),
    ("Triệu", 1),
    ("Khúc", 1),
    ("Âu", 1),
    ("Ưng", 1),
    ("Lại", 1),
    ("Chu", 1),
    ("Tăng", 1),
    ("Giang", 1),
    ("Nông", 1),
)
MIDDLE_MALE = (
    "Văn",
    "Hữu",
    "Đức",
    "Minh",
    "Quang",
    "Thành",
    "Công",
    "Xuân",
    "Ngọc",
    "Đình",
    "Trọng",
    "Gia",
    "Bảo",
    "Anh",
    "Tuấn",
    "Hoàng",
    "Quốc",
    "Thế",
    "Việt",
    "Duy",
    "Khắc",
    "Mạnh",
)
MIDDLE_FEMALE = (
    "Thị",
    "Ngọc",
    "Thu",
    "Thanh",
    "Bích",
    "Kim",
    "Mỹ",
    "Phương",
    "Hồng",
    "Diệu",
    "Khánh",
    "Minh",
    "Thùy",
    "Ánh",
    "Hải",
    "Mai",
    "Tuyết",
    "Quỳnh",
    "Bảo",
    "Như",
    "Hoài",
)
GIVEN_MALE = (
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hùng",
    "Huy",
    "Khang",
    "Khoa",
    "Long",
    "Minh",
    "Nam",
    "Nghĩa",
    "Phúc",
    "Quân",
    "Sơn",
    "Thắng",
    "Tuấn",
    "Việt",
    "Vũ",
    "Hiếu",
    "Trung",
    "Toàn",
    "Lộc",
    "Hưng",
    "Kiên",
    "Thịnh",
    "Đức",
    "Lợi",
    "Tùng",
    "Quyết",
    "Khải",
    "Phước",
    "Thuận",
    "Hoàng",
    "Trí",
    "Tâm",
    "Thiện",
    "Nhân",
    "Hậu",
    "Duẩn",
    "Quý",
    "Tiến",
)
GIVEN_FEMALE = (
    "Anh",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hằng",
    "Hạnh",
    "Hương",
    "Hoa",
    "Huyền",
    "Lan",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Ngân",
    "Ngọc",
    "Nhung",
    "Oanh",
    "Phương",
    "Quỳnh",
    "Thảo",
    "Thủy",
    "Trang",
    "Tuyết",
    "Uyên",
    "Vân",
    "Yến",
    "Xuân",
    "Nguyệt",
    "Diễm",
    "Khuê",
    "Ngà",
    "Nhàn",
    "Thư",
    "Trâm",
    "Hiền",
    "Liễu",
    "Thắm",
    "Gấm",
    "Lụa",
    "Nhi",
    "Ly",
    "Ánh",
)

# (code, name, kind, districts, wards): kind is "thành phố" or "tỉnh".
PROVINCES: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "001",
        "Hà Nội",
        "thành phố",
        (
            "quận Ba Đình",
            "quận Hoàn Kiếm",
            "quận Đống Đa",
            "quận Cầu Giấy",
            "quận Thanh Xuân",
            "quận Hà Đông",
            "huyện Gia Lâm",
            "huyện Đông Anh",
        ),
        (
            "phường Dịch Vọng",
            "phường Láng Hạ",
            "phường Kim Mã",
            "phường Hàng Bạc",
            "phường Văn Quán",
            "xã Kim Chung",
            "phường Quan Hoa",
            "phường Khương Trung",
        ),
    ),
    (
        "079",
        "Hồ Chí Minh",
        "thành phố",
        (
            "Quận 1",
            "Quận 3",
            "quận Bình Thạnh",
            "quận Gò Vấp",
            "thành phố Thủ Đức",
            "huyện Củ Chi",
            "quận Tân Bình",
        ),
        (
            "phường Bến Nghé",
            "phường Võ Thị Sáu",
            "phường 25",
            "phường 11",
            "phường Thảo Điền",
            "xã Tân Thông Hội",
            "phường 4",
        ),
    ),
    (
        "031",
        "Hải Phòng",
        "thành phố",
        ("quận Lê Chân", "quận Ngô Quyền", "huyện Thủy Nguyên"),
        ("phường Cát Dài", "phường Lạch Tray", "xã Lập Lễ"),
    ),
    (
        "048",
        "Đà Nẵng",
        "thành phố",
        ("quận Hải Châu", "quận Sơn Trà", "huyện Hòa Vang"),
        ("phường Thạch Thang", "phường An Hải Bắc", "xã Hòa Phước"),
    ),
    (
        "092",
        "Cần Thơ",
        "thành phố",
        ("quận Ninh Kiều", "quận Cái Răng", "huyện Phong Điền"),
        ("phường An Khánh", "phường Hưng Phú", "xã Nhơn Ái"),
    ),
    (
        "038",
        "Thanh Hóa",
        "tỉnh",
        ("thành phố Thanh Hóa", "huyện Hoằng Hóa", "thị xã Bỉm Sơn"),
        ("phường Điện Biên", "xã Hoằng Đạo", "phường Ba Đình"),
    ),
    (
        "040",
        "Nghệ An",
        "tỉnh",
        ("thành phố Vinh", "huyện Diễn Châu", "huyện Quỳnh Lưu"),
        ("phường Hưng Bình", "xã Diễn Kỷ", "xã Quỳnh Lâm"),
    ),
    (
        "036",
        "Nam Định",
        "tỉnh",
        ("thành phố Nam Định", "huyện Hải Hậu", "huyện Ý Yên"),
        ("phường Trần Hưng Đạo", "thị trấn Yên Định", "xã Yên Khánh"),
    ),
    (
        "027",
        "Bắc Ninh",
        "tỉnh",
        ("thành phố Bắc Ninh", "thị xã Từ Sơn", "huyện Tiên Du"),
        ("phường Suối Hoa", "phường Đồng Nguyên", "xã Phật Tích"),
    ),
    (
        "046",
        "Thừa Thiên Huế",
        "tỉnh",
        ("thành phố Huế", "thị xã Hương Thủy", "huyện Phú Vang"),
        ("phường Phú Hội", "phường Thủy Dương", "xã Phú Thượng"),
    ),
    (
        "056",
        "Khánh Hòa",
        "tỉnh",
        ("thành phố Nha Trang", "thành phố Cam Ranh", "huyện Diên Khánh"),
        ("phường Lộc Thọ", "phường Cam Lợi", "xã Diên Phú"),
    ),
    (
        "066",
        "Đắk Lắk",
        "tỉnh",
        ("thành phố Buôn Ma Thuột", "huyện Krông Pắc", "huyện Cư M'gar"),
        ("phường Tân Lợi", "xã Ea Kênh", "thị trấn Quảng Phú"),
    ),
    (
        "075",
        "Đồng Nai",
        "tỉnh",
        ("thành phố Biên Hòa", "thành phố Long Khánh", "huyện Trảng Bom"),
        ("phường Tân Phong", "phường Xuân Trung", "xã Bắc Sơn"),
    ),
    (
        "089",
        "An Giang",
        "tỉnh",
        ("thành phố Long Xuyên", "thành phố Châu Đốc", "huyện Chợ Mới"),
        ("phường Mỹ Bình", "phường Núi Sam", "xã Kiến An"),
    ),
    (
        "096",
        "Cà Mau",
        "tỉnh",
        ("thành phố Cà Mau", "huyện Năm Căn", "huyện U Minh"),
        ("phường 5", "thị trấn Năm Căn", "xã Khánh Hội"),
    ),
    (
        "010",
        "Lào Cai",
        "tỉnh",
        ("thành phố Lào Cai", "thị xã Sa Pa", "huyện Bát Xát"),
        ("phường Cốc Lếu", "phường Ô Quý Hồ", "xã Quang Kim"),
    ),
    (
        "022",
        "Quảng Ninh",
        "tỉnh",
        ("thành phố Hạ Long", "thành phố Cẩm Phả", "thành phố Uông Bí"),
        ("phường Bạch Đằng", "phường Cẩm Thủy", "phường Quang Trung"),
    ),
    (
        "052",
        "Bình Định",
        "tỉnh",
        ("thành phố Quy Nhơn", "thị xã An Nhơn", "huyện Tuy Phước"),
        ("phường Lê Lợi", "phường Bình Định", "xã Phước Lộc"),
    ),
    (
        "083",
        "Bến Tre",
        "tỉnh",
        ("thành phố Bến Tre", "huyện Châu Thành", "huyện Mỏ Cày Nam"),
        ("phường An Hội", "xã Tân Thạch", "thị trấn Mỏ Cày"),
    ),
    (
        "017",
        "Hòa Bình",
        "tỉnh",
        ("thành phố Hòa Bình", "huyện Mai Châu", "huyện Lương Sơn"),
        ("phường Phương Lâm", "thị trấn Mai Châu", "xã Hòa Sơn"),
    ),
)
# The other provinces: only their code and name, for birthplaces and IDs.
OTHER_PROVINCES = (
    ("002", "Hà Giang"),
    ("004", "Cao Bằng"),
    ("006", "Bắc Kạn"),
    ("008", "Tuyên Quang"),
    ("011", "Điện Biên"),
    ("012", "Lai Châu"),
    ("014", "Sơn La"),
    ("015", "Yên Bái"),
    ("019", "Thái Nguyên"),
    ("020", "Lạng Sơn"),
    ("024", "Bắc Giang"),
    ("025", "Phú Thọ"),
    ("026", "Vĩnh Phúc"),
    ("030", "Hải Dương"),
    ("033", "Hưng Yên"),
    ("034", "Thái Bình"),
    ("035", "Hà Nam"),
    ("037", "Ninh Bình"),
    ("042", "Hà Tĩnh"),
    ("044", "Quảng Bình"),
    ("045", "Quảng Trị"),
    ("049", "Quảng Nam"),
    ("051", "Quảng Ngãi"),
    ("054", "Phú Yên"),
    ("058", "Ninh Thuận"),
    ("060", "Bình Thuận"),
    ("062", "Kon Tum"),
    ("064", "Gia Lai"),
    ("067", "Đắk Nông"),
    ("068", "Lâm Đồng"),
    ("070", "Bình Phước"),
    ("072", "Tây Ninh"),
    ("074", "Bình Dương"),
    ("077", "Bà Rịa - Vũng Tàu"),
    ("080", "Long An"),
    ("082", "Tiền Giang"),
    ("084", "Trà Vinh"),
    ("086", "Vĩnh Long"),
    ("087", "Đồng Tháp"),
    ("091", "Kiên Giang"),
    ("093", "Hậu Giang"),
    ("094", "Sóc Trăng"),
    ("095", "Bạc Liêu"),
)
STREETS = (
    "Lê Lợi",
    "Trần Hưng Đạo",
    "Nguyễn Huệ",
    "Hai Bà Trưng",
    "Lý Thường Kiệt",
    "Điện Biên Phủ",
    "Hoàng Diệu",
    "Phan Chu Trinh",
    "Quang Trung",
    "Nguyễn Văn Cừ",
    "Lê Duẩn",
    "Nguyễn Trãi",
    "Trần Phú",
    "Hùng Vương",
    "Võ Thị Sáu",
    "Cách Mạng Tháng Tám",
    "Nguyễn Thị Minh Khai",
    "Phạm Văn Đồng",
    "Xuân Thủy",
    "Bà Triệu",
    "Ngô Quyền",
    "Lạc Long Quân",
    "Tôn Đức Thắng",
    "Nguyễn Đình Chiểu",
    "Chu Văn An",
    "Yết Kiêu",
)
ETHNICITIES = (
    "Kinh",
    "Kinh",
    "Kinh",
    "Kinh",
    "Kinh",
    "Tày",
    "Thái",
    "Mường",
    "Khmer",
    "Hoa",
    "Nùng",
    "H'Mông",
    "Dao",
    "Ê Đê",
)
RELIGIONS = ("Không", "Không", "Không", "Phật giáo", "Công giáo", "Cao Đài", "Tin Lành")
OCCUPATIONS = (
    "Kỹ sư",
    "Giáo viên",
    "Kinh doanh",
    "Nông dân",
    "Công nhân",
    "Bác sĩ",
    "Nhân viên văn phòng",
    "Lao động tự do",
    "Kế toán",
    "Sinh viên",
    "Hưu trí",
)
MONTH_WORDS = (
    "một",
    "hai",
    "ba",
    "tư",
    "năm",
    "sáu",
    "bảy",
    "tám",
    "chín",
    "mười",
    "mười một",
    "mười hai",
)


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    kind: str
    districts: tuple[str, ...]
    wards: tuple[str, ...]

    @property
    def full(self) -> str:
        return f"{self.kind} {self.name}" if self.kind == "tỉnh" else f"thành phố {self.name}"


@dataclass(frozen=True)
class Person:
    name: str
    male: bool
    birth: date
    province: Province
    birth_province: str
    """Name of the province of birth (its code starts the ID)."""
    id_number: str
    cmnd: str
    ethnicity: str
    address: str
    hometown: str


def pick_province(rng: random.Random) -> Province:
    code, name, kind, districts, wards = rng.choice(PROVINCES)
    return Province(code, name, kind, districts, wards)


def any_province(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.6:
        p = pick_province(rng)
        return p.code, p.name
    return rng.choice(OTHER_PROVINCES)


def person_name(rng: random.Random, male: bool) -> str:
    surnames, weights = zip(*SURNAMES, strict=True)
    parts = [rng.choices(surnames, weights)[0]]
    middles = MIDDLE_MALE if male else MIDDLE_FEMALE
    parts.append(rng.choice(middles))
    if rng.random() < 0.2:  # four-word names (Nguyễn Thị Thu Hằng) are common
        parts.append(rng.choice([m for m in middles if m != parts[-1]]))
    parts.append(rng.choice(GIVEN_MALE if male else GIVEN_FEMALE))
    return " ".join(parts)


def citizen_id(rng: random.Random, province_code: str, male: bool, birth: date) -> str:
    """A 12-digit ID valid per Decree 137/2015: province, century/sex digit, year, serial."""
    century = (birth.year // 100) - 19  # 1900s -> 0, 2000s -> 1 ...
    digit = century * 2 + (0 if male else 1)
    return f"{province_code}{digit}{birth.year % 100:02d}{rng.randrange(0, 10**6):06d}"


def cmnd_number(rng: random.Random) -> str:
    """An old 9-digit CMND number (never starting with 0 here, as most do not)."""
    return f"{rng.randrange(10**8, 10**9)}"


def random_date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(0, max(1, (end - start).days)))


def fmt_numeric(d: date, sep: str = "/") -> str:
    return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"


def fmt_date(rng: random.Random, d: date) -> str:
    """One of the forms papers use: 05/03/2021, 05-03-2021, ngày 05 tháng 3 năm 2021."""
    form = rng.random()
    if form < 0.45:
        return fmt_numeric(d)
    if form < 0.6:
        return fmt_numeric(d, "-")
    day = f"{d.day:02d}" if rng.random() < 0.7 else str(d.day)
    month = f"{d.month:02d}" if d.month < 3 and rng.random() < 0.5 else str(d.month)
    return f"ngày {day} tháng {month} năm {d.year}"


def date_in_words(d: date) -> str:
    """The spelled-out birth date birth certificates carry ("Ngày ... ghi bằng chữ")."""
    return (
        f"Ngày {_number_words(d.day)}, tháng {MONTH_WORDS[d.month - 1]}, năm {_year_words(d.year)}"
    )


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _number_words(n: int) -> str:
    if n < 10:
        return _DIGITS[n]
    tens, unit = divmod(n, 10)
    head = "mười" if tens == 1 else f"{_DIGITS[tens]} mươi"
    if unit == 0:
        return head
    tail = {1: "mốt" if tens > 1 else "một", 4: "tư" if tens > 1 else "bốn", 5: "lăm"}
    return f"{head} {tail.get(unit, _DIGITS[unit])}"


def _year_words(y: int) -> str:
    thousands, rest = divmod(y, 1000)
    hundreds, rest = divmod(rest, 100)
    words = f"{_DIGITS[thousands]} nghìn"
    if hundreds or rest:
        words += f" {_DIGITS[hundreds]} trăm"
    if rest:
        words += (" linh " + _DIGITS[rest]) if rest < 10 else f" {_number_words(rest)}"
    return words


def address(rng: random.Random, province: Province | None = None) -> str:
    p = province or pick_province(rng)
    district = rng.choice(p.districts)
    ward = rng.choice(p.wards)
    head = rng.random()
    if head < 0.4:
        street = f"Số {rng.randint(1, 350)}, đường {rng.choice(STREETS)}"
        if rng.random() < 0.3:
            street = (
                f"Số {rng.randint(1, 90)}, ngõ {rng.randint(2, 300)}, phố {rng.choice(STREETS)}"
            )
    elif head < 0.7:
        street = rng.choice(("Tổ dân phố", "Khu phố", "Tổ")) + f" {rng.randint(1, 30)}"
    else:
        street = (
            rng.choice(("Thôn", "Ấp", "Xóm", "Bản"))
            + " "
            + rng.choice(
                ("Đông", "Tây", "Trung", "Hạ", "Thượng", "Phú An", "Tân Lập", "Bình Minh", "3", "7")
            )
        )
    return f"{street}, {ward}, {district}, {p.full}"


def person(
    rng: random.Random, *, born_from: int = 1950, born_to: int = 2006, male: bool | None = None
) -> Person:
    male = rng.random() < 0.5 if male is None else male
    birth = random_date(rng, date(born_from, 1, 1), date(born_to, 12, 31))
    home = pick_province(rng)
    birth_code, birth_name = any_province(rng)
    return Person(
        name=person_name(rng, male),
        male=male,
        birth=birth,
        province=home,
        birth_province=birth_name,
        id_number=citizen_id(rng, birth_code, male, birth),
        cmnd=cmnd_number(rng),
        ethnicity=rng.choice(ETHNICITIES),
        address=address(rng, home),
        hometown=_hometown(rng, birth_name),
    )


def _hometown(rng: random.Random, province_name: str) -> str:
    kind = (
        "tỉnh"
        if province_name not in {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"}
        else "thành phố"
    )
    commune = (
        rng.choice(("xã", "phường", "thị trấn"))
        + " "
        + rng.choice(
            (
                "Tân Hòa",
                "Yên Phú",
                "Hòa Lợi",
                "Đông Sơn",
                "An Bình",
                "Phú Lâm",
                "Thạch Bàn",
                "Vĩnh Hưng",
            )
        )
    )
    return f"{commune}, {kind} {province_name}"
