"""Sample Vietnamese scans for the demo and the tests: clean pages with known text.

(The synthetic corpus with layouts and degradations for benchmarks lives in ``ocr.synthetic``.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from fpdf import FPDF
from fpdf.enums import TextMode
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
HEADER = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]

DEMO_PAPERS: dict[str, list[list[str]]] = {
    "to-khai-dang-ky-khai-sinh": [
        [
            *HEADER,
            "TỜ KHAI ĐĂNG KÝ KHAI SINH",
            "Kính gửi: Ủy ban nhân dân phường Dịch Vọng",
            "Họ, chữ đệm, tên người yêu cầu: Nguyễn Văn An",
            "Số định danh cá nhân: 001190012345",
            "Quan hệ với người được khai sinh: cha",
            "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:",
            "Họ, chữ đệm, tên: Nguyễn Thị Hằng",
            "Ngày, tháng, năm sinh: 05/03/2021",
            "Nơi sinh: Bệnh viện Phụ sản Hà Nội",
            "Làm tại Hà Nội, ngày 12 tháng 11 năm 2026",
        ],
        [
            *HEADER,
            "XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ",
            "Công an phường Dịch Vọng xác nhận:",
            "Họ, chữ đệm và tên: Nguyễn Văn An",
            "Ngày, tháng, năm sinh: 14/07/1990",
            "Số định danh cá nhân: 001190012345",
            "Nơi thường trú: số 12 ngõ 4 Trần Thái Tông,",
            "phường Dịch Vọng, quận Cầu Giấy, thành phố Hà Nội",
            "Ngày cấp: 02/10/2026",
        ],
        [
            *HEADER,
            "GIẤY ỦY QUYỀN",
            "Bên ủy quyền: Trần Thị Mai, số định danh 001192004567",
            "Bên được ủy quyền: Nguyễn Văn An, số định danh 001190012345",
            "Nội dung: thay mặt tôi nộp hồ sơ và nhận kết quả đăng ký khai sinh",
            "Thời hạn ủy quyền: đến ngày 31/12/2026",
        ],
    ],
    "can-cuoc": [
        [
            "CĂN CƯỚC CÔNG DÂN",
            "Số / No.: 001190012345",
            "Họ và tên / Full name: NGUYỄN VĂN AN",
            "Ngày sinh / Date of birth: 14/07/1990",
            "Giới tính / Sex: Nam",
            "Quốc tịch / Nationality: Việt Nam",
            "Quê quán: Đông Anh, Hà Nội",
            "Có giá trị đến: 14/07/2030",
        ],
    ],
    "dang-ky-doanh-nghiep": [
        [
            *HEADER,
            "GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP",
            "CÔNG TY TRÁCH NHIỆM HỮU HẠN",
            "Mã số doanh nghiệp: 0109876543",
            "Đăng ký lần đầu: ngày 15 tháng 6 năm 2020",
            "Tên công ty: CÔNG TY TNHH THƯƠNG MẠI HỒNG HÀ",
            "Địa chỉ trụ sở chính: số 8 phố Duy Tân, quận Cầu Giấy, Hà Nội",
            "Người đại diện theo pháp luật: Nguyễn Văn An",
            "Phòng Đăng ký kinh doanh - Sở Kế hoạch và Đầu tư",
        ],
    ],
}


def render_page(
    lines: list[str], dpi: int = 200, size_in: tuple[float, float] = (5.8, 4.1), pt: float = 14
) -> Image.Image:
    """A white page of ``size_in`` inches at ``dpi`` with the lines in ``pt`` points."""
    width, height = round(size_in[0] * dpi), round(size_in[1] * dpi)
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, round(pt / 72 * dpi))
    bold = ImageFont.truetype(FONT_BOLD, round(pt / 72 * dpi))
    x, y, step = round(0.3 * dpi), round(0.3 * dpi), round(pt * 1.65 / 72 * dpi)
    for line in lines:
        draw.text((x, y), line, fill="black", font=bold if line.isupper() else font)
        y += step
    return img


def write_pdf(path: Path, pages: list[list[str]], dpi: int = 200, **kw: object) -> Path:
    images = [render_page(lines, dpi, **kw) for lines in pages]  # type: ignore[arg-type]
    images[0].save(path, save_all=True, append_images=images[1:], resolution=float(dpi))
    return path


def write_image(path: Path, lines: list[str], dpi: int = 200, **kw: object) -> Path:
    """JPEG, PNG or TIFF by the suffix, with the dpi recorded."""
    image = render_page(lines, dpi, **kw)  # type: ignore[arg-type]
    options: dict[str, Any] = {"dpi": (dpi, dpi)}
    if path.suffix.lower() in (".jpg", ".jpeg"):
        options["quality"] = 90
    image.save(path, **options)
    return path


SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def write_text_pdf(
    path: Path,
    pages: list[list[str]],
    invisible: bool = False,
    picture: tuple[np.ndarray, float] | None = None,
) -> Path:
    """A PDF made on a computer, as a portal or Word makes one: one A4 page of text lines per
    item of ``pages`` (DejaVu Serif 13 pt, embedded), text as text, not a picture of it.

    For the tests: ``invisible`` lays the text out without showing it, as an OCR layer is;
    ``picture`` lays an image, ``width_mm`` wide, at the top right of every page."""
    pdf = FPDF(format="A4")
    pdf.add_font("serif", "", SERIF)
    for lines in pages:
        pdf.add_page()
        pdf.set_font("serif", size=13)
        if picture is not None:
            image, width_mm = picture
            pdf.image(Image.fromarray(image), x=200 - width_mm, y=60, w=width_mm)
        if invisible:
            pdf.text_mode = TextMode.INVISIBLE
        for line in lines:
            pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def write_demo_dossier(out: Path) -> list[Path]:
    """A 3-page PDF (form + residence + authorisation), a JPEG ID card, a PNG registration."""
    out.mkdir(parents=True, exist_ok=True)
    a4 = {"size_in": (8.27, 11.69), "pt": 13.0}
    return [
        write_pdf(
            out / "to-khai-dang-ky-khai-sinh.pdf",
            DEMO_PAPERS["to-khai-dang-ky-khai-sinh"],
            300,
            **a4,
        ),
        write_image(
            out / "can-cuoc.jpg", DEMO_PAPERS["can-cuoc"][0], 300, size_in=(6.0, 3.8), pt=12.0
        ),
        write_image(
            out / "dang-ky-doanh-nghiep.png", DEMO_PAPERS["dang-ky-doanh-nghiep"][0], 300, **a4
        ),
    ]
