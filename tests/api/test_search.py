"""Accent-insensitive warehouse search, ranked, paginated and scoped by role."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.conftest import Account

pytestmark = pytest.mark.services


def _search(api: httpx.Client, who: Account, q: str, **params: Any) -> Any:
    r = api.get("/search", params={"q": q, **params}, headers=who.headers)
    assert r.status_code == 200, r.text
    return r.json()


def _ids(body: Any) -> set[str]:
    return {hit["document"]["id"] for hit in body["items"]}


def _found(api: httpx.Client, who: Account, q: str) -> set[str]:
    """Every document the search finds, page by page: a local test stack keeps earlier runs'
    documents, which rank equal with this run's (the same names, the same text)."""
    ids: set[str] = set()
    while True:
        body = _search(api, who, q, limit=100, offset=len(ids))
        ids |= _ids(body)
        if not body["items"] or len(ids) >= body["total"]:
            return ids


@pytest.mark.parametrize(
    "q", ["nguyen thi hang", "NGUYEN THI HANG", "Nguyễn Thị Hằng", "nguyễn hằng"]
)
def test_name_found_however_typed(
    q: str, api: httpx.Client, accounts: dict[str, Account], processed: dict[str, Any]
) -> None:
    doc = processed["uploads"]["pdf"]["document_id"]
    assert doc in _found(api, accounts["citizen_a"], q)


def test_d_with_stroke_matches_plain_d(
    api: httpx.Client, accounts: dict[str, Account], processed: dict[str, Any]
) -> None:
    doc = processed["uploads"]["pdf"]["document_id"]
    assert doc in _found(api, accounts["citizen_a"], "le minh duc")
    assert doc in _found(api, accounts["clerk_a"], "dich vong cau giay")


def test_search_is_scoped_by_role(
    api: httpx.Client, accounts: dict[str, Account], processed: dict[str, Any]
) -> None:
    doc = processed["uploads"]["pdf"]["document_id"]
    assert doc not in _found(api, accounts["citizen_b"], "nguyen thi hang")
    assert doc not in _found(api, accounts["clerk_b"], "nguyen thi hang")
    r = api.get("/search", params={"q": "nguyen"}, headers=accounts["verifier"].headers)
    assert r.status_code == 403
    assert api.get("/search", params={"q": "nguyen"}).status_code == 401


def test_ranked_and_paginated(
    api: httpx.Client, accounts: dict[str, Account], processed: dict[str, Any]
) -> None:
    full = _search(api, accounts["clerk_a"], "khai sinh", limit=100)
    assert full["total"] >= 2
    ranks = [hit["rank"] for hit in full["items"]]
    assert ranks == sorted(ranks, reverse=True)
    first = _search(api, accounts["clerk_a"], "khai sinh", limit=1, offset=0)
    second = _search(api, accounts["clerk_a"], "khai sinh", limit=1, offset=1)
    assert first["total"] == second["total"] == full["total"]
    assert _ids(first) != _ids(second)


def test_empty_or_junk_query(api: httpx.Client, accounts: dict[str, Account]) -> None:
    r = api.get("/search", params={"q": ""}, headers=accounts["clerk_a"].headers)
    assert r.status_code == 422 and r.json()["code"] == "invalid_request"
    body = _search(api, accounts["clerk_a"], "!!! ???")
    assert body == {"total": 0, "items": []}
