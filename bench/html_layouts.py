"""OCR on page layouts sohoa's generator never made: pages written as HTML, set by Chromium.

    OMP_THREAD_LIMIT=1 .venv/bin/python bench/html_layouts.py \\
        [--pages N] [--harms clean,scan150,photo,upside] [--out DIR] [--json F]

An independent check of the pipeline. ``ocr.synthetic`` draws its own pages and
``bench/ocr_quality.py`` measures on them; here twelve Vietnamese administrative pages are
written by hand as HTML (an application form with dotted leaders and boxed ID digits, a
two-column leaflet, bordered tables, a dense decision with the agency and motto side by
side, a small-print receipt in two copies, bold and italic runs, centred headings, a 14 pt
form, grey boxes, a borderless label/value table, a condensed font) in the fonts of this
machine that have Vietnamese, and rendered with Playwright driving Debian's Chromium at
A4, 300 dpi. The truth is the page's ``document.body.innerText`` (NFC); each page is
checked to fit on the sheet, so every word of the truth is on the image.

Each clean page is then harmed here, not by sohoa's code: ``clean`` (300 dpi PNG),
``scan150`` (150 dpi, blur sigma 0.8, JPEG 60), ``photo`` (2000 px high phone shot on a
desk: 4-8 degrees turned, corners 3-6 % off square, a shadow to 55-70 % across the page,
noise sigma 6, JPEG 70, 72 dpi declared) and ``upside`` (200 dpi, 180 +- 2 degrees).

Every image is read by sohoa (``ocr_quality.run_sohoa``: prepare, recognise, searchable
page) and by plain ``tesseract -l vie --psm 3``, and judged by sohoa's gate
(``ocr.quality.assess_page``). Per harm: median and mean CER on the whole page (NFC,
whitespace collapsed, capped at 1), the share of the pages' 12-digit IDs read exactly, the
seconds per page and the gate's verdicts; then the same CER with runs of three or more dots
(the forms' leaders) removed from both texts; then the worst sohoa pages.

Its first run found what the pipeline then learnt: long dotted leaders (``ocr.leaders``),
an ID written one digit a box (``ocr.combs``), and two columns of running text read across
(``ocr.reading_order``). Its pages were not tuned on after that.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ocr_quality import cer, id_found, load, run_sohoa, run_tesseract  # noqa: E402

from ocr.memory import keep_freed_memory  # noqa: E402
from ocr.quality import QualityOptions, assess_page  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
A4_CSS = (794, 1123)
"""A4 in CSS pixels (96 per inch)."""
SCALE = 300 / 96
SEED = 20240408

# --- the pages ----------------------------------------------------------------------------


@dataclass(frozen=True)
class HtmlPage:
    name: str
    font: str
    size_pt: float
    body: str
    line_height: float = 1.4


def citizen_id(rng: random.Random, province: str, year: int, female: bool) -> str:
    """A 12-digit personal ID: province code, century and sex (0/1 man/woman born in the
    1900s, 2/3 in the 2000s), the birth year's last two digits, six random digits."""
    century = 0 if year < 2000 else 2
    return f"{province}{century + int(female)}{year % 100:02d}{rng.randrange(10**6):06d}"


def ld(*fields: tuple[str, str]) -> str:
    """A form's dotted line: ``Label: ....value....`` for each field; the last run of dots is
    filled to the margin by ``FILL_LEADERS`` once the page is set."""
    parts = []
    for k, (label, value) in enumerate(fields):
        lead = "." * (3 + (len(label) * 7 + k) % 6)
        tail = "" if k == len(fields) - 1 else "." * (4 + len(value) % 5) + " "
        parts.append(f"{label}: {lead}{value}{tail}")
    return f'<div class="ld">{"".join(parts)}<span class="dots"></span></div>'


def boxed(digits: str) -> str:
    """Digits each in its own printed box, as forms ask for an ID."""
    return "".join(f'<span class="box">{d}</span>' for d in digits)


MOTTO = (
    '<div class="c b">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>'
    '<div class="c b">Độc lập - Tự do - Hạnh phúc</div><div class="rule"></div>'
)


def header(agency: list[str], number: str, place_date: str, subject: str = "") -> str:
    """The two-column head of an official paper: agency and number on the left, the national
    motto and the place and date on the right."""
    left = "".join(f'<div class="b">{a}</div>' for a in agency)
    left += f'<div class="rule"></div><div>{number}</div>'
    if subject:
        left += f'<div class="small">{subject}</div>'
    right = (
        '<div class="b">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>'
        '<div class="b">Độc lập - Tự do - Hạnh phúc</div><div class="rule"></div>'
        f'<div class="i">{place_date}</div>'
    )
    return (
        f'<table class="hdr"><tr><td style="width:40%">{left}</td>'
        f'<td style="width:60%">{right}</td></tr></table>'
    )


def signatures(left: str, right: str, gap: int = 70) -> str:
    """Two signature blocks side by side; each ``title|note|name`` (note and name may be
    empty)."""

    def block(spec: str) -> str:
        if not spec:
            return ""
        title, note, name = spec.split("|")
        out = f'<div class="b">{title}</div>'
        out += f'<div class="i">{note}</div>' if note else ""
        out += f'<div class="b" style="margin-top:{gap}px">{name}</div>' if name else ""
        return out

    return (
        '<table class="sig"><tr>'
        f'<td style="width:50%">{block(left)}</td><td style="width:50%">{block(right)}</td>'
        "</tr></table>"
    )


def p_don_de_nghi(rng: random.Random) -> HtmlPage:
    mother = citizen_id(rng, "079", 1991, True)
    child = citizen_id(rng, "079", 2016, False)
    body = f"""{MOTTO}
<h1>ĐƠN ĐỀ NGHỊ CẤP BẢN SAO TRÍCH LỤC KHAI SINH</h1>
<p class="c">Kính gửi: Ủy ban nhân dân phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh</p>
{ld(("Họ, chữ đệm, tên người yêu cầu", "NGUYỄN THỊ HỒNG NHUNG"))}
{ld(("Ngày, tháng, năm sinh", "14/02/1991"), ("Giới tính", "Nữ"), ("Dân tộc", "Kinh"))}
<div class="idrow">Số định danh cá nhân: {boxed(mother)}</div>
{ld(("Nơi cư trú", "27 Nguyễn Huệ, phường Bến Nghé, Quận 1"))}
{ld(("Số điện thoại", "0903 456 789"), ("Thư điện tử", "hongnhung91@gmail.com"))}
{ld(("Quan hệ với người được cấp bản sao", "Mẹ đẻ"))}
<p class="b" style="margin-top:10px">Đề nghị cấp bản sao trích lục khai sinh cho người có tên dưới đây:</p>
{ld(("Họ, chữ đệm, tên", "TRẦN MINH KHÔI"))}
{ld(("Ngày, tháng, năm sinh", "03/09/2016"), ("Giới tính", "Nam"))}
{ld(("Nơi sinh", "Bệnh viện Từ Dũ, Thành phố Hồ Chí Minh"))}
{ld(("Số định danh cá nhân", child))}
{ld(("Đã đăng ký khai sinh tại", "UBND phường Bến Nghé"), ("ngày", "20/09/2016"))}
{ld(("Số bản sao đề nghị cấp", "02 (hai) bản"))}
{ld(("Mục đích sử dụng", "Bổ sung hồ sơ nhập học lớp 3"))}
{ld(("Ghi chú", ""))}
<p class="j" style="margin-top:10px">Tôi cam đoan những nội dung khai trên đây là đúng sự thật
và chịu trách nhiệm trước pháp luật về cam đoan của mình.</p>
<div class="c i" style="margin:14px 0 0 45%">Thành phố Hồ Chí Minh, ngày 08 tháng 4 năm 2024</div>
{signatures("", "NGƯỜI YÊU CẦU|(Ký, ghi rõ họ, chữ đệm, tên)|Nguyễn Thị Hồng Nhung")}
"""
    return HtmlPage("don_de_nghi", "Liberation Serif", 13, body, 1.55)


