"""Saving, loading and caching classifier models.

A model is a joblib file plus a JSON manifest beside it (``default.joblib`` +
``default.json``) with its version: the artefact's SHA-256, the scikit-learn version and the
creation time. joblib files are pickles: only load artefacts this project made. Loading
checks the file against the manifest's SHA-256 first, so a swapped or damaged file is
refused instead of unpickled. Each worker loads a model once; the cache key is the path and
the manifest's version.
"""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path
from typing import Any

import joblib

from .errors import ModelInvalid, ModelMissing
from .model import TrainedModel

DEFAULT_MODEL = Path(__file__).resolve().parent / "model" / "default.joblib"
FORMAT = 1

_cache: dict[tuple[str, str], TrainedModel] = {}
_cache_lock = threading.Lock()
_CACHE_SIZE = 4


def manifest_path(path: Path) -> Path:
    return path.with_suffix(".json")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save(model: TrainedModel, path: Path | str) -> str:
    """Write ``model`` and its manifest; returns (and sets on the model) its version,
    ``<created>-sklearn<version>-<sha256[:12]>``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "format": FORMAT,
        "pipeline": model.pipeline,
        "threshold": model.threshold,
        "labels": model.labels,
        "meta": {k: v for k, v in model.meta.items() if k != "version"},
    }
    tmp = path.with_suffix(".tmp")
    joblib.dump(payload, tmp, compress=("xz", 6))
    sha = _sha256(tmp)
    tmp.replace(path)
    created = str(model.meta.get("created", "")).replace(":", "").replace("-", "")
    version = f"{created}-sklearn{model.meta.get('sklearn', '?')}-{sha[:12]}"
    manifest = {
        "version": version,
        "sha256": sha,
        "format": FORMAT,
        "threshold": model.threshold,
        "labels": list(model.labels),
        **{k: v for k, v in model.meta.items() if k != "version"},
    }
    manifest_path(path).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    model.meta["version"] = version
    return version


def read_manifest(path: Path | str) -> dict[str, Any]:
    path = Path(path)
    try:
        data = json.loads(manifest_path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelMissing(f"no manifest beside {path}") from exc
    except (OSError, ValueError) as exc:
        raise ModelInvalid(f"unreadable manifest {manifest_path(path)}: {exc}") from exc
    if not isinstance(data, dict) or "sha256" not in data or "version" not in data:
        raise ModelInvalid(f"manifest {manifest_path(path)} lacks sha256/version")
    return data


def _load_uncached(path: Path, manifest: dict[str, Any]) -> TrainedModel:
    if not path.is_file():
        raise ModelMissing(f"no model at {path}")
    if _sha256(path) != manifest["sha256"]:
        raise ModelInvalid(f"{path} does not match the SHA-256 in its manifest")
    try:
        payload = joblib.load(path)
    except Exception as exc:  # any unpickling failure means: not a model we can use
        raise ModelInvalid(f"cannot read {path}: {exc}") from exc
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ModelInvalid(f"{path} is not a format-{FORMAT} classifier model")
    meta = dict(payload.get("meta") or {}, version=manifest["version"])
    return TrainedModel(
        payload["pipeline"], float(payload["threshold"]), tuple(payload["labels"]), meta
    )


def load(path: Path | str = DEFAULT_MODEL) -> TrainedModel:
    """The model at ``path`` (the packaged default when omitted), loaded once per process
    and version."""
    path = Path(path).resolve()
    manifest = read_manifest(path)
    key = (str(path), str(manifest["version"]))
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None:
            return cached
        model = _load_uncached(path, manifest)
        if len(_cache) >= _CACHE_SIZE:
            _cache.pop(next(iter(_cache)))
        _cache[key] = model
        return model


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


__all__ = ["DEFAULT_MODEL", "clear_cache", "load", "manifest_path", "read_manifest", "save"]
