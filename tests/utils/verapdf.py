"""PDF/A validation with veraPDF (installed by scripts/verapdf, which scripts/test runs)."""

from __future__ import annotations

import subprocess
from pathlib import Path

LIB = Path(__file__).resolve().parents[2] / ".sohoa-tools" / "verapdf" / "lib"


def validate_2b(*pdfs: Path) -> dict[Path, list[str]]:
    """Each file's failed PDF/A-2b rules (empty: the file conforms), in one veraPDF run."""
    if not any(LIB.glob("greenfield-apps-*.jar")):
        raise AssertionError(f"veraPDF is missing from {LIB}: run scripts/verapdf")
    out = subprocess.run(
        [
            "java",
            "-cp",
            f"{LIB}/*",
            "org.verapdf.apps.GreenfieldCliWrapper",
            "--flavour",
            "2b",
            "--format",
            "text",
            "-v",
            *map(str, pdfs),
        ],
        capture_output=True,
        timeout=300,
        check=False,
    ).stdout.decode()
    result: dict[Path, list[str]] = {}
    current: list[str] | None = None
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] in ("PASS", "FAIL") and not line.startswith(" "):
            current = result.setdefault(Path(parts[1]), [])
            if parts[0] == "FAIL" and not current:
                current.append("(failed)")  # replaced by the rules listed below it
        elif current is not None and line.startswith("  FAIL "):
            if current == ["(failed)"]:
                current.clear()
            current.append(parts[1])
    missing = [p for p in pdfs if p not in result]
    assert not missing, f"veraPDF did not judge {missing}: {out[-2000:]}"
    return result