def p_huong_dan(rng: random.Random) -> HtmlPage:
    example = citizen_id(rng, "079", 1985, False)
    body = f"""<div class="c b">CÔNG AN QUẬN BÌNH THẠNH</div>
<div class="c b">ĐỘI CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI</div><div class="rule"></div>
<h1 style="font-size:15pt">HƯỚNG DẪN THỦ TỤC ĐĂNG KÝ THƯỜNG TRÚ</h1>
<p class="c i">(Áp dụng đối với công dân Việt Nam có chỗ ở hợp pháp trên địa bàn quận)</p>
<div class="cols">
<h2>1. Đối tượng áp dụng</h2>
<p>Công dân có chỗ ở hợp pháp thuộc quyền sở hữu của mình; công dân về ở với vợ, chồng, cha,
mẹ, con và được chủ hộ, chủ sở hữu chỗ ở hợp pháp đồng ý; công dân thuê, mượn, ở nhờ chỗ ở
hợp pháp bảo đảm điều kiện về diện tích nhà ở tối thiểu theo quy định của Hội đồng nhân dân
thành phố.</p>
<h2>2. Thành phần hồ sơ</h2>
<p>a) Tờ khai thay đổi thông tin cư trú (mẫu CT01), ghi rõ ý kiến đồng ý của chủ hộ, chủ sở
hữu chỗ ở hợp pháp;</p>
<p>b) Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp: giấy chứng nhận quyền sử dụng đất, quyền
sở hữu nhà ở, hợp đồng thuê, mượn, ở nhờ có công chứng hoặc chứng thực;</p>
<p>c) Giấy tờ chứng minh quan hệ nhân thân với chủ hộ trong trường hợp về ở với người thân
(giấy khai sinh, giấy chứng nhận kết hôn, quyết định công nhận việc nuôi con nuôi).</p>
<h2>3. Nơi nộp hồ sơ</h2>
<p>Bộ phận tiếp nhận và trả kết quả Công an phường nơi có chỗ ở; hoặc nộp trực tuyến qua
Cổng dịch vụ công quốc gia, Cổng dịch vụ công Bộ Công an hoặc ứng dụng VNeID.</p>
<h2>4. Thời hạn giải quyết</h2>
<p>Trong thời hạn 07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, cơ quan đăng ký cư trú
thẩm định, cập nhật thông tin về nơi thường trú mới của người đăng ký vào Cơ sở dữ liệu về
cư trú và thông báo cho người đăng ký; trường hợp từ chối phải trả lời bằng văn bản và nêu
rõ lý do.</p>
<h2>5. Lệ phí</h2>
<p>20.000 đồng/lần đăng ký khi nộp trực tiếp; 10.000 đồng/lần đăng ký khi nộp hồ sơ qua cổng
dịch vụ công trực tuyến. Miễn lệ phí cho người có công với cách mạng, hộ nghèo, trẻ em dưới
16 tuổi và đồng bào dân tộc thiểu số ở xã đặc biệt khó khăn.</p>
<h2>6. Cách ghi số định danh cá nhân</h2>
<p>Ghi đủ 12 chữ số theo thẻ Căn cước hoặc Căn cước công dân, không ghi số chứng minh nhân
dân 9 số. Ví dụ: ông Phan Văn Hậu, sinh năm 1985, ghi là {example}.</p>
<h2>7. Lưu ý</h2>
<p>Người đăng ký mang theo bản chính các giấy tờ để đối chiếu. Mọi thắc mắc xin liên hệ số
điện thoại 028 3841 2277 trong giờ hành chính, từ thứ Hai đến sáng thứ Bảy.</p>
</div>
"""
    return HtmlPage("huong_dan_hai_cot", "Noto Sans", 10.5, body, 1.45)


def p_thanh_vien(rng: random.Random) -> HtmlPage:
    people = [
        ("Lê Văn Thành", "15/06/1968", "Nam", "Chủ hộ", "001", ""),
        ("Phạm Thị Thu Hà", "22/11/1971", "Nữ", "Vợ", "031", ""),
        ("Lê Thị Ngọc Ánh", "09/03/1995", "Nữ", "Con", "001", "Tạm vắng"),
        ("Lê Quang Huy", "30/08/1999", "Nam", "Con", "001", ""),
        ("Lê Minh Đức", "17/01/2004", "Nam", "Con", "001", ""),
        ("Lê Phạm Bảo Ngọc", "05/12/2020", "Nữ", "Cháu nội", "001", ""),
    ]
    rows = "".join(
        f'<tr><td class="c">{k}</td><td>{name}</td><td class="c">{born}</td>'
        f'<td class="c">{sex}</td><td>{rel}</td>'
        f'<td class="c">{citizen_id(rng, prov, int(born[-4:]), sex == "Nữ")}</td><td>{note}</td></tr>'
        for k, (name, born, sex, rel, prov, note) in enumerate(people, 1)
    )
    body = f"""<div class="r i small">Mẫu CT07</div>
{MOTTO}
<h1>DANH SÁCH THÀNH VIÊN HỘ GIA ĐÌNH</h1>
<p>Họ và tên chủ hộ: <b>LÊ VĂN THÀNH</b></p>
<p>Địa chỉ thường trú: Số 45, ngõ 120 đường Trường Chinh, phường Phương Liệt, quận Thanh
Xuân, thành phố Hà Nội</p>
<p>Số sổ hộ khẩu cũ (nếu có): 010215478</p>
<table class="grid">
<tr><th>STT</th><th>Họ và tên</th><th>Ngày sinh</th><th>Giới tính</th>
<th>Quan hệ với chủ hộ</th><th>Số định danh cá nhân</th><th>Ghi chú</th></tr>
{rows}
</table>
<p style="margin-top:8px">Tổng số: 06 người (Nam: 03 người; Nữ: 03 người).</p>
<p class="j">Chủ hộ cam đoan các thông tin trên là đúng với thực tế và đã được các thành viên
trong hộ thống nhất. Danh sách này dùng để đối chiếu khi Công an phường cập nhật Cơ sở dữ
liệu quốc gia về dân cư.</p>
<div class="c i" style="margin:12px 0 0 50%">Hà Nội, ngày 02 tháng 5 năm 2024</div>
{signatures("XÁC NHẬN CỦA CÔNG AN PHƯỜNG|(Ký, ghi rõ họ tên, đóng dấu)|", "CHỦ HỘ|(Ký, ghi rõ họ tên)|Lê Văn Thành")}
"""
    return HtmlPage("ds_thanh_vien_bang", "DejaVu Sans", 10, body, 1.4)


