from __future__ import annotations

from fastapi import APIRouter, Query

from archive import audit
from archive.search import search_documents

from ..deps import SessionDep, ViewerDep
from ..errors import Forbidden
from ..schemas import SearchHitOut, SearchResults
from ..views import document_out

router = APIRouter(tags=["warehouse"])


@router.get("/search", response_model=SearchResults)
def search(
    session: SessionDep,
    viewer: ViewerDep,
    q: str = Query(min_length=1, max_length=200, description="words, with or without accents"),
    limit: int = Query(20, ge=1, le=100),
    offset: int = Query(0, ge=0, le=10_000),
) -> SearchResults:
    """Search OCR text and fields; "nguyen thi hang" finds "Nguyễn Thị Hằng". A citizen
    searches only their own papers, a clerk their centre's."""
    if viewer.role == "verifier":
        raise Forbidden("verifiers check signed files; they do not search the warehouse")
    hits, total = search_documents(session, viewer, q, limit=limit, offset=offset)
    audit.record(
        session,
        viewer,
        "search",
        "warehouse",
        viewer.owner_id or viewer.centre_code or "*",
        owner_id=viewer.owner_id,
        detail={"q": q[:200], "hits": total},
    )
    return SearchResults(
        total=total,
        items=[SearchHitOut(rank=h.rank, document=document_out(h.document)) for h in hits],
    )
