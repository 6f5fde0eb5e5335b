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


UNSEEN_NEGATIVES = {
    "travel_order": travel_order,
    "warehouse_slip": warehouse_slip,
    "menu": menu,
    "weekly_schedule": weekly_schedule,
    "admission_notice": admission_notice,
    "flyer": flyer,
}


# --- the pages -----------------------------------------------------------------------------


def bench_jobs(per_type: int, negatives: int, plain: int) -> list[Job]:
    jobs: list[Job] = []
    trained_kinds = sorted(TRAINED_NEGATIVES)
    unseen_kinds = sorted(UNSEEN_NEGATIVES)
    for level in LEVELS:
        for doc_type in KNOWN_TYPES:
            jobs += [Job("specimen", doc_type, level, str(900_000 + i)) for i in range(per_type)]
        for i in range(negatives):
            kinds = unseen_kinds if i % 2 == 0 else trained_kinds
            kind = kinds[(i // 2 + LEVELS.index(level) * 3) % len(kinds)]
            jobs.append(Job("negative", kind, level, f"bench{i}"))
    for level in ("clean", "mild"):
        for doc_type in KNOWN_TYPES:
            jobs += [Job("plain", doc_type, level, f"bench{i}") for i in range(plain)]
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
        group = "plain" if r["kind"] == "plain" else r["level"]
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
    return out


# --- output --------------------------------------------------------------------------------


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def report(result: dict[str, Any], text: dict[str, Any], seconds: float, pages: int) -> str:
    order = [
        g
        for g in ("clean", "mild", "moderate", "hard", "plain", "ordinary", "all")
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
    ap.add_argument("--per-type", type=int, default=4, help="specimens per type and level")
    ap.add_argument("--negatives", type=int, default=8, help="unknown papers per level")
    ap.add_argument("--plain", type=int, default=2, help="plain-layout pages per type and level")
    ap.add_argument("--text-per-type", type=int, default=40)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    assert set(DOC_TYPES) == {*KNOWN_TYPES, UNKNOWN}

    jobs = bench_jobs(args.per_type, args.negatives, args.plain)
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