def p_quyet_dinh(rng: random.Random) -> HtmlPage:
    person = citizen_id(rng, "001", 1958, True)
    body = f"""{header(["ỦY BAN NHÂN DÂN", "QUẬN CẦU GIẤY"], "Số: 1532/QĐ-UBND", "Cầu Giấy, ngày 12 tháng 6 năm 2024")}
<h1 style="margin-top:16px;margin-bottom:0">QUYẾT ĐỊNH</h1>
<div class="c b">Về việc hỗ trợ kinh phí một lần cho hộ gia đình có hoàn cảnh khó khăn</div>
<div class="rule"></div>
<h1 style="font-size:12pt">CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN CẦU GIẤY</h1>
<div class="j i ind">
<p>Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung
một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11
năm 2019;</p>
<p>Căn cứ Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021 của Chính phủ quy định chính
sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội;</p>
<p>Căn cứ Quyết định số 12/2023/QĐ-UBND ngày 05 tháng 4 năm 2023 của Ủy ban nhân dân thành
phố Hà Nội ban hành quy định về trợ giúp xã hội đột xuất trên địa bàn thành phố;</p>
<p>Xét đề nghị của Trưởng phòng Lao động - Thương binh và Xã hội quận tại Tờ trình số
245/TTr-LĐTBXH ngày 03 tháng 6 năm 2024.</p>
</div>
<h1 style="font-size:12pt">QUYẾT ĐỊNH:</h1>
<div class="j ind">
<p><b>Điều 1.</b> Hỗ trợ kinh phí một lần cho bà Hoàng Thị Mai, sinh năm 1958, số định danh cá
nhân {person}, thường trú tại số 18 ngõ 75 phố Trần Quý Kiên, phường Dịch Vọng, quận Cầu
Giấy, thành phố Hà Nội, với số tiền là 5.000.000 đồng (Bằng chữ: Năm triệu đồng chẵn).</p>
<p><b>Điều 2.</b> Kinh phí thực hiện từ nguồn ngân sách quận năm 2024 đã giao cho Phòng Lao
động - Thương binh và Xã hội. Phòng Tài chính - Kế hoạch quận có trách nhiệm hướng dẫn, kiểm
tra việc sử dụng kinh phí đúng mục đích, đúng chế độ và thanh quyết toán theo quy định hiện
hành.</p>
<p><b>Điều 3.</b> Quyết định này có hiệu lực kể từ ngày ký.</p>
<p><b>Điều 4.</b> Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân quận, Trưởng phòng Tài
chính - Kế hoạch, Trưởng phòng Lao động - Thương binh và Xã hội, Chủ tịch Ủy ban nhân dân
phường Dịch Vọng, Thủ trưởng các đơn vị có liên quan và bà Hoàng Thị Mai chịu trách nhiệm thi
hành Quyết định này./.</p>
</div>
<table class="sig" style="margin-top:10px"><tr>
<td style="width:50%;text-align:left" class="small"><div class="b i">Nơi nhận:</div>
<div>- Như Điều 4;</div><div>- Chủ tịch UBND quận (để b/c);</div>
<div>- Kho bạc Nhà nước quận;</div><div>- Lưu: VT, LĐTBXH.</div></td>
<td style="width:50%"><div class="b">KT. CHỦ TỊCH</div><div class="b">PHÓ CHỦ TỊCH</div>
<div class="b" style="margin-top:70px">Nguyễn Văn Long</div></td></tr></table>
"""
    return HtmlPage("quyet_dinh", "Noto Serif", 12, body, 1.38)


def p_cong_van(rng: random.Random) -> HtmlPage:
    person = citizen_id(rng, "027", 1984, True)
    body = f"""{header(["UBND TỈNH BẮC NINH", "SỞ TƯ PHÁP"], "Số: 123/STP-HCTP", "Bắc Ninh, ngày 25 tháng 3 năm 2024", "V/v trả lời đơn kiến nghị của công dân")}
<p class="c" style="margin-top:22px">Kính gửi: Bà Phạm Thị Lan, thôn Đông Xuyên, xã Đông Phong,
huyện Yên Phong, tỉnh Bắc Ninh.</p>
<div class="j ind">
<p>Sở Tư pháp nhận được đơn đề ngày 04 tháng 3 năm 2024 của bà Phạm Thị Lan, số định danh cá
nhân {person}, kiến nghị về việc cải chính họ, chữ đệm trong Giấy khai sinh của con là cháu
Nguyễn Gia Bảo.</p>
<p>Sau khi xem xét nội dung đơn và hồ sơ kèm theo, Sở Tư pháp có ý kiến như sau:</p>
<p>Theo quy định tại Điều 7 Nghị định số 123/2015/NĐ-CP ngày 15 tháng 11 năm 2015 của Chính
phủ, Ủy ban nhân dân cấp xã nơi đã đăng ký khai sinh trước đây hoặc nơi cư trú của người
yêu cầu có thẩm quyền giải quyết việc cải chính hộ tịch cho người chưa đủ 14 tuổi.</p>
<p>Đề nghị bà liên hệ Ủy ban nhân dân xã Đông Phong, mang theo bản chính Giấy khai sinh của
cháu, giấy tờ làm căn cứ cho việc cải chính và văn bản ủy quyền (nếu có) để được hướng dẫn,
giải quyết theo đúng quy định của pháp luật.</p>
<p>Sở Tư pháp trả lời để bà Phạm Thị Lan được biết./.</p>
</div>
<table class="sig" style="margin-top:14px"><tr>
<td style="width:50%;text-align:left" class="small"><div class="b i">Nơi nhận:</div>
<div>- Như trên;</div><div>- UBND xã Đông Phong (để phối hợp);</div>
<div>- Giám đốc Sở (để b/c);</div><div>- Lưu: VT, HCTP.</div></td>
<td style="width:50%"><div class="b">KT. GIÁM ĐỐC</div><div class="b">PHÓ GIÁM ĐỐC</div>
<div class="b" style="margin-top:80px">Trần Đức Thắng</div></td></tr></table>
"""
    return HtmlPage("cong_van", "Liberation Serif", 13, body, 1.5)


