"""Search latency over 100,000 documents in PostgreSQL: sohoa's indexed full-text search vs
the naive anchor (a sequential ILIKE over the folded text, what you get without the index).

    .venv/bin/python bench/search.py [--docs 100000] [--queries 200]

Starts its own stack in .sohoa-bench-search (own ports), loads the rows with COPY once (reused
on later runs), then times the same queries both ways as a clerk and as a citizen.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = {
    "SOHOA_STATE_DIR": str(ROOT / ".sohoa-bench-search"),  # data kept between runs
    "SOHOA_PG_PORT": "15472",
    "SOHOA_REDIS_PORT": "16419",
    "SOHOA_MINIO_PORT": "19050",
    "SOHOA_MINIO_CONSOLE_PORT": "19051",
    "SOHOA_API_PORT": "8040",
}
SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = [
    "Văn",
    "Thị",
    "Hữu",
    "Đức",
    "Minh",
    "Thanh",
    "Ngọc",
    "Quang",
    "Thu",
    "Xuân",
    "Kim",
    "Gia",
    "Bảo",
]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hằng",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vy",
    "Yến",
    "Đào",
    "Hiếu",
    "Khánh",
    "Long",
    "Nhung",
    "Oanh",
    "Phúc",
    "Quỳnh",
    "Tâm",
    "Thắng",
    "Uyên",
    "Việt",
]
PLACES = [
    "phường Dịch Vọng, quận Cầu Giấy, Hà Nội",
    "xã Đông Hội, huyện Đông Anh, Hà Nội",
    "phường Bến Nghé, Quận 1, TP Hồ Chí Minh",
    "phường Thạch Thang, quận Hải Châu, Đà Nẵng",
    "thị trấn Phú Mỹ, huyện Tân Thành, Bà Rịa – Vũng Tàu",
    "phường Vĩnh Ninh, TP Huế",
]
TITLES = [
    "GIẤY KHAI SINH",
    "XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ",
    "GIẤY CHỨNG NHẬN KẾT HÔN",
    "TỜ KHAI ĐĂNG KÝ",
    "GIẤY ỦY QUYỀN",
    "PHIẾU LÝ LỊCH TƯ PHÁP",
    "GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP",
    "GIẤY PHÉP XÂY DỰNG",
]
BODY = [
    "Căn cứ Luật Hộ tịch ngày 20 tháng 11 năm 2014",
    "Căn cứ Nghị định số 123/2015/NĐ-CP quy định chi tiết một số điều của Luật Hộ tịch",
    "Ủy ban nhân dân xác nhận nội dung trên là đúng sự thật",
    "Người yêu cầu cam đoan những thông tin khai trên đây là đúng sự thật",
    "và chịu trách nhiệm trước pháp luật về cam đoan của mình",
    "Giấy tờ kèm theo: bản sao giấy chứng sinh, sổ hộ khẩu",
    "Nơi nhận: như trên; lưu văn thư",
    "Thời hạn giải quyết: 03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
    "Phí, lệ phí: miễn lệ phí theo quy định",
    "Đề nghị cơ quan có thẩm quyền xem xét giải quyết",
    "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
    "Sở Tư pháp thành phố Hà Nội, Trung tâm Phục vụ hành chính công",
]
CENTRES = [f"000.00.{i:02d}.H29" for i in range(1, 21)]


def name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def citizen_id(rng: random.Random) -> str:
    return f"0{rng.randint(1, 96):02d}{rng.choice('0123')}{rng.randint(0, 99):02d}{rng.randint(0, 999999):06d}"


def _strip_accents(text: str) -> str:
    """How a clerk types a name on a keyboard without Vietnamese input."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def run(cmd: list[str], env: dict[str, str]) -> None:
    subprocess.run(cmd, check=True, env=env, timeout=1800)


def load(settings, n_docs: int, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    import psycopg

    url = settings.database_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url) as conn:
        have = conn.execute(
            "SELECT count(*) FROM document WHERE filename LIKE 'bench-%' AND search_text LIKE '%Căn cứ%' AND centre_code IS NOT NULL"
        ).fetchone()
        if have and have[0] >= n_docs:
            print(f"reusing {have[0]} bench documents", file=sys.stderr)
            return
        conn.execute(
            "DELETE FROM page WHERE document_id IN (SELECT id FROM document WHERE filename LIKE 'bench-%')"
        )
        conn.execute("DELETE FROM document WHERE filename LIKE 'bench-%'")
        conn.execute("DELETE FROM dossier WHERE procedure_code = 'bench'")
        conn.execute("DELETE FROM owner WHERE id NOT IN (SELECT owner_id FROM dossier)")
        owners: list[tuple[str, str]] = []
        seen: set[str] = set()
        while len(owners) < n_docs // 5:
            oid = citizen_id(rng)
            if oid not in seen:
                seen.add(oid)
                owners.append((oid, name(rng)))
        t0 = time.monotonic()
        with conn.cursor() as cur:
            with cur.copy("COPY owner (id, kind, name) FROM STDIN") as cp:
                for oid, nm in owners:
                    cp.write_row((oid, "citizen", nm))
            dossiers = []
            centres: dict[uuid.UUID, str] = {}
            with cur.copy(
                "COPY dossier (id, code, owner_id, procedure_code, centre_code, status) FROM STDIN"
            ) as cp:
                for i, (oid, _) in enumerate(owners):
                    did = uuid.uuid4()
                    centre = CENTRES[i % len(CENTRES)]
                    dossiers.append((did, oid))
                    centres[did] = centre
                    cp.write_row(
                        (
                            did,
                            f"{centre}-990101-{i % 10000:04d}-{i}",
                            oid,
                            "bench",
                            centre,
                            "received",
                        )
                    )
            with cur.copy(
                "COPY document (id, dossier_id, owner_id, centre_code, kind, filename, media_type, size_bytes, "
                "original_key, original_sha256, page_count, status, in_warehouse, search_text) FROM STDIN"
            ) as cp:
                for i in range(n_docs):
                    did, oid = dossiers[i % len(dossiers)]
                    owner_name = owners[i % len(owners)][1]
                    text = (
                        f"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{rng.choice(TITLES)}\n"
                        f"Họ và tên: {owner_name}\nSố định danh: {oid}\n"
                        f"Nơi cư trú: {rng.choice(PLACES)}\nNgười làm chứng: {name(rng)}\n"
                        + "\n".join(rng.sample(BODY, 6))
                    )
                    cp.write_row(
                        (
                            uuid.uuid4(),
                            did,
                            oid,
                            centres[did],
                            "intake",
                            f"bench-{i}.pdf",
                            "application/pdf",
                            1000,
                            f"bench/{i}",
                            f"sha256:{i:064x}",
                            1,
                            "ready",
                            True,
                            text,
                        )
                    )
        conn.execute("ANALYZE")
        print(f"loaded {n_docs} documents in {time.monotonic() - t0:.1f} s", file=sys.stderr)


