"""signed results and certified copies: signed object, level, verification code

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("document", sa.Column("signed_key", sa.String(length=255), nullable=True))
    op.add_column("document", sa.Column("signed_sha256", sa.String(length=80), nullable=True))
    op.add_column("document", sa.Column("pades_level", sa.String(length=8), nullable=True))
    op.add_column("document", sa.Column("signed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("document", sa.Column("verification_code", sa.String(length=32), nullable=True))
    op.add_column("document", sa.Column("source_document_id", sa.UUID(), nullable=True))
    op.create_foreign_key(
        "fk_document_source", "document", "document", ["source_document_id"], ["id"]
    )
    op.create_unique_constraint("uq_document_verification_code", "document", ["verification_code"])
    op.create_index("ix_document_signed_sha256", "document", ["signed_sha256"])


def downgrade() -> None:
    op.drop_index("ix_document_signed_sha256", table_name="document")
    op.drop_constraint("uq_document_verification_code", "document", type_="unique")
    op.drop_constraint("fk_document_source", "document", type_="foreignkey")
    for column in (
        "source_document_id",
        "verification_code",
        "signed_at",
        "pades_level",
        "signed_sha256",
        "signed_key",
    ):
        op.drop_column("document", column)
