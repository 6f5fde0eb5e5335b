"""warehouse fields, search, reuse, corrections

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 08:56:08.102148
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


FOLD_FUNCTION = """
CREATE OR REPLACE FUNCTION sohoa_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
$$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$
"""


def upgrade() -> None:
    # unaccent and pg_trgm are trusted extensions: the database owner may create them.
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
    # Accent- and case-insensitive folding (đ -> d included), immutable so it can be indexed.
    op.execute(FOLD_FUNCTION)
    op.create_table(
        "model_version",
        sa.Column("version", sa.String(length=80), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=80), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("metrics", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("version"),
    )
    op.create_table(
        "correction",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.UUID(), nullable=False),
        sa.Column("actor_id", sa.UUID(), nullable=True),
        sa.Column("doc_type_before", sa.String(length=64), nullable=True),
        sa.Column("doc_type_after", sa.String(length=64), nullable=False),
        sa.Column("fields_before", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("fields_after", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column(
            "at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_correction_document_id"), "correction", ["document_id"], unique=False)
    op.create_table(
        "dossier_attachment",
        sa.Column("dossier_id", sa.UUID(), nullable=False),
        sa.Column("document_id", sa.UUID(), nullable=False),
        sa.Column("attached_by", sa.UUID(), nullable=True),
        sa.Column(
            "attached_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["attached_by"],
            ["app_user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
        ),
        sa.PrimaryKeyConstraint("dossier_id", "document_id"),
    )
    op.add_column("document", sa.Column("doc_type_confidence", sa.Double(), nullable=True))
    op.add_column("document", sa.Column("doc_type_source", sa.String(length=16), nullable=True))
    op.add_column(
        "document", sa.Column("fields", postgresql.JSONB(astext_type=sa.Text()), nullable=True)
    )
    op.add_column("document", sa.Column("doc_number", sa.String(length=64), nullable=True))
    op.add_column("document", sa.Column("issued_on", sa.Date(), nullable=True))
    op.add_column("document", sa.Column("valid_until", sa.Date(), nullable=True))
    op.add_column(
        "document",
        sa.Column("in_warehouse", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "document", sa.Column("search_text", sa.Text(), nullable=False, server_default="")
    )
    op.add_column(
        "document",
        sa.Column(
            "search_vector",
            postgresql.TSVECTOR(),
            sa.Computed(
                "to_tsvector('simple'::regconfig, sohoa_fold(search_text))", persisted=True
            ),
            nullable=False,
        ),
    )
    op.create_index(op.f("ix_document_doc_number"), "document", ["doc_number"], unique=False)
    op.create_index(
        "ix_document_search_vector", "document", ["search_vector"], postgresql_using="gin"
    )
    op.create_index("ix_document_owner_type", "document", ["owner_id", "doc_type", "created_at"])
    op.execute("CREATE INDEX ix_owner_name_trgm ON owner USING gin (sohoa_fold(name) gin_trgm_ops)")


def downgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    op.execute("DROP INDEX IF EXISTS ix_owner_name_trgm")
    op.drop_index("ix_document_owner_type", table_name="document")
    op.drop_index("ix_document_search_vector", table_name="document")
    op.drop_index(op.f("ix_document_doc_number"), table_name="document")
    op.drop_column("document", "search_vector")
    op.drop_column("document", "search_text")
    op.drop_column("document", "in_warehouse")
    op.drop_column("document", "valid_until")
    op.drop_column("document", "issued_on")
    op.drop_column("document", "doc_number")
    op.drop_column("document", "fields")
    op.drop_column("document", "doc_type_source")
    op.drop_column("document", "doc_type_confidence")
    op.drop_table("dossier_attachment")
    op.drop_index(op.f("ix_correction_document_id"), table_name="correction")
    op.drop_table("correction")
    op.drop_table("model_version")
    op.execute("DROP FUNCTION IF EXISTS sohoa_fold(text)")
