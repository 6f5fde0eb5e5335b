"""The metadata database: owners, dossiers, documents and their pages, jobs, users, audit.

Object bytes live in the object store; rows here hold their keys and SHA-256 checksums.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Computed,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# The five steps of Decree 61/2018 (DOMAIN.md), in order.
DOSSIER_STEPS = ("received", "reviewing", "approved", "signed", "returned")
ROLES = ("clerk", "citizen", "verifier", "admin")
DOCUMENT_STATES = ("received", "processing", "ready", "failed")
JOB_STATES = ("queued", "running", "done", "failed")


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSONB, uuid.UUID: UUID(as_uuid=True)}


def _uuid() -> uuid.UUID:
    return uuid.uuid4()


class Owner(Base):
    """A citizen (12-digit personal ID) or organisation (tax code): the warehouse's key."""

    __tablename__ = "owner"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Dossier(Base):
    """An administrative dossier (hồ sơ TTHC) opened at a centre for an owner."""

    __tablename__ = "dossier"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=_uuid)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("owner.id"), index=True)
    procedure_code: Mapped[str] = mapped_column(String(64))
    centre_code: Mapped[str] = mapped_column(String(16), index=True)
    status: Mapped[str] = mapped_column(String(16), default="received")
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    received_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    reviewing_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    returned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    owner: Mapped[Owner] = relationship()
    documents: Mapped[list[Document]] = relationship(back_populates="dossier")


class DossierCounter(Base):
    """Running number of dossiers received per agency per day (the code's last 4 digits)."""

    __tablename__ = "dossier_counter"

    agency_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class Document(Base):
    """A paper of a dossier (or a result): its original and searchable PDF in the store."""

    __tablename__ = "document"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=_uuid)
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossier.id"), index=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("owner.id"), index=True)
    centre_code: Mapped[str | None] = mapped_column(String(16))
    """The centre of the dossier it was digitized for (copied so scoped search is one index)."""
    kind: Mapped[str] = mapped_column(String(16), default="intake")
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    original_key: Mapped[str] = mapped_column(String(255))
    original_sha256: Mapped[str] = mapped_column(String(80), index=True)
    searchable_key: Mapped[str | None] = mapped_column(String(255))
    searchable_sha256: Mapped[str | None] = mapped_column(String(80))
    searchable_size: Mapped[int | None] = mapped_column(BigInteger)
    page_count: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="received")
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message_vi: Mapped[str | None] = mapped_column(Text)
    error_message_en: Mapped[str | None] = mapped_column(Text)
    quality: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    doc_type: Mapped[str | None] = mapped_column(String(64))
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
    checksum_checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # What the paper is and says (classification, field extraction, clerk review).
    doc_type_confidence: Mapped[float | None]
    doc_type_source: Mapped[str | None] = mapped_column(String(16))
    """``model`` or ``clerk`` (confirmed or corrected at the counter)."""
    fields: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    doc_number: Mapped[str | None] = mapped_column(String(64), index=True)
    issued_on: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    in_warehouse: Mapped[bool] = mapped_column(default=False)
    search_text: Mapped[str] = mapped_column(Text, default="")
    search_vector: Mapped[Any] = mapped_column(
        TSVECTOR,
        Computed("to_tsvector('simple'::regconfig, sohoa_fold(search_text))", persisted=True),
        deferred=True,
    )

    # Signed results and certified copies (PAdES).
    signed_key: Mapped[str | None] = mapped_column(String(255))
    signed_sha256: Mapped[str | None] = mapped_column(String(80), index=True)
    pades_level: Mapped[str | None] = mapped_column(String(8))
    signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    verification_code: Mapped[str | None] = mapped_column(String(32), unique=True)
    """What the QR carries: /verify/<code> reaches this document's verification."""
    source_document_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("document.id"))
    """For a certified copy: the intake document it certifies."""
    arrived_signatures: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    """For a paper that came as a signed PDF (an e-certificate, a certified e-copy): its
    signatures as verified when the worker read it (``api.arrived_signatures``); None when
    it came unsigned."""

    dossier: Mapped[Dossier] = relationship(back_populates="documents")
    pages: Mapped[list[Page]] = relationship(
        back_populates="document", order_by="Page.index", cascade="all, delete-orphan"
    )


class Page(Base):
    """One page of a document: its OCR text and what preparation and the gate found."""

    __tablename__ = "page"

    document_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), primary_key=True
    )
    index: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
    mean_confidence: Mapped[float | None]
    width_px: Mapped[int | None] = mapped_column(Integer)
    height_px: Mapped[int | None] = mapped_column(Integer)
    dpi: Mapped[int | None] = mapped_column(Integer)
    details: Mapped[dict[str, Any] | None] = mapped_column(JSONB)

    document: Mapped[Document] = relationship(back_populates="pages")


class Job(Base):
    """Long work done by a worker (OCR of a document); the client polls its state."""

    __tablename__ = "job"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=_uuid)
    kind: Mapped[str] = mapped_column(String(32))
    document_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("document.id"), index=True)
    state: Mapped[str] = mapped_column(String(16), default="queued")
    progress_done: Mapped[int] = mapped_column(Integer, default=0)
    progress_total: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message_vi: Mapped[str | None] = mapped_column(Text)
    error_message_en: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class User(Base):
    """Someone who logs in: a clerk of a centre, a citizen of an owner ID, a verifier, an admin."""

    __tablename__ = "app_user"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=_uuid)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(255), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    owner_id: Mapped[str | None] = mapped_column(String(16), index=True)
    centre_code: Mapped[str | None] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class AuditEvent(Base):
    """Who did what to which object, when. Append-only."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    actor_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str] = mapped_column(String(64))
    owner_id: Mapped[str | None] = mapped_column(String(16), index=True)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSONB)


class DossierAttachment(Base):
    """A document already in the owner's warehouse, attached to a later dossier (reuse)."""

    __tablename__ = "dossier_attachment"

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossier.id"), primary_key=True)
    document_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("document.id"), primary_key=True)
    attached_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    attached_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class Correction(Base):
    """A clerk's confirmation or correction of a document's type and fields (training data)."""

    __tablename__ = "correction"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    document_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("document.id"), index=True)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    doc_type_before: Mapped[str | None] = mapped_column(String(64))
    doc_type_after: Mapped[str] = mapped_column(String(64))
    fields_before: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    fields_after: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    text: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ModelVersion(Base):
    """A trained classifier stored in the object store; one is active."""

    __tablename__ = "model_version"

    version: Mapped[str] = mapped_column(String(80), primary_key=True)
    key: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(80))
    active: Mapped[bool] = mapped_column(default=False)
    metrics: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


__all__ = [
    "DOCUMENT_STATES",
    "DOSSIER_STEPS",
    "JOB_STATES",
    "ROLES",
    "AuditEvent",
    "Correction",
    "DossierAttachment",
    "ModelVersion",
    "Base",
    "Document",
    "Dossier",
    "DossierCounter",
    "Job",
    "Owner",
    "Page",
    "User",
]