def p_bien_lai(rng: random.Random) -> HtmlPage:
    payer = citizen_id(rng, "075", 1990, True)

    def copy(which: str) -> str:
        return f"""<table class="hdr"><tr>
<td style="width:55%;text-align:left"><div class="b">ỦY BAN NHÂN DÂN XÃ PHƯỚC THIỀN</div>
<div>Mã số thuế: 3603215478</div><div>Mã QHNS: 1123456</div></td>
<td style="width:45%;text-align:left"><div>Mẫu số: 01BLP-001</div><div>Ký hiệu: PT-24E</div>
<div>Số: <b>0000871</b></div></td></tr></table>
<h1 style="font-size:13pt;margin:8px 0 0">BIÊN LAI THU TIỀN PHÍ, LỆ PHÍ</h1>
<div class="c i">({which})</div>
<p style="margin-top:6px">Tên đơn vị hoặc người nộp tiền: <b>Võ Thị Kim Oanh</b></p>
<p>Số định danh cá nhân: {payer}</p>
<p>Địa chỉ: Ấp Bến Cam, xã Phước Thiền, huyện Nhơn Trạch, tỉnh Đồng Nai</p>
<table class="grid">
<tr><th>STT</th><th>Nội dung thu</th><th>Số lượng</th><th>Đơn giá (đồng)</th><th>Thành tiền (đồng)</th></tr>
<tr><td class="c">1</td><td>Lệ phí chứng thực bản sao từ bản chính</td><td class="c">6</td><td class="r">2.000</td><td class="r">12.000</td></tr>
<tr><td class="c">2</td><td>Phí cấp bản sao trích lục hộ tịch</td><td class="c">2</td><td class="r">8.000</td><td class="r">16.000</td></tr>
<tr><td></td><td class="b">Tổng cộng</td><td></td><td></td><td class="r b">28.000</td></tr>
</table>
<p style="margin-top:4px">Số tiền bằng chữ: <i>Hai mươi tám nghìn đồng.</i></p>
<p>Hình thức thanh toán: Tiền mặt. Thời điểm thu: 09 giờ 42 phút ngày 16 tháng 4 năm 2024.</p>
{signatures("NGƯỜI NỘP TIỀN|(Ký, ghi rõ họ tên)|Võ Thị Kim Oanh", "NGƯỜI THU TIỀN|(Ký, ghi rõ họ tên)|Lương Thị Diệu", 36)}
"""

    body = (
        copy("Liên 1: Lưu tại đơn vị thu")
        + '<div class="cut"></div>'
        + copy("Liên 2: Giao cho người nộp tiền")
    )
    return HtmlPage("bien_lai_chu_nho", "Liberation Sans", 9.5, body, 1.35)


def p_xac_nhan(rng: random.Random) -> HtmlPage:
    person = citizen_id(rng, "001", 1987, False)
    wife = citizen_id(rng, "034", 1989, True)
    body = f"""{header(["CÔNG AN QUẬN CẦU GIẤY", "CÔNG AN PHƯỜNG TRUNG HÒA"], "Số: 562/XN-CAP", "Hà Nội, ngày 20 tháng 5 năm 2024")}
<h1 style="margin-top:20px;margin-bottom:2px">GIẤY XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ</h1>
<p class="c i">(Theo đề nghị của công dân ngày 17 tháng 5 năm 2024)</p>
<div class="j ind">
<p>Công an phường Trung Hòa xác nhận ông <b>NGÔ QUANG VINH</b>, sinh ngày <i>21 tháng 7 năm
1987</i>, giới tính: <i>Nam</i>, số định danh cá nhân: <b>{person}</b>, quê quán: <i>xã Hải
Bối, huyện Đông Anh, thành phố Hà Nội</i>.</p>
<p><b><i>Nơi thường trú:</i></b> Số 9, ngõ 34 phố Hoàng Ngân, phường Trung Hòa, quận Cầu Giấy,
thành phố Hà Nội; đăng ký từ ngày <i>08/10/2015</i>.</p>
<p><b><i>Nơi tạm trú:</i></b> <i>Không có</i>.</p>
<p><b><i>Nơi ở hiện tại:</i></b> như nơi thường trú.</p>
<p>Thông tin về chủ hộ và các thành viên khác trong hộ gia đình: ông Ngô Quang Vinh là
<b>chủ hộ</b>; vợ là bà <b>Đỗ Thị Phương</b>, sinh năm 1989, số định danh cá nhân
<b>{wife}</b>; con là cháu <b>Ngô Đỗ Bảo An</b>, sinh năm 2018.</p>
<p>Giấy xác nhận này được cấp để ông Ngô Quang Vinh <i>bổ sung hồ sơ vay vốn tại Ngân hàng
Chính sách xã hội</i> và có giá trị <b>06 tháng</b> kể từ ngày ký, trừ trường hợp thông
tin về cư trú của công dân có thay đổi.</p>
<p class="i">Lưu ý: Công dân có thể kiểm tra thông tin trong giấy này bằng cách quét mã QR
hoặc tra cứu trên ứng dụng VNeID, mục “Thông tin cư trú”.</p>
</div>
{signatures("", "TRƯỞNG CÔNG AN PHƯỜNG|(Ký, ghi rõ họ tên, đóng dấu)|Thượng tá Bùi Văn Khải")}
"""
    return HtmlPage("xac_nhan_nghieng_dam", "DejaVu Serif", 12, body, 1.5)


def p_thong_bao(rng: random.Random) -> HtmlPage:
    owner = citizen_id(rng, "022", 1976, False)
    body = f"""<div class="c b">ỦY BAN NHÂN DÂN PHƯỜNG HỒNG HẢI</div>
<div class="c">THÀNH PHỐ HẠ LONG, TỈNH QUẢNG NINH</div><div class="rule"></div>
<h1 style="margin-top:18px;margin-bottom:2px">THÔNG BÁO</h1>
<p class="c b">Về việc niêm yết công khai hồ sơ đề nghị cấp Giấy chứng nhận quyền sử dụng
đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất</p>
<p class="c i">(Niêm yết từ ngày 06/5/2024 đến hết ngày 20/5/2024)</p>
<h2 class="c">I. THÔNG TIN NGƯỜI ĐỀ NGHỊ</h2>
<p class="c">Ông Vũ Đình Khang, sinh năm 1976</p>
<p class="c">Số định danh cá nhân: {owner}</p>
<p class="c">Địa chỉ: Tổ 5, khu 3, phường Hồng Hải, thành phố Hạ Long</p>
<h2 class="c">II. THÔNG TIN THỬA ĐẤT</h2>
<p class="c">Thửa đất số 218, tờ bản đồ số 14, diện tích 96,5 m²</p>
<p class="c">Mục đích sử dụng: Đất ở tại đô thị; thời hạn sử dụng: lâu dài</p>
<p class="c">Nguồn gốc: Nhận chuyển nhượng năm 1998, sử dụng ổn định, không tranh chấp</p>
<h2 class="c">III. THỜI GIAN VÀ ĐỊA ĐIỂM TIẾP NHẬN Ý KIẾN</h2>
<p class="c">Trong thời gian niêm yết, tổ chức, cá nhân có ý kiến về nguồn gốc, thời điểm
sử dụng và ranh giới thửa đất nêu trên đề nghị gửi bằng văn bản về Ủy ban nhân dân phường
Hồng Hải (số 12 đường Nguyễn Văn Cừ) trong giờ hành chính.</p>
<p class="c">Hết thời hạn niêm yết, nếu không có ý kiến, Ủy ban nhân dân phường sẽ hoàn
thiện hồ sơ theo quy định.</p>
<p class="c i" style="margin-top:14px">Hạ Long, ngày 06 tháng 5 năm 2024</p>
<div class="c b">TM. ỦY BAN NHÂN DÂN</div><div class="c b">CHỦ TỊCH</div>
<div class="c b" style="margin-top:64px">Phạm Thị Hải Yến</div>
"""
    return HtmlPage("thong_bao_can_giua", "Noto Serif", 12.5, body, 1.45)


