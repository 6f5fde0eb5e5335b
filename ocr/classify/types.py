"""The document types the classifier knows, and the values it takes and returns."""

from __future__ import annotations

from dataclasses import dataclass, field

UNKNOWN = "unknown"
DOC_TYPES: tuple[str, ...] = (
    "giay_khai_sinh",
    "giay_chung_nhan_ket_hon",
    "giay_xac_nhan_tinh_trang_hon_nhan",
    "trich_luc_khai_tu",
    "can_cuoc",
    "xac_nhan_cu_tru",
    "giay_chung_nhan_dang_ky_doanh_nghiep",
    "giay_chung_nhan_dang_ky_ho_kinh_doanh",
    "giay_chung_nhan_quyen_su_dung_dat",
    "giay_phep_xay_dung",
    "giay_uy_quyen",
    "phieu_ly_lich_tu_phap",
    "to_khai",
    "bang_tot_nghiep",
    UNKNOWN,
)
"""Type codes (fixed: stored in the warehouse and shown to clerks). More may be added."""


@dataclass(frozen=True)
class LabelledText:
    """One training sample: a page's text and its type."""

    text: str
    doc_type: str
    weight: float = 1.0
    """How much the sample counts; a clerk's correction counts more than a synthetic page."""
    group: str = ""
    """Samples of one group (damaged copies of one paper) stay on one side of the split that
    chooses the threshold, so the held-out side is really unseen."""


@dataclass(frozen=True)
class Classification:
    doc_type: str
    """The type, or ``unknown`` when no type reaches the model's threshold."""
    confidence: float
    """Calibrated probability of the best type (0–1), even when the answer is ``unknown``."""
    probabilities: dict[str, float] = field(default_factory=dict)
    """Every type the model knows and its probability, summing to 1."""
    best_guess: str = UNKNOWN
    """The most probable type before the threshold was applied (for the clerk's hint)."""


@dataclass(frozen=True)
class TrainOptions:
    """How to train; the defaults are what ``bench/train_classifier.py`` ships."""

    threshold: float | None = None
    """Confidence below which the answer is ``unknown``. ``None``: chosen on held-out data
    so that wrong types above it stay under ``max_wrong_rate``."""
    max_wrong_rate: float = 0.005
    min_threshold: float = 0.65
    """The chosen threshold never goes below this. Held-out synthetic pages alone pick ~0.45:
    they are too like the training pages. Papers in wordings the generator never wrote
    (``bench/classify.py``'s hand-written set) got a wrong type at 0.60–0.64 and none at
    0.65, at the cost of ~2 % more ``unknown`` answers."""
    c: float = 0.5
    """Regularisation of the linear model (smaller: smoother, less sure)."""
    word_features: int = 12000
    char_features: int = 30000
    calibration_folds: int = 3
    seed: int = 0
    correction_weight: float = 8.0
    """Weight of each clerk correction relative to one synthetic sample."""
