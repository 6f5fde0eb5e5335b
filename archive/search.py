"""Warehouse search: PostgreSQL full text over folded text (accents, case and đ removed by
``sohoa_fold``, i.e. ``unaccent``), every word matched whole, ranked, scoped by role.

Whole words, not prefixes: "Nguyễn Văn An" must not find "Nguyễn Văn Anh", and GIN answers
exact terms from its posting trees several times faster than prefix expansions.

Why PostgreSQL and not a search engine: the warehouse already lives there, access rules are
SQL filters that must apply to search too, and a GIN index over a stored tsvector answers in
milliseconds at this scale (see ``bench/search.py``) — one fewer service to run and secure.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Float, func, literal_column, select
from sqlalchemy.orm import Session

from .access import Viewer, attached_to_centre, document_filter
from .models import Document

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12
COUNT_CAP = 1000
RANK_POOL = 1000
"""Counting stops here: "1000+" tells a clerk as much as the exact figure, far more cheaply."""


@dataclass(frozen=True)
class SearchHit:
    document: Document
    rank: float


def words_query(q: str) -> str:
    """``"Nguyễn Thị Hằng"`` → ``nguyễn & thị & hằng``; folding happens in SQL."""
    words = _WORD.findall(unicodedata.normalize("NFC", q))[:MAX_TERMS]
    return " & ".join(words)


def search_documents(
    session: Session, viewer: Viewer, q: str, *, limit: int = 20, offset: int = 0
) -> tuple[Sequence[SearchHit], int]:
    terms = words_query(q)
    if not terms:
        return [], 0
    # The terms are folded by the same immutable function the index was built with.
    tsq = func.to_tsquery(literal_column("'simple'::regconfig"), func.sohoa_fold(terms))
    attached: list[uuid.UUID] | None = (
        list(session.execute(attached_to_centre(viewer.centre_code)).scalars())
        if viewer.role == "clerk" and viewer.centre_code
        else None
    )
    where = [Document.search_vector.op("@@")(tsq), document_filter(viewer, attached)]
    capped = select(Document.id).where(*where).limit(COUNT_CAP).subquery()
    total = session.execute(select(func.count()).select_from(capped)).scalar_one()
    # Rank the newest RANK_POOL matches only: a query matching thousands of papers
    # ("khai sinh") is answered in bounded time, and recent papers are the ones asked for.
    pool = (
        select(Document.id, Document.search_vector, Document.created_at)
        .where(*where)
        .order_by(Document.created_at.desc())
        .limit(RANK_POOL)
        .subquery()
    )
    rank = func.ts_rank_cd(pool.c.search_vector, tsq, 32).cast(Float).label("rank")
    ranked = (
        select(pool.c.id, rank)
        .order_by(rank.desc(), pool.c.created_at.desc())
        .limit(limit)
        .offset(offset)
    ).subquery()
    rows = session.execute(
        select(Document, ranked.c.rank)
        .join(ranked, ranked.c.id == Document.id)
        .order_by(ranked.c.rank.desc(), Document.created_at.desc())
    ).all()
    return [SearchHit(doc, float(r)) for doc, r in rows], int(total)


def search_text_for(
    *parts: str | None, fields: dict[str, object] | None = None, limit_chars: int = 20_000
) -> str:
    """What a document is found by: its fields first (names, numbers), then its OCR text."""
    values = [
        str(v.get("value")) if isinstance(v, dict) else str(v) for v in (fields or {}).values()
    ]
    text = "\n".join(p for p in (*values, *parts) if p)
    return unicodedata.normalize("NFC", text)[:limit_chars]
