"""document.centre_code, indexed with the search vector for centre-scoped search

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # btree_gin (trusted) lets one GIN index hold the centre and the words together.
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gin WITH SCHEMA public")
    op.add_column("document", sa.Column("centre_code", sa.String(length=16), nullable=True))
    op.execute(
        "UPDATE document SET centre_code = dossier.centre_code FROM dossier "
        "WHERE dossier.id = document.dossier_id"
    )
    op.execute(
        "CREATE INDEX ix_document_centre_search ON document USING gin (centre_code, search_vector)"
    )
    op.create_index("ix_document_centre_created", "document", ["centre_code", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_document_centre_created", table_name="document")
    op.execute("DROP INDEX IF EXISTS ix_document_centre_search")
    op.drop_column("document", "centre_code")
