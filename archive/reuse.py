"""Reuse: a paper the owner's warehouse already holds is found, not stored or asked for again."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from .models import Document, DossierAttachment

# How the papers are called at the counter (DOMAIN.md), for messages to clerks and citizens.
DOC_TYPE_NAMES = {
    "giay_khai_sinh": "Giấy khai sinh",
    "giay_chung_nhan_ket_hon": "Giấy chứng nhận kết hôn",
    "giay_xac_nhan_tinh_trang_hon_nhan": "Giấy xác nhận tình trạng hôn nhân",
    "trich_luc_khai_tu": "Trích lục khai tử",
    "can_cuoc": "Căn cước / CCCD",
    "xac_nhan_cu_tru": "Xác nhận thông tin về cư trú",
    "giay_chung_nhan_dang_ky_doanh_nghiep": "Giấy chứng nhận đăng ký doanh nghiệp",
    "giay_chung_nhan_dang_ky_ho_kinh_doanh": "Giấy chứng nhận đăng ký hộ kinh doanh",
    "giay_chung_nhan_quyen_su_dung_dat": "Giấy chứng nhận quyền sử dụng đất",
    "giay_phep_xay_dung": "Giấy phép xây dựng",
    "giay_uy_quyen": "Giấy ủy quyền",
    "phieu_ly_lich_tu_phap": "Phiếu lý lịch tư pháp",
    "to_khai": "Tờ khai / đơn đề nghị",
    "bang_tot_nghiep": "Bằng tốt nghiệp",
}


def held_same_bytes(session: Session, owner_id: str, checksum: str) -> Document | None:
    """The owner's earliest document with exactly these bytes (same SHA-256)."""
    return (
        session.execute(
            select(Document)
            .where(Document.owner_id == owner_id, Document.original_sha256 == checksum)
            .order_by(Document.created_at)
            .limit(1)
        )
        .scalars()
        .first()
    )


def held_same_paper(
    session: Session,
    owner_id: str,
    doc_type: str,
    doc_number: str,
    exclude: uuid.UUID | None = None,
    today: date | None = None,
) -> Document | None:
    """A valid document of the same type and number already in the owner's warehouse."""
    today = today or date.today()
    stmt = (
        select(Document)
        .where(
            Document.owner_id == owner_id,
            Document.doc_type == doc_type,
            Document.doc_number == doc_number,
            Document.in_warehouse.is_(True),
            or_(Document.valid_until.is_(None), Document.valid_until >= today),
        )
        .order_by(Document.created_at)
        .limit(1)
    )
    if exclude is not None:
        stmt = stmt.where(Document.id != exclude)
    return session.execute(stmt).scalars().first()


def attach(
    session: Session, dossier_id: uuid.UUID, document_id: uuid.UUID, by: uuid.UUID | None
) -> bool:
    """Attach a held document to a dossier; False when it already was."""
    if session.get(DossierAttachment, (dossier_id, document_id)) is not None:
        return False
    session.add(DossierAttachment(dossier_id=dossier_id, document_id=document_id, attached_by=by))
    session.flush()
    return True


def reuse_notice(doc: Document) -> dict[str, str | None]:
    """The clerk's message: "đã có trong kho: … cấp ngày …, còn hiệu lực đến …"."""
    name = DOC_TYPE_NAMES.get(doc.doc_type or "", doc.filename)
    issued = doc.issued_on.strftime("%d/%m/%Y") if doc.issued_on else None
    valid = doc.valid_until.strftime("%d/%m/%Y") if doc.valid_until else None
    vi = f"Đã có trong kho: {name}"
    en = f"Already in the warehouse: {name}"
    if doc.doc_number:
        vi += f" số {doc.doc_number}"
        en += f" no. {doc.doc_number}"
    if issued:
        vi += f", cấp ngày {issued}"
        en += f", issued {issued}"
    vi += f", còn hiệu lực đến {valid}" if valid else ", không thời hạn"
    en += f", valid until {valid}" if valid else ", no expiry"
    return {"document_id": str(doc.id), "message_vi": vi, "message_en": en}