def p_to_khai(rng: random.Random) -> HtmlPage:
    bride = citizen_id(rng, "048", 1996, True)
    groom = citizen_id(rng, "048", 1994, False)
    body = f"""{MOTTO}
<h1 style="font-size:15pt">TỜ KHAI ĐĂNG KÝ KẾT HÔN</h1>
<p class="c">Kính gửi: Ủy ban nhân dân xã Hòa Tiến, huyện Hòa Vang, thành phố Đà Nẵng</p>
<table class="grid">
<tr><th style="width:28%">Thông tin</th><th>Bên nữ</th><th>Bên nam</th></tr>
<tr><td>Họ, chữ đệm, tên</td><td>LÊ THỊ THANH THẢO</td><td>HUỲNH VĂN TÀI</td></tr>
<tr><td>Ngày, tháng, năm sinh</td><td>18/10/1996</td><td>07/05/1994</td></tr>
<tr><td>Dân tộc</td><td>Kinh</td><td>Kinh</td></tr>
<tr><td>Quốc tịch</td><td>Việt Nam</td><td>Việt Nam</td></tr>
<tr><td>Nơi cư trú</td><td>Thôn Yến Nê 1, xã Hòa Tiến, huyện Hòa Vang</td>
<td>Tổ 12, phường Hòa Khánh Bắc, quận Liên Chiểu</td></tr>
<tr><td>Số định danh cá nhân</td><td>{bride}</td><td>{groom}</td></tr>
<tr><td>Kết hôn lần thứ mấy</td><td>Thứ nhất</td><td>Thứ nhất</td></tr>
</table>
<p class="j" style="margin-top:10px">Chúng tôi cam đoan những lời khai trên đây là đúng sự
thật, việc kết hôn của chúng tôi là tự nguyện, không vi phạm quy định của Luật Hôn nhân và
gia đình Việt Nam.</p>
<p class="j">Chúng tôi chịu trách nhiệm trước pháp luật về cam đoan của mình.</p>
<p class="c i" style="margin:10px 0 0 45%">Hòa Vang, ngày 10 tháng 6 năm 2024</p>
{signatures("BÊN NỮ|(Ký, ghi rõ họ, chữ đệm, tên)|Lê Thị Thanh Thảo", "BÊN NAM|(Ký, ghi rõ họ, chữ đệm, tên)|Huỳnh Văn Tài", 60)}
"""
    return HtmlPage("to_khai_14pt", "Liberation Serif", 14, body, 1.45)


def p_giay_hen(rng: random.Random) -> HtmlPage:
    person = citizen_id(rng, "079", 2001, True)
    body = f"""{header(["UBND THÀNH PHỐ THỦ ĐỨC", "BỘ PHẬN MỘT CỬA"], "Số: 0412/TNHS", "Thủ Đức, ngày 08 tháng 4 năm 2024")}
<h1 style="margin-top:18px;margin-bottom:2px">GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ</h1>
<p class="c">Mã hồ sơ: <b>H29.33-240408-0012</b></p>
<div class="greybox">
<p>Bộ phận tiếp nhận và trả kết quả thành phố Thủ Đức tiếp nhận hồ sơ của:</p>
<p>Bà: <b>Đoàn Ngọc Minh Thư</b></p>
<p>Số định danh cá nhân: {person}</p>
<p>Địa chỉ: 112/4 đường Lê Văn Việt, phường Hiệp Phú, thành phố Thủ Đức</p>
<p>Số điện thoại: 0938 217 554</p>
<p>Nội dung yêu cầu giải quyết: Đăng ký thay đổi nội dung đăng ký hộ kinh doanh</p>
</div>
<p class="b">Thành phần hồ sơ gồm:</p>
<table class="grid">
<tr><th>STT</th><th>Tên giấy tờ</th><th>Bản chính</th><th>Bản sao</th></tr>
<tr><td class="c">1</td><td>Thông báo thay đổi nội dung đăng ký hộ kinh doanh</td><td class="c">01</td><td class="c">0</td></tr>
<tr><td class="c">2</td><td>Giấy chứng nhận đăng ký hộ kinh doanh đã cấp</td><td class="c">01</td><td class="c">0</td></tr>
<tr><td class="c">3</td><td>Hợp đồng thuê mặt bằng kinh doanh</td><td class="c">0</td><td class="c">01</td></tr>
</table>
<p style="margin-top:8px">Số lượng hồ sơ: 01 bộ.</p>
<p>Thời gian giải quyết hồ sơ theo quy định là: 03 ngày làm việc.</p>
<p>Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 08/4/2024.</p>
<p>Thời gian trả kết quả: 14 giờ 00 phút, ngày 11/4/2024.</p>
<div class="greybox light">
<p class="b">Lưu ý:</p>
<p>- Khi đến nhận kết quả, công dân mang theo giấy này và bản chính giấy tờ tùy thân.</p>
<p>- Trường hợp ủy quyền nhận thay phải có văn bản ủy quyền theo quy định.</p>
<p>- Tra cứu tình trạng hồ sơ tại địa chỉ dichvucong.hochiminhcity.gov.vn.</p>
</div>
{signatures("NGƯỜI NỘP HỒ SƠ|(Ký, ghi rõ họ tên)|Đoàn Ngọc Minh Thư", "NGƯỜI TIẾP NHẬN HỒ SƠ|(Ký, ghi rõ họ tên)|Châu Thanh Tùng", 50)}
"""
    return HtmlPage("giay_hen_hop_xam", "Noto Sans", 11, body, 1.4)


