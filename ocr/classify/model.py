"""Training and using the document-type classifier.

A linear SVM over word and character n-grams, calibrated (sigmoid, cross-validated) so its
scores are probabilities; the answer is ``unknown`` below a threshold chosen on held-out
pages so that a confident wrong type stays rare — the worst outcome for a clerk.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

from .errors import ClassifierError, TrainingDataInvalid
from .features import build_features, shrink
from .types import DOC_TYPES, UNKNOWN, Classification, LabelledText, TrainOptions

MIN_PER_TYPE = 3


@dataclass
class TrainedModel:
    pipeline: Pipeline
    threshold: float
    labels: tuple[str, ...]
    meta: dict[str, Any] = field(default_factory=dict)
    """created (ISO 8601 UTC), sklearn, samples per type, options; ``version`` once saved."""

    @property
    def version(self) -> str:
        return str(self.meta.get("version") or f"unsaved-{self.meta.get('created', '')}")

    def predict_many(self, texts: Sequence[str]) -> list[Classification]:
        try:
            probs = self.pipeline.predict_proba(list(texts))
        except Exception as exc:  # a damaged artefact fails here, not at load
            raise ClassifierError(f"prediction failed: {exc}") from exc
        classes = [str(c) for c in self.pipeline.classes_]
        return [self._decide(classes, row) for row in probs]

    def predict(self, text: str) -> Classification:
        """The type of one page's (or document's) OCR text."""
        return self.predict_many([text])[0]

    def _decide(self, classes: list[str], row: np.ndarray) -> Classification:
        best = int(np.argmax(row))
        confidence = float(row[best])
        guess = classes[best]
        doc_type = guess if confidence >= self.threshold else UNKNOWN
        probabilities = {c: round(float(p), 4) for c, p in zip(classes, row, strict=True)}
        return Classification(doc_type, round(confidence, 4), probabilities, guess)


def _check(samples: list[LabelledText]) -> None:
    counts = Counter(s.doc_type for s in samples)
    strange = sorted(set(counts) - set(DOC_TYPES))
    if strange:
        raise TrainingDataInvalid(f"unknown document type codes: {', '.join(strange)}")
    thin = sorted(t for t, n in counts.items() if n < MIN_PER_TYPE)
    if len(counts) < 2 or thin:
        raise TrainingDataInvalid(
            f"need at least two types with {MIN_PER_TYPE}+ samples each; too few: {thin}"
        )


def _fit(samples: list[LabelledText], options: TrainOptions) -> Pipeline:
    labels = [s.doc_type for s in samples]
    folds = min(options.calibration_folds, min(Counter(labels).values()))
    pipeline = Pipeline(
        [
            ("features", build_features(options.word_features, options.char_features)),
            (
                "classifier",
                CalibratedClassifierCV(
                    LinearSVC(C=options.c, class_weight="balanced"),
                    method="sigmoid",
                    cv=StratifiedKFold(folds, shuffle=True, random_state=options.seed),
                    ensemble=False,  # one linear model, calibrated on out-of-fold scores
                ),
            ),
        ]
    )
    weights = np.array([s.weight for s in samples], dtype=np.float64)
    pipeline.fit([s.text for s in samples], labels, classifier__sample_weight=weights)
    shrink(pipeline.named_steps["features"])
    return pipeline


def choose_threshold(
    truths: Sequence[str],
    guesses: Sequence[str],
    confidences: Sequence[float],
    options: TrainOptions,
) -> float:
    """The lowest threshold at which wrong known types above it are at most
    ``max_wrong_rate`` of all pages (never below ``min_threshold``)."""
    total = max(1, len(truths))
    for t in np.arange(options.min_threshold, 0.99, 0.01):
        wrong = sum(
            1
            for truth, guess, conf in zip(truths, guesses, confidences, strict=True)
            if conf >= t and guess != UNKNOWN and guess != truth
        )
        if wrong / total <= options.max_wrong_rate:
            return round(float(t), 2)
    return 0.99


def _split(samples: list[LabelledText], seed: int) -> tuple[list[LabelledText], list[LabelledText]]:
    fit: list[LabelledText] = []
    held: list[LabelledText] = []
    for n, sample in enumerate(samples):
        key = sample.group or str(n)
        (held if random.Random(f"{seed}:{key}").random() < 0.2 else fit).append(sample)
    return fit, held


def train(samples: Iterable[LabelledText], options: TrainOptions | None = None) -> TrainedModel:
    """Train on labelled pages. Without ``options.threshold`` a first model trained on 80 %
    picks the threshold on the other 20 %; the returned model is trained on all of them."""
    options = options or TrainOptions()
    data = [s for s in samples if s.text.strip()]
    _check(data)
    threshold = options.threshold
    if threshold is None:
        fit, held = _split(data, options.seed)
        _check(fit)
        probe = TrainedModel(_fit(fit, options), 0.0, ())
        answers = probe.predict_many([s.text for s in held])
        threshold = choose_threshold(
            [s.doc_type for s in held],
            [a.best_guess for a in answers],
            [a.confidence for a in answers],
            options,
        )
    pipeline = _fit(data, options)
    counts = Counter(s.doc_type for s in data)
    meta = {
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "sklearn": sklearn.__version__,
        "samples": dict(sorted(counts.items())),
        "options": {k: v for k, v in vars(options).items()},
    }
    labels = tuple(str(c) for c in pipeline.classes_)
    return TrainedModel(pipeline, float(threshold), labels, meta)


def train_with_corrections(
    base_samples: Iterable[LabelledText],
    corrections: Iterable[LabelledText | tuple[str, str]],
    options: TrainOptions | None = None,
    threshold: float | None = None,
) -> TrainedModel:
    """Retrain with clerks' corrections ``(text, corrected type)`` weighted above synthetic
    pages, so a corrected paper (and papers like it) get the corrected type.

    ``threshold`` (e.g. the current model's) skips choosing one again, halving the time.
    """
    options = options or TrainOptions()
    fixed = [
        c if isinstance(c, LabelledText) else LabelledText(c[0], c[1], options.correction_weight)
        for c in corrections
    ]
    strange = sorted({c.doc_type for c in fixed} - set(DOC_TYPES))
    if strange:
        raise TrainingDataInvalid(f"corrections with unknown type codes: {', '.join(strange)}")
    if threshold is not None:
        options = TrainOptions(**{**vars(options), "threshold": threshold})
    # Repeats too, not only weight: calibration folds must each see the correction.
    repeated = [c for c in fixed for _ in range(options.calibration_folds)]
    return train([*base_samples, *repeated], options)


__all__ = ["TrainedModel", "choose_threshold", "train", "train_with_corrections"]
