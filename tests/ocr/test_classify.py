"""The document-type classifier: the packaged model, unknown papers, clerks' corrections."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from ocr.classify import (
    DEFAULT_MODEL,
    DOC_TYPES,
    UNKNOWN,
    LabelledText,
    ModelInvalid,
    ModelMissing,
    TrainedModel,
    TrainingDataInvalid,
    TrainOptions,
    classify,
    clear_cache,
    load,
    read_manifest,
    save,
    train,
    train_with_corrections,
)
from ocr.classify.corpus import KNOWN_TYPES, synthetic_samples
from ocr.classify.negatives import make_negative
from ocr.classify.noise import damage
from ocr.synthetic import make_content

SMALL = TrainOptions(threshold=0.5, word_features=4000, char_features=8000)

# A birth certificate issued abroad, in English (brought for "ghi chú khai sinh"): the
# synthetic corpus has none, and English prose is among its unknown papers.
FOREIGN_BIRTH_CERTIFICATE = """STATE OF CALIFORNIA
CERTIFICATE OF LIVE BIRTH
Name of child: Emily Tran
Date of birth: March 3, 2019 Sex: Female
Place of birth: San Jose, Santa Clara County
Name of father: David Tran  Birthplace of father: Viet Nam
Name of mother: Linda Nguyen  Birthplace of mother: Viet Nam
Registrar of vital statistics
"""


@pytest.fixture(scope="module")
def small_corpus() -> list[LabelledText]:
    return list(synthetic_samples(per_type=10, seed=7, damaged=1, negatives_factor=3))


@pytest.fixture(scope="module")
def small_model(small_corpus: list[LabelledText]) -> TrainedModel:
    return train(small_corpus, SMALL)


def _fresh(doc_type: str, i: int) -> str:
    rng = random.Random(f"test-unseen:{doc_type}:{i}")
    if doc_type == UNKNOWN:
        return make_negative(rng).text
    return make_content(rng, doc_type).text


def test_type_codes_are_the_fixed_ones() -> None:
    assert len(DOC_TYPES) == 15 and DOC_TYPES[-1] == UNKNOWN
    assert "giay_chung_nhan_quyen_su_dung_dat" in DOC_TYPES


def test_packaged_model_has_a_version_and_is_small() -> None:
    manifest = read_manifest(DEFAULT_MODEL)
    assert manifest["sha256"][:12] in manifest["version"]
    assert "sklearn" in manifest["version"]
    assert DEFAULT_MODEL.stat().st_size < 5_000_000
    assert set(manifest["labels"]) == set(DOC_TYPES)


def test_packaged_model_recognises_every_known_type() -> None:
    # GIVEN papers from seeds the model never saw, lightly damaged like OCR output
    for doc_type in KNOWN_TYPES:
        for i in range(3):
            text = damage(_fresh(doc_type, i), random.Random(i), strength=0.3)
            answer = classify(text)
            assert answer.doc_type == doc_type, (doc_type, answer.best_guess, answer.confidence)
            assert answer.confidence >= load().threshold


@pytest.mark.parametrize(
    "text",
    [
        "",
        "xq7 ;; ||| ~~ 0O0 lll ...",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.",
        "HÓA ĐƠN GIÁ TRỊ GIA TĂNG\nĐơn vị bán hàng: CÔNG TY TNHH AN PHÁT\nTổng cộng: 1.200.000",
    ],
)
def test_gibberish_and_other_papers_are_unknown(text: str) -> None:
    assert classify(text).doc_type == UNKNOWN


def test_probabilities_cover_every_type_and_sum_to_one() -> None:
    answer = classify(_fresh("giay_khai_sinh", 0))
    assert set(answer.probabilities) == set(DOC_TYPES)
    assert abs(sum(answer.probabilities.values()) - 1.0) < 0.01
    assert answer.confidence == max(answer.probabilities.values())


def test_low_confidence_answers_unknown(small_model: TrainedModel) -> None:
    sure = TrainedModel(small_model.pipeline, 1.01, small_model.labels, small_model.meta)
    answer = sure.predict(_fresh("giay_khai_sinh", 1))
    assert answer.doc_type == UNKNOWN and answer.best_guess == "giay_khai_sinh"


def test_a_correction_changes_the_retrained_models_answer(
    small_corpus: list[LabelledText], small_model: TrainedModel
) -> None:
    before = small_model.predict(FOREIGN_BIRTH_CERTIFICATE)
    assert before.doc_type != "giay_khai_sinh"  # precondition: the base model gets it wrong
    retrained = train_with_corrections(
        small_corpus, [(FOREIGN_BIRTH_CERTIFICATE, "giay_khai_sinh")], SMALL
    )
    assert retrained.predict(FOREIGN_BIRTH_CERTIFICATE).doc_type == "giay_khai_sinh"
    # and a second paper of the same kind, never corrected, follows
    similar = FOREIGN_BIRTH_CERTIFICATE.replace("Emily", "Kevin").replace("2019", "2021")
    assert retrained.predict(similar).doc_type == "giay_khai_sinh"
    # the rest is not disturbed
    assert retrained.predict(_fresh("giay_khai_sinh", 2)).doc_type == "giay_khai_sinh"


def test_corrections_with_unknown_codes_are_refused(small_corpus: list[LabelledText]) -> None:
    with pytest.raises(TrainingDataInvalid):
        train_with_corrections(small_corpus, [("some text", "giay_bay")], SMALL)


def test_too_little_data_is_refused() -> None:
    with pytest.raises(TrainingDataInvalid):
        train([LabelledText("GIẤY KHAI SINH", "giay_khai_sinh")], SMALL)


def test_save_load_round_trip_and_cache(small_model: TrainedModel, tmp_path: Path) -> None:
    path = tmp_path / "m.joblib"
    version = save(small_model, path)
    assert version == small_model.version and version.count("-") >= 2
    clear_cache()
    first = load(path)
    assert first is load(path)  # loaded once per process
    assert first.version == version
    text = _fresh("can_cuoc", 3)
    assert first.predict(text) == small_model.predict(text)


def test_a_tampered_model_is_refused(small_model: TrainedModel, tmp_path: Path) -> None:
    path = tmp_path / "m.joblib"
    save(small_model, path)
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    clear_cache()
    with pytest.raises(ModelInvalid):
        load(path)


def test_a_missing_model_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(ModelMissing) as caught:
        load(tmp_path / "absent.joblib")
    assert caught.value.code == "classifier_model_missing" and caught.value.status == 503