def p_uy_quyen(rng: random.Random) -> HtmlPage:
    a = citizen_id(rng, "038", 1962, False)
    b = citizen_id(rng, "038", 1990, True)

    def party(title: str, rows: list[tuple[str, str]]) -> str:
        cells = "".join(f'<tr><td class="lab">{k}:</td><td>{v}</td></tr>' for k, v in rows)
        return f'<p class="b" style="margin-top:10px">{title}</p><table class="kv">{cells}</table>'

    body = f"""{MOTTO}
<h1>GIẤY ỦY QUYỀN</h1>
<p class="c i">(Dùng cho cá nhân)</p>
<p class="i">- Căn cứ Bộ luật Dân sự năm 2015;</p>
<p class="i">- Căn cứ vào các văn bản pháp luật hiện hành.</p>
<p>Hôm nay, ngày 22 tháng 4 năm 2024, tại Ủy ban nhân dân xã Quảng Tâm, chúng tôi gồm:</p>
{party("BÊN ỦY QUYỀN (Bên A):", [("Họ và tên", "Trương Công Bình"), ("Ngày sinh", "11/01/1962"), ("Số định danh cá nhân", a), ("Ngày cấp", "20/04/2021"), ("Nơi cấp", "Cục Cảnh sát QLHC về TTXH"), ("Địa chỉ thường trú", "Thôn Đông, xã Quảng Tâm, thành phố Thanh Hóa")])}
{party("BÊN ĐƯỢC ỦY QUYỀN (Bên B):", [("Họ và tên", "Trương Thị Mỹ Linh"), ("Ngày sinh", "05/08/1990"), ("Số định danh cá nhân", b), ("Quan hệ với Bên A", "Con đẻ"), ("Địa chỉ thường trú", "Số 7 phố Hạc Thành, phường Điện Biên, thành phố Thanh Hóa")])}
<p class="b" style="margin-top:10px">NỘI DUNG ỦY QUYỀN:</p>
<p class="j">Bên B được thay mặt Bên A nộp hồ sơ, nhận kết quả và ký các giấy tờ liên quan đến
thủ tục đăng ký biến động quyền sử dụng đất đối với thửa đất số 352, tờ bản đồ số 07 tại
thôn Đông, xã Quảng Tâm.</p>
<p>Thời hạn ủy quyền: kể từ ngày ký đến khi hoàn thành công việc được ủy quyền.</p>
<p class="j">Hai bên cam kết chịu trách nhiệm trước pháp luật về mọi thông tin ủy quyền ở
trên. Giấy ủy quyền được lập thành 03 bản, mỗi bên giữ 01 bản, 01 bản nộp kèm hồ sơ.</p>
{signatures("BÊN ỦY QUYỀN|(Ký, ghi rõ họ tên)|Trương Công Bình", "BÊN ĐƯỢC ỦY QUYỀN|(Ký, ghi rõ họ tên)|Trương Thị Mỹ Linh", 56)}
"""
    return HtmlPage("uy_quyen_nhan_gia_tri", "Liberation Sans", 12, body, 1.4)


def p_bien_ban(rng: random.Random) -> HtmlPage:
    giver = citizen_id(rng, "036", 1985, False)
    taker = citizen_id(rng, "036", 1993, True)
    boxes = [
        ("01", "Hồ sơ đăng ký khai sinh", "2019 - 2020", "184", ""),
        ("02", "Hồ sơ đăng ký kết hôn", "2019 - 2021", "96", ""),
        ("03", "Hồ sơ đăng ký khai tử", "2020 - 2022", "57", "Thiếu 02 tờ khai"),
        ("04", "Sổ chứng thực bản sao", "2021 - 2023", "12", "Sổ"),
    ]
    rows = "".join(
        f'<tr><td class="c">{n}</td><td>{t}</td><td class="c">{y}</td><td class="c">{c}</td><td>{note}</td></tr>'
        for n, t, y, c, note in boxes
    )
    body = f"""{header(["UBND HUYỆN HẢI HẬU", "UBND XÃ HẢI ĐÔNG"], "Số: 08/BB-UBND", "Hải Đông, ngày 19 tháng 4 năm 2024")}
<h1 style="margin-top:16px;margin-bottom:2px">BIÊN BẢN</h1>
<p class="c b">Bàn giao hồ sơ, tài liệu hộ tịch vào Lưu trữ cơ quan</p>
<p class="j">Hôm nay, vào lúc 14 giờ 30 phút ngày 19 tháng 4 năm 2024, tại trụ sở Ủy ban nhân
dân xã Hải Đông, huyện Hải Hậu, tỉnh Nam Định, chúng tôi gồm:</p>
<h2>I. THÀNH PHẦN</h2>
<p>1. Bên giao: Ông Đinh Công Tuấn, công chức Tư pháp - Hộ tịch, số định danh cá nhân
{giver}.</p>
<p>2. Bên nhận: Bà Mai Thị Hằng, công chức Văn phòng - Thống kê (kiêm nhiệm lưu trữ), số định
danh cá nhân {taker}.</p>
<h2>II. NỘI DUNG BÀN GIAO</h2>
<table class="grid">
<tr><th>Hộp số</th><th>Tiêu đề hồ sơ</th><th>Thời gian</th><th>Số lượng</th><th>Ghi chú</th></tr>
{rows}
</table>
<p style="margin-top:6px">Tổng cộng: 04 hộp, 349 hồ sơ, 01 sổ kèm theo Mục lục hồ sơ.</p>
<h2>III. Ý KIẾN CỦA CÁC BÊN</h2>
<p class="j i">Bên nhận đã kiểm tra số lượng, tình trạng vật lý của hồ sơ; hồ sơ được sắp xếp
theo năm, có bìa và mục lục. Hộp số 03 thiếu 02 tờ khai, Bên giao có trách nhiệm bổ sung
trước ngày 30 tháng 4 năm 2024.</p>
<p class="j">Biên bản kết thúc lúc 16 giờ 00 phút cùng ngày, được lập thành 02 bản có giá trị
pháp lý như nhau, mỗi bên giữ 01 bản.</p>
{signatures("BÊN GIAO|(Ký, ghi rõ họ tên)|Đinh Công Tuấn", "BÊN NHẬN|(Ký, ghi rõ họ tên)|Mai Thị Hằng", 56)}
"""
    return HtmlPage("bien_ban_chu_hep", "DejaVu Serif Condensed", 11.5, body, 1.42)


PAGES: tuple[Callable[[random.Random], HtmlPage], ...] = (
    p_don_de_nghi,
    p_huong_dan,
    p_thanh_vien,
    p_quyet_dinh,
    p_cong_van,
    p_bien_lai,
    p_xac_nhan,
    p_thong_bao,
    p_to_khai,
    p_giay_hen,
    p_uy_quyen,
    p_bien_ban,
)

