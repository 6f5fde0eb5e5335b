"""Running numbers of dossier codes never collide, even when counters open dossiers at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from api.bootstrap import migrate_and_prepare
from api.runtime import Runtime
from api.settings import Settings
from archive.db import session_scope
from archive.dossiers import NewDossier, open_dossier

pytestmark = pytest.mark.services


def test_concurrent_dossiers_get_distinct_consecutive_numbers(settings: Settings) -> None:
    migrate_and_prepare(settings)
    rt = Runtime(settings)
    # A far-future day of a test-only agency, so earlier runs don't interfere.
    day = datetime(2099, 1, 2, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    agency = f"999.{datetime.now().microsecond % 100:02d}.99.T{datetime.now().second % 100:02d}"

    def one(_: int) -> str:
        with session_scope(rt.sessions) as s:
            d = open_dossier(s, NewDossier("001190012345", "A", "1", agency), None, now=day)
            return d.code

    with session_scope(rt.sessions) as s:
        from sqlalchemy import delete

        from archive.models import Dossier, DossierCounter

        s.execute(delete(Dossier).where(Dossier.centre_code == agency))
        s.execute(delete(DossierCounter).where(DossierCounter.agency_code == agency))
    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = list(pool.map(one, range(24)))
    rt.engine.dispose()
    numbers = sorted(int(c.rsplit("-", 1)[1]) for c in codes)
    assert numbers == list(range(1, 25))
    assert all(c.startswith(f"{agency}-990102-") for c in codes)
