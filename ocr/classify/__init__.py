"""Document-type classification on OCR text.

``classify(text)`` answers with the packaged model; ``train`` / ``train_with_corrections``
build new ones, ``save`` / ``load`` keep them (versioned, loaded once per process).
"""

from __future__ import annotations

from pathlib import Path

from .errors import ClassifierError, ModelInvalid, ModelMissing, TrainingDataInvalid
from .model import TrainedModel, choose_threshold, train, train_with_corrections
from .store import DEFAULT_MODEL, clear_cache, load, read_manifest, save
from .types import DOC_TYPES, UNKNOWN, Classification, LabelledText, TrainOptions


def classify(text: str, model_path: Path | str | None = None) -> Classification:
    """The type of a page's OCR text, by the model at ``model_path`` or the packaged one."""
    return load(model_path or DEFAULT_MODEL).predict(text)


__all__ = [
    "DEFAULT_MODEL",
    "DOC_TYPES",
    "UNKNOWN",
    "Classification",
    "ClassifierError",
    "LabelledText",
    "ModelInvalid",
    "ModelMissing",
    "TrainOptions",
    "TrainedModel",
    "TrainingDataInvalid",
    "choose_threshold",
    "classify",
    "clear_cache",
    "load",
    "read_manifest",
    "save",
    "train",
    "train_with_corrections",
]