def percentiles(xs: list[float]) -> tuple[float, float, float]:
    qs = statistics.quantiles(xs, n=100)
    return qs[49], qs[94], qs[98]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="leave the stack running")
    args = parser.parse_args()
    env = {**os.environ, **ENV}
    sohoa = str(ROOT / ".venv" / "bin" / "sohoa")
    run([sohoa, "services", "up"], env)
    try:
        from sqlalchemy import func, select, text

        from api.settings import load_settings
        from archive.access import Viewer
        from archive.db import make_engine, make_sessionmaker
        from archive.models import Document
        from archive.search import search_documents

        settings = load_settings(**{k.removeprefix("SOHOA_").lower(): v for k, v in ENV.items()})
        rng = random.Random(20261123)
        load(settings, args.docs, rng)
        engine = make_engine(settings.database_url)
        sessions = make_sessionmaker(engine)
        with sessions() as s:
            sample = s.execute(
                select(Document.owner_id, Document.search_text)
                .where(Document.filename.like("bench-%"))
                .limit(2000)
            ).all()
        queries: list[tuple[str, Viewer]] = []
        for i in range(args.queries):
            owner_id, body = rng.choice(sample)
            person = body.split("Họ và tên: ")[1].split("\n")[0]
            kind = i % 4
            q = {
                0: _strip_accents(person),
                1: person.lower(),
                2: owner_id,
                3: person.split()[-1] + " " + rng.choice(PLACES).split(",")[0],
            }[kind]
            viewer = (
                Viewer(None, "bench-citizen", "citizen", owner_id=owner_id)
                if i % 2
                else Viewer(None, "bench-clerk", "clerk", centre_code=rng.choice(CENTRES))
            )
            queries.append((q, viewer))

        def sohoa_search(q: str, viewer: Viewer) -> int:
            with sessions() as s:
                return search_documents(s, viewer, q, limit=20)[1]

        def anchor_search(q: str, viewer: Viewer) -> int:
            # What a naive implementation does: fold and scan every row.
            from archive.access import document_filter

            with sessions() as s:
                pattern = func.sohoa_fold("%" + q.replace(" ", "%") + "%")
                stmt = (
                    select(func.count())
                    .select_from(Document)
                    .where(
                        func.sohoa_fold(Document.search_text).like(pattern), document_filter(viewer)
                    )
                )
                return int(s.execute(stmt).scalar_one())

        results = {}
        for label, fn in (
            ("sohoa (FTS+GIN)", sohoa_search),
            ("anchor (ILIKE scan)", anchor_search),
        ):
            fn(*queries[0])  # warm the pool and caches
            times = []
            for q, viewer in queries:
                t0 = time.perf_counter()
                fn(q, viewer)
                times.append((time.perf_counter() - t0) * 1000)
            results[label] = percentiles(times)
        with sessions() as s:
            n = s.execute(text("SELECT count(*) FROM document")).scalar_one()
        engine.dispose()
        sohoa_r, anchor_r = results["sohoa (FTS+GIN)"], results["anchor (ILIKE scan)"]
        print(
            f"\nsearch latency, {n} documents, {len(queries)} queries (clerk and citizen scopes)\n"
        )
        print(
            f"{'metric':<10} | {'sohoa (FTS+GIN)':>16} | {'anchor (ILIKE scan)':>20} | {'ratio':>7}"
        )
        print("-" * 64)
        for i, label in enumerate(("p50 ms", "p95 ms", "p99 ms")):
            print(
                f"{label:<10} | {sohoa_r[i]:>16.1f} | {anchor_r[i]:>20.1f} | {sohoa_r[i] / anchor_r[i]:>7.3f}"
            )
        print(f"\ngoal: p95 <= 100 ms -> {'met' if sohoa_r[1] <= 100 else 'NOT met'}")
    finally:
        if not args.keep:
            run([sohoa, "services", "down"], env)


if __name__ == "__main__":
    main()
