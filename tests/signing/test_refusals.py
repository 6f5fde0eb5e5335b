"""What must be refused before anything is signed, each with its typed 4xx/5xx error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pyhanko.sign.signers import Signer

from signing import (
    NotAPdf,
    PadesLevel,
    PdfDamaged,
    PdfEncrypted,
    SignerCertificateExpired,
    SignerKeyUsageMissing,
    SignerNotTrusted,
    SigningError,
    SigningKeyUnavailable,
    SigningMisconfigured,
    SignOptions,
    TimestampUnavailable,
    TrustAnchor,
    VerifyOptions,
    load_pkcs12_signer,
    load_trust_anchors,
    sign_pdf,
    verify_pdf,
)
from signing.devpki import DevPki
from tests.signing.conftest import dev_signer, options
from tests.signing.pdfs import result_pdf
from tests.signing.tools import foreign_root


@pytest.mark.parametrize(
    ("label", "error"),
    [("expired", SignerCertificateExpired), ("no-usage", SignerKeyUsageMissing)],
)
def test_unusable_signer_refused(
    label: str, error: type[SigningError], pki: DevPki, anchors: tuple[TrustAnchor, ...]
) -> None:
    with pytest.raises(error) as caught:
        sign_pdf(result_pdf(), options(pki, anchors, PadesLevel.B_B), dev_signer(pki, label))
    assert caught.value.status == 422
    assert caught.value.message_vi and caught.value.message_en


def test_signer_outside_trust_anchors_refused(pki: DevPki, agency: Signer, tmp_path: Path) -> None:
    other = load_trust_anchors([foreign_root(tmp_path)])
    with pytest.raises(SignerNotTrusted):
        sign_pdf(result_pdf(), SignOptions(level=PadesLevel.B_B, trust_anchors=other), agency)


def _encrypted() -> bytes:
    from io import BytesIO

    import pikepdf

    out = BytesIO()
    with pikepdf.open(BytesIO(result_pdf())) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="mat-khau", owner="chu", R=6))
    return out.getvalue()


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (_encrypted, PdfEncrypted),
        (lambda: result_pdf()[:400], PdfDamaged),
        (lambda: b"\x89PNG\r\n\x1a\n not a pdf", NotAPdf),
        (lambda: b"", NotAPdf),
    ],
)
def test_bad_inputs_get_typed_4xx(
    make: Callable[[], bytes],
    error: type[SigningError],
    pki: DevPki,
    anchors: tuple[TrustAnchor, ...],
    agency: Signer,
    verify_options: VerifyOptions,
) -> None:
    data = make()
    with pytest.raises(error) as signing:
        sign_pdf(data, options(pki, anchors, PadesLevel.B_B), agency)
    with pytest.raises(error) as verifying:
        verify_pdf(data, verify_options)
    assert 400 <= signing.value.status < 500 and 400 <= verifying.value.status < 500


def test_timestamp_level_needs_a_tsa(anchors: tuple[TrustAnchor, ...], agency: Signer) -> None:
    with pytest.raises(SigningMisconfigured):
        sign_pdf(result_pdf(), SignOptions(level=PadesLevel.B_T, trust_anchors=anchors), agency)


def test_tsa_down_is_a_503(anchors: tuple[TrustAnchor, ...], agency: Signer) -> None:
    opts = SignOptions(
        level=PadesLevel.B_T,
        trust_anchors=anchors,
        tsa_url="http://127.0.0.1:9/tsa",  # discard port: nothing listens
        network_timeout_s=2,
    )
    with pytest.raises(TimestampUnavailable) as caught:
        sign_pdf(result_pdf(), opts, agency)
    assert caught.value.status == 503


def test_wrong_pkcs12_passphrase(pki: DevPki) -> None:
    with pytest.raises(SigningKeyUnavailable):
        load_pkcs12_signer(pki.signers["agency"].pkcs12, "not-the-passphrase")


def test_mangled_files_never_escape_as_500(
    signed: dict[PadesLevel, bytes], anchors: tuple[TrustAnchor, ...], agency: Signer
) -> None:
    """GIVEN signed files truncated, overwritten or with random bytes changed THEN signing and
    verifying either work (verdict) or raise a typed 4xx error: never anything else."""
    import random

    rng = random.Random(6)
    src = signed[PadesLevel.B_LTA]
    offline = VerifyOptions(trust_anchors=anchors, fetch_revocation=False)
    sign_options = SignOptions(level=PadesLevel.B_B, trust_anchors=anchors)
    for n in range(24):
        data = bytearray(src)
        if n % 3 == 0:
            data = data[: rng.randrange(len(data))]
        elif n % 3 == 1:
            at = rng.randrange(len(data))
            data[at : at + 200] = bytes(len(data[at : at + 200]))
        else:
            for _ in range(rng.randint(1, 10)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            verify_pdf(bytes(data), offline)
            if n % 4 == 0:
                sign_pdf(bytes(data), sign_options, agency)
        except SigningError as e:
            assert 400 <= e.status < 500, (n, e.code, str(e))