CSS = """
* { box-sizing: border-box; }
html, body { margin: 0; background: #fff; color: #000; }
body { width: 794px; min-height: 1123px; padding: 64px 57px 40px 106px;
       font-family: "%(font)s"; font-size: %(size)spt; line-height: %(lh)s; }
p { margin: 0 0 0.3em; }
h1 { font-size: 14pt; text-align: center; margin: 14px 0 8px; }
h2 { font-size: 1em; margin: 8px 0 3px; }
.c { text-align: center; } .r { text-align: right; } .j { text-align: justify; }
.b { font-weight: bold; } .i { font-style: italic; } .small { font-size: 0.85em; }
.ind p { text-indent: 2em; }
.rule { width: 30%%; margin: 2px auto 6px; border-top: 1px solid #000; }
.ld { white-space: nowrap; }
.idrow { margin: 3px 0; }
.box { display: inline-block; width: 1.35em; border: 1px solid #000; text-align: center;
       margin-right: -1px; line-height: 1.3; }
table { border-collapse: collapse; font-size: inherit; }
table.hdr, table.sig { width: 100%%; }
table.hdr td, table.sig td { vertical-align: top; text-align: center; padding: 0; }
table.sig { margin-top: 12px; }
table.grid { width: 100%%; }
table.grid td, table.grid th { border: 1px solid #000; padding: 2px 5px; vertical-align: top; }
table.kv td { padding: 1px 8px 1px 0; vertical-align: top; }
table.kv td.lab { width: 190px; }
.cols { column-count: 2; column-gap: 26px; column-rule: 1px solid #999; text-align: justify; }
.cols h2 { margin-top: 4px; }
.greybox { background: #e4e4e4; padding: 8px 12px; margin: 8px 0; }
.greybox.light { background: #f0f0f0; border: 1px solid #bbb; }
.cut { border-top: 1px dashed #000; margin: 18px 0 14px; }
"""

FILL_LEADERS = """() => {
  for (const line of document.querySelectorAll('.ld')) {
    const dots = line.querySelector('.dots');
    while (line.scrollWidth <= line.clientWidth) dots.textContent += '.';
    dots.textContent = dots.textContent.slice(0, -1);
  }
}"""

OVERFLOWS = """() => {
  const bad = [];
  const de = document.documentElement;
  if (de.scrollHeight > MAX_H || de.scrollWidth > MAX_W) bad.push('page ' + de.scrollWidth + 'x' + de.scrollHeight);
  for (const el of document.body.querySelectorAll('*'))
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline')
      bad.push(el.tagName + ' ' + (el.textContent || '').slice(0, 40));
  return bad;
}""".replace("MAX_H", str(A4_CSS[1])).replace("MAX_W", str(A4_CSS[0]))


def html_of(page: HtmlPage) -> str:
    css = CSS % {"font": page.font, "size": page.size_pt, "lh": page.line_height}
    return unicodedata.normalize(
        "NFC",
        f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>{css}</style>'
        f"</head><body>{page.body}</body></html>",
    )


ID_RE = re.compile(r"(?<!\d)\d{12}(?!\d)")


@dataclass
class Clean:
    name: str
    font: str
    image: np.ndarray
    truth: str
    ids: list[str]


