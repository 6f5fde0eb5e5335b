"""The signatures a citizen's paper arrived with, verified when the worker reads it.

More and more papers reach the counter as signed PDFs: an e-certificate signed by the
office that issued it, a certified electronic copy (which has the original's legal value,
Decree 45/2020), a result another agency signed. The clerk reviewing the dossier must know
at once whether such a signature holds: the same check as ``POST /verify``, kept on the
document (``Document.arrived_signatures``), so nobody has to upload the file again.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from signing import SigningError, verify_pdf

from .runtime import Runtime
from .signing_config import SigningNotConfigured, signing_setup, verify_options

log = logging.getLogger(__name__)

SIGNATURE_MARK = b"/ByteRange"
"""Every PDF signature dictionary holds one (it says which bytes are signed); a file without
it carries no signature, and is not parsed again."""


def check_arrived_signatures(rt: Runtime, pdf: Path) -> dict[str, Any] | None:
    """The verdict on the signatures ``pdf`` carries, or None when it carries none."""
    data = pdf.read_bytes()
    if SIGNATURE_MARK not in data:
        return None
    try:
        report = verify_pdf(data, verify_options(signing_setup(rt.settings)))
    except (SigningError, SigningNotConfigured) as exc:
        # Signed, but not verifiable here (protected against changes, damaged, no trust
        # anchors configured): said so, never taken for valid.
        log.warning("arrived signatures not verified: %s", exc)
        return {
            "verdict": "indeterminate",
            "signers": [],
            "reasons": [
                {"code": exc.code, "message_vi": exc.message_vi, "message_en": exc.message_en}
            ],
        }
    if not report.signatures:
        return None
    return {
        "verdict": report.verdict.value,
        "signers": [
            {
                "name": s.signer.name,
                "organisation": s.signer.organisation,
                "signing_time": s.signing_time,
                "timestamp": s.timestamp.time if s.timestamp else None,
                "pades_level": s.pades_level,
                "verdict": s.verdict.value,
            }
            for s in report.signatures
            if s.kind == "signature"
        ],
        "reasons": [
            {"code": r.code, "message_vi": r.message_vi, "message_en": r.message_en}
            for r in report.reasons
        ],
        "verified_at": report.verified_at,
    }
