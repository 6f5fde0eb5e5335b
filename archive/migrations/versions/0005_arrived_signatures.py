"""the signatures a paper's PDF arrived with, as verified when it was read

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("document", sa.Column("arrived_signatures", postgresql.JSONB(), nullable=True))


def downgrade() -> None:
    op.drop_column("document", "arrived_signatures")
