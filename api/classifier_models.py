"""Classifier versions: retrain on the generated corpus plus clerks' corrections, keep the
artefact in the object store, mark one active; workers load the active one once per version.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import select, update

from archive.db import session_scope
from archive.models import Correction, ModelVersion
from archive.storage import sha256_file
from ocr.classify import DEFAULT_MODEL, read_manifest, save, train_with_corrections
from ocr.classify.corpus import synthetic_samples

from .runtime import Runtime

PREFIX = "models/classifier"


def corrections(rt: Runtime) -> list[tuple[str, str]]:
    """(page text, corrected type) of every review that has text to learn from."""
    with session_scope(rt.sessions) as s:
        rows = s.execute(
            select(Correction.text, Correction.doc_type_after).order_by(Correction.id)
        ).all()
    return [(text, doc_type) for text, doc_type in rows if text and text.strip()]


def retrain(rt: Runtime, per_type: int = 120, seed: int = 0) -> ModelVersion:
    """Train a new version and make it the active one."""
    learned = corrections(rt)
    threshold = read_manifest(DEFAULT_MODEL).get("threshold")
    model = train_with_corrections(
        synthetic_samples(per_type, seed=seed), learned, threshold=threshold
    )
    with tempfile.TemporaryDirectory(prefix="sohoa-model-") as tmp:
        path = Path(tmp) / "model.joblib"
        version = save(model, path)
        key = f"{PREFIX}/{version}.joblib"
        checksum = sha256_file(path)
        rt.storage.put_file(key, path, "application/octet-stream", checksum)
        manifest = path.with_suffix(".json")
        rt.storage.put_file(f"{key}.json", manifest, "application/json", sha256_file(manifest))
        metrics = {"corrections": len(learned), "per_type": per_type}
    with session_scope(rt.sessions) as s:
        s.execute(update(ModelVersion).values(active=False))
        row = ModelVersion(version=version, key=key, sha256=checksum, active=True, metrics=metrics)
        s.add(row)
        s.flush()
        s.expunge(row)
    return row


def use_packaged(rt: Runtime) -> None:
    """Deactivate every retrained version: workers go back to the packaged model."""
    with session_scope(rt.sessions) as s:
        s.execute(update(ModelVersion).values(active=False))


def active_model_path(rt: Runtime) -> Path | None:
    """The active version as a local file (downloaded once), or None for the packaged one."""
    if rt.settings.classifier_model:
        return rt.settings.classifier_model
    with session_scope(rt.sessions) as s:
        row = s.execute(
            select(ModelVersion).where(ModelVersion.active.is_(True))
        ).scalar_one_or_none()
        if row is None:
            return None
        version, key, checksum = row.version, row.key, row.sha256
    cache = rt.settings.state_dir / "models"
    path = cache / f"{version}.joblib"
    if not path.exists() or sha256_file(path) != checksum:
        cache.mkdir(parents=True, exist_ok=True)
        rt.storage.download(f"{key}.json", path.with_suffix(".json"))
        partial = path.with_suffix(".part")
        rt.storage.download(key, partial)
        partial.replace(path)
    return path


def describe(path: Path | None) -> dict[str, object]:
    manifest = read_manifest(path or DEFAULT_MODEL)
    return {"version": manifest.get("version"), "threshold": manifest.get("threshold")}


__all__ = ["active_model_path", "corrections", "describe", "retrain", "use_packaged"]
