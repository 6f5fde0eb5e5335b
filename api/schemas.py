"""Request and response bodies of the HTTP API."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Token(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"


class DossierIn(BaseModel):
    owner_id: str = Field(description="12-digit personal ID, or 10-digit (10-3) tax code")
    owner_name: str = Field(min_length=1, max_length=255)
    procedure_code: str = Field(min_length=1, max_length=64, description="TTHC procedure code")


class DossierOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    code: str
    status: str
    owner_id: str
    procedure_code: str
    centre_code: str
    received_at: datetime
    reviewing_at: datetime | None = None
    approved_at: datetime | None = None
    signed_at: datetime | None = None
    returned_at: datetime | None = None


class UploadAccepted(BaseModel):
    document_id: uuid.UUID
    job_id: uuid.UUID | None
    """None when the same file was already in the owner's warehouse (see ``reused``)."""
    status_url: str | None
    reused: dict[str, str | None] | None = None
    media_type: str
    page_count: int
    sha256: str
    quality: dict[str, Any] | None = None


class JobOut(BaseModel):
    id: uuid.UUID
    kind: str
    document_id: uuid.UUID | None
    state: Literal["queued", "running", "done", "failed"]
    progress: dict[str, int]
    error: dict[str, str] | None


class PageOut(BaseModel):
    index: int
    text: str
    mean_confidence: float | None
    details: dict[str, Any] | None = None


class DocumentOut(BaseModel):
    id: uuid.UUID
    dossier_id: uuid.UUID
    dossier_code: str
    owner_id: str
    kind: str
    filename: str
    media_type: str
    size_bytes: int
    page_count: int
    status: str
    original_sha256: str
    searchable_sha256: str | None
    doc_type: str | None
    doc_type_confidence: float | None = None
    doc_type_source: str | None = None
    fields: dict[str, Any] | None = None
    in_warehouse: bool = False
    doc_number: str | None = None
    issued_on: date | None = None
    valid_until: date | None = None
    quality: dict[str, Any] | None
    error: dict[str, str] | None
    created_at: datetime
    pages: list[PageOut] | None = None
    reuse: dict[str, str | None] | None = None
    """Set when the owner's warehouse already holds a valid paper of this type and number."""
    signed_sha256: str | None = None
    pades_level: str | None = None
    signed_at: datetime | None = None
    verification_code: str | None = None
    source_document_id: uuid.UUID | None = None
    arrived_signatures: dict[str, Any] | None = None
    """For a paper that came as a signed PDF: its signatures' verdict (valid, invalid,
    indeterminate), with each signer, and why in Vietnamese and English when not valid."""


class DocumentList(BaseModel):
    total: int
    items: list[DocumentOut]


class ReviewIn(BaseModel):
    doc_type: str = Field(description="type code, e.g. giay_khai_sinh (or unknown)")
    fields: dict[str, str | None] = Field(
        default_factory=dict, description="fields to confirm or correct, e.g. so_dinh_danh"
    )


class ReviewOut(BaseModel):
    document: DocumentOut
    reuse: dict[str, str | None] | None = None
    """Set when the owner already holds a valid paper of this type and number."""


class AttachIn(BaseModel):
    document_id: uuid.UUID


class AccessEntry(BaseModel):
    at: datetime
    action: str
    document_id: str
    actor: str
    actor_role: str
    actor_name: str
    actor_centre: str | None


class AccessLog(BaseModel):
    items: list[AccessEntry]


class SearchHitOut(BaseModel):
    rank: float
    document: DocumentOut


class SearchResults(BaseModel):
    total: int
    items: list[SearchHitOut]


class HealthOut(BaseModel):
    status: Literal["ok", "degraded"]
    services: dict[str, str]