def render_pages(pages: list[HtmlPage]) -> list[Clean]:
    """Each page set by Chromium at A4 and 300 dpi, with its text as the browser lays it out.
    A page whose text runs off the sheet (or out of a box) is an error: the truth would hold
    words the image lacks."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            context = browser.new_context(
                viewport={"width": A4_CSS[0], "height": A4_CSS[1]}, device_scale_factor=SCALE
            )
            tab = context.new_page()
            for page in pages:
                tab.set_content(html_of(page), wait_until="load")
                tab.evaluate("document.fonts.ready.then(() => true)")
                tab.evaluate(FILL_LEADERS)
                bad = tab.evaluate(OVERFLOWS)
                if bad:
                    raise RuntimeError(f"{page.name}: content does not fit: {bad[:5]}")
                truth = unicodedata.normalize("NFC", tab.evaluate("document.body.innerText"))
                png = tab.screenshot(
                    clip={"x": 0, "y": 0, "width": A4_CSS[0], "height": A4_CSS[1]}, type="png"
                )
                image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR)
                ids = ID_RE.findall(truth)
                if not ids:
                    raise RuntimeError(f"{page.name}: no 12-digit ID in the text")
                rgb = np.ascontiguousarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
                out.append(Clean(page.name, page.font, rgb, truth, ids))
        finally:
            browser.close()
    return out


# --- the harms ----------------------------------------------------------------------------

Harm = Callable[[np.ndarray, random.Random], tuple[np.ndarray, int, str, int]]
"""Clean RGB page at 300 dpi -> image, declared dpi, file format, JPEG quality."""


def clean(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int, str, int]:
    return img, 300, "png", 0


def scan150(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int, str, int]:
    """A 150 dpi scan, a little soft, saved as JPEG at quality 60."""
    h, w = img.shape[:2]
    small = cv2.resize(img, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
    return cv2.GaussianBlur(small, (0, 0), 0.8), 150, "jpg", 60


def photo(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int, str, int]:
    """A phone photo, 2000 px high, of the page on a desk: turned 4-8 degrees, each corner
    3-6 % of the side off square, a shadow falling to 55-70 % brightness towards one side,
    sensor noise (sigma 6), JPEG 70, 72 dpi declared."""
    big_h, big_w = 2000, 1560
    page_h = 1600
    h, w = img.shape[:2]
    page_w = round(w * page_h / h)
    small = cv2.resize(img, (page_w, page_h), interpolation=cv2.INTER_AREA)
    noise = np.random.default_rng(rng.randrange(2**32))
    desk = noise.normal(0, 1, (big_h // 50, big_w // 50, 3)) * 12 + (142, 118, 92)
    desk = cv2.resize(desk.clip(0, 255).astype(np.uint8), (big_w, big_h), cv2.INTER_CUBIC)
    angle = np.radians(rng.choice((-1, 1)) * rng.uniform(4, 8))
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    half = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]], np.float64) * (page_w / 2, page_h / 2)
    corners = half @ rot.T
    for c in corners:
        c += [
            rng.choice((-1, 1)) * rng.uniform(0.03, 0.06) * page_w,
            rng.choice((-1, 1)) * rng.uniform(0.03, 0.06) * page_h,
        ]
    # Keep the whole sheet in the frame, 20 px from its edges.
    reach = np.abs(corners).max(axis=0)
    corners *= min(1.0, (big_w / 2 - 20) / reach[0], (big_h / 2 - 20) / reach[1])
    corners += (big_w / 2, big_h / 2)
    src = np.array([[0, 0], [page_w, 0], [page_w, page_h], [0, page_h]], np.float32)
    m = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    sheet = cv2.warpPerspective(small, m, (big_w, big_h), flags=cv2.INTER_LINEAR)
    inside = cv2.warpPerspective(np.full((page_h, page_w), 255, np.uint8), m, (big_w, big_h))
    out = np.where((inside > 128)[..., None], sheet, desk).astype(np.float32)
    yy, xx = np.mgrid[0:big_h, 0:big_w].astype(np.float32)
    toward = rng.uniform(0, 2 * np.pi)
    t = xx * np.cos(toward) + yy * np.sin(toward)
    t = (t - t.min()) / (t.max() - t.min())
    out *= (1 - (1 - rng.uniform(0.55, 0.70)) * t)[..., None]
    out += noise.normal(0, 6, out.shape)
    return out.clip(0, 255).astype(np.uint8), 72, "jpg", 70


def upside(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int, str, int]:
    """Fed upside down and 2 degrees askew, scanned at 200 dpi."""
    h, w = img.shape[:2]
    small = cv2.resize(img, (w * 2 // 3, h * 2 // 3), interpolation=cv2.INTER_AREA)
    sh, sw = small.shape[:2]
    m = cv2.getRotationMatrix2D((sw / 2, sh / 2), 180 + rng.choice((-2, 2)), 1)
    return cv2.warpAffine(small, m, (sw, sh), borderValue=(255, 255, 255)), 200, "png", 0


HARMS: dict[str, Harm] = {f.__name__: f for f in (clean, scan150, photo, upside)}


@dataclass
class Sample:
    page: str
    font: str
    harm: str
    image: Path
    truth: str
    ids: list[str]


def make_samples(cleans: list[Clean], harms: list[str], out: Path) -> list[Sample]:
    samples = []
    for k, page in enumerate(cleans):
        for harm in harms:
            rng = random.Random(SEED + 1000 * k + list(HARMS).index(harm))
            image, dpi, fmt, quality = HARMS[harm](page.image, rng)
            path = out / f"{k + 1:02d}-{page.name}-{harm}.{fmt}"
            pil = Image.fromarray(image)
            if fmt == "jpg":
                pil.save(path, quality=quality, dpi=(dpi, dpi))
            else:
                pil.save(path, dpi=(dpi, dpi), compress_level=3)
            samples.append(Sample(page.name, page.font, harm, path, page.truth, page.ids))
    return samples


# --- reading and scoring ------------------------------------------------------------------

LEADERS = re.compile(r"\.{3,}|…+")


def without_leaders(text: str) -> str:
    return LEADERS.sub(" ", text)


def score(samples: list[Sample], timeout: float, work: Path) -> list[dict]:
    gate = QualityOptions()
    rows = []
    for n, s in enumerate(samples, 1):
        image, dpi = load(s.image)
        q = assess_page(image, dpi, gate)
        del image
        row: dict = {
            "page": s.page,
            "font": s.font,
            "harm": s.harm,
            "image": str(s.image),
            "gate": q.verdict,
            "gate_codes": [r.code for r in q.reasons],
            "ids": s.ids,
            "truth": s.truth,
        }
        sohoa_text, secs, conf, words = run_sohoa(s.image, timeout, work)
        tess_text, tess_secs = run_tesseract(s.image, timeout)
        for engine, text, seconds in (
            ("sohoa", sohoa_text, secs),
            ("tesseract", tess_text, tess_secs),
        ):
            row[engine] = {
                "cer": cer(text, s.truth),
                "cer_no_leaders": cer(without_leaders(text), without_leaders(s.truth)),
                "ids_found": [i for i in s.ids if id_found(text, i)],
                "seconds": seconds,
                "text": text,
            }
        row["sohoa"].update(mean_conf=conf, words=words)
        rows.append(row)
        print(
            f"[{n}/{len(samples)}] {s.image.name} gate={q.verdict} "
            f"sohoa={row['sohoa']['cer']:.3f}/{secs:.1f}s "
            f"tesseract={row['tesseract']['cer']:.3f}/{tess_secs:.1f}s",
            file=sys.stderr,
            flush=True,
        )
    return rows


def _by_harm(rows: list[dict], harms: list[str]) -> list[tuple[str, list[dict]]]:
    groups = [(harm, [r for r in rows if r["harm"] == harm]) for harm in harms]
    return [(harm, group) for harm, group in groups if group]


def report(rows: list[dict], harms: list[str]) -> str:
    engines = ("sohoa", "tesseract")
    head = f"{'harm':8s} {'pages':>5s}"
    for e in engines:
        head += f" | {e + ' CER med':>17s} {'mean':>6s} {'ID %':>6s} {'s/page':>6s}"
    head += f" | {'gate a/w/r':>10s}"
    lines = ["Whole-page CER (NFC, whitespace collapsed, capped at 1); ID % = share of all", ""]
    lines[0] += " 12-digit IDs on the pages read exactly."
    lines += [head, "-" * len(head)]
    for harm, group in _by_harm(rows, harms):
        line = f"{harm:8s} {len(group):5d}"
        for e in engines:
            cers = [r[e]["cer"] for r in group]
            found = sum(len(r[e]["ids_found"]) for r in group)
            total = sum(len(r["ids"]) for r in group)
            secs = statistics.fmean(r[e]["seconds"] for r in group)
            line += (
                f" | {statistics.median(cers):17.4f} {statistics.fmean(cers):6.3f}"
                f" {100 * found / total:6.1f} {secs:6.2f}"
            )
        verdicts = "/".join(
            str(sum(r["gate"] == v for r in group)) for v in ("accept", "warn", "reject")
        )
        lines.append(line + f" | {verdicts:>10s}")
    lines += ["", "The same CER with runs of 3+ dots (leaders) removed from truth and reading:", ""]
    head2 = f"{'harm':8s} {'pages':>5s}" + "".join(
        f" | {e + ' CER med':>17s} {'mean':>6s}" for e in engines
    )
    lines += [head2, "-" * len(head2)]
    for harm, group in _by_harm(rows, harms):
        line = f"{harm:8s} {len(group):5d}"
        for e in engines:
            cers = [r[e]["cer_no_leaders"] for r in group]
            line += f" | {statistics.median(cers):17.4f} {statistics.fmean(cers):6.3f}"
        lines.append(line)
    lines += ["", "Worst sohoa pages:", ""]
    head3 = f"{'page':24s} {'harm':8s} {'sohoa CER':>9s} {'no dots':>8s} {'tess CER':>8s} {'IDs':>5s}  gate"
    lines += [head3, "-" * len(head3)]
    for r in sorted(rows, key=lambda r: -r["sohoa"]["cer"])[:8]:
        ids = f"{len(r['sohoa']['ids_found'])}/{len(r['ids'])}"
        codes = ",".join(r["gate_codes"])
        lines.append(
            f"{r['page']:24s} {r['harm']:8s} {r['sohoa']['cer']:9.4f}"
            f" {r['sohoa']['cer_no_leaders']:8.4f} {r['tesseract']['cer']:8.4f} {ids:>5s}"
            f"  {r['gate']}{' (' + codes + ')' if codes else ''}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    keep_freed_memory()  # sohoa reads pages in this process, set up as the worker is
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--pages", type=int, default=len(PAGES), help="the first N pages")
    ap.add_argument("--harms", default=",".join(HARMS))
    ap.add_argument("--out", type=Path, help="keep the images here (default: a temp folder)")
    ap.add_argument("--json", type=Path, help="write per-page results, texts and truth")
    ap.add_argument("--timeout", type=float, default=180.0)
    args = ap.parse_args(argv)
    harms = [h for h in args.harms.split(",") if h]
    unknown = [h for h in harms if h not in HARMS]
    if unknown:
        ap.error(f"unknown harms {unknown}; choose from {list(HARMS)}")
    rng = random.Random(SEED)
    pages = [make(rng) for make in PAGES][: max(0, args.pages)]
    cleans = render_pages(pages)
    with tempfile.TemporaryDirectory(prefix="sohoa-html-") as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        samples = make_samples(cleans, harms, out)
        rows = score(samples, args.timeout, Path(tmp))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    print(report(rows, harms))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
