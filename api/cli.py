"""The ``sohoa`` command line. Errors of the packages become exit codes and bilingual messages."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from ocr.memory import keep_freed_memory

from .settings import get_settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="sohoa — số hóa hồ sơ")
services_app = typer.Typer(no_args_is_help=True, help="Local services: PostgreSQL, Redis, MinIO")
users_app = typer.Typer(no_args_is_help=True, help="User accounts")
model_app = typer.Typer(no_args_is_help=True, help="The document-type classifier")
app.add_typer(model_app, name="model")
pki_app = typer.Typer(no_args_is_help=True, help="The development PKI")
app.add_typer(pki_app, name="pki")
archive_app = typer.Typer(no_args_is_help=True, help="Long-term archive upkeep")
app.add_typer(archive_app, name="archive")
app.add_typer(services_app, name="services")
app.add_typer(users_app, name="users")
console = Console(stderr=True)

EXIT_USER_ERROR = 2
EXIT_SERVICE_DOWN = 3


def fail(exc: Exception) -> NoReturn:
    code = getattr(exc, "code", "error")
    vi = getattr(exc, "message_vi", "")
    en = getattr(exc, "message_en", str(exc))
    console.print(f"[red]✗ {code}[/red]: {vi}\n  {en}")
    if exc.args:
        console.print(f"  [dim]{exc}[/dim]")
    status = getattr(exc, "status", 400)
    raise typer.Exit(EXIT_SERVICE_DOWN if status >= 500 else EXIT_USER_ERROR)


# --- services ---------------------------------------------------------------------------


def _print_states(states: list[Any]) -> bool:
    ok = True
    for st in states:
        mark = "[green]●[/green]" if st.healthy else "[red]●[/red]"
        ok &= st.healthy
        pid = f"pid {st.pid}" if st.pid else "-"
        console.print(f"{mark} {st.name:<10} {pid:<12} {st.detail}")
    return ok


@services_app.command("up")
def services_up() -> None:
    """Install what is missing and start every service on loopback (idempotent)."""
    from . import services

    try:
        states = services.up(get_settings(), log=console.print)
    except services.ServiceError as exc:
        fail(exc)
    get_settings.cache_clear()
    from .bootstrap import migrate_and_prepare

    migrate_and_prepare(get_settings())
    if not _print_states(states):
        raise typer.Exit(EXIT_SERVICE_DOWN)


@services_app.command("down")
def services_down() -> None:
    """Stop the services `up` started (and nothing else)."""
    from . import services

    _print_states(services.down(get_settings(), log=console.print))


@services_app.command("status")
def services_status() -> None:
    """Each service's health."""
    from . import services

    if not _print_states(services.status(get_settings())):
        raise typer.Exit(EXIT_SERVICE_DOWN)


@services_app.command("install")
def services_install() -> None:
    """Install the Debian packages and the MinIO binary, start nothing."""
    from . import services

    try:
        services.install(get_settings(), log=console.print)
    except services.ServiceError as exc:
        fail(exc)


# --- serving ----------------------------------------------------------------------------


@app.command()
def migrate() -> None:
    """Bring the database schema up to date and make sure the bucket exists."""
    from .bootstrap import migrate_and_prepare

    migrate_and_prepare(get_settings())
    console.print("[green]✓[/green] schema up to date")


@app.command()
def serve(
    detach: Annotated[bool, typer.Option(help="Run in the background (pid files)")] = False,
    stop: Annotated[bool, typer.Option(help="Stop a detached API and worker")] = False,
    workers: Annotated[int, typer.Option(help="Celery worker processes")] = 0,
    no_worker: Annotated[
        bool, typer.Option("--no-worker", help="API only (workers run elsewhere)")
    ] = False,
) -> None:
    """Run the API and the OCR worker."""
    from . import serving

    settings = get_settings()
    if stop:
        serving.stop(settings, log=console.print)
        return
    settings.require_secrets()
    from .bootstrap import migrate_and_prepare

    migrate_and_prepare(settings)
    if detach:
        serving.start_detached(settings, workers or settings.worker_concurrency, log=console.print)
    else:
        serving.run_foreground(settings, 0 if no_worker else workers or settings.worker_concurrency)


# --- users ------------------------------------------------------------------------------


@users_app.command("create")
def users_create(
    name: Annotated[str, typer.Argument(help="username")],
    role: Annotated[str, typer.Option(help="clerk | citizen | verifier | admin")],
    owner_id: Annotated[str | None, typer.Option(help="citizen: their 12-digit ID")] = None,
    centre: Annotated[
        str | None, typer.Option(help="clerk: agency code, e.g. 000.00.01.H29")
    ] = None,
    full_name: Annotated[str, typer.Option(help="display name")] = "",
) -> None:
    """Create (or update) an account; the password comes from a prompt or SOHOA_PASSWORD."""
    from .accounts import AccountError, upsert_user

    password = os.environ.get("SOHOA_PASSWORD") or typer.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    try:
        user = upsert_user(get_settings(), name, password, role, owner_id, centre, full_name)
    except AccountError as exc:
        fail(exc)
    console.print(f"[green]✓[/green] {user.username} ({user.role})")


# --- classifier ---------------------------------------------------------------------


@model_app.command("retrain")
def model_retrain(
    per_type: Annotated[int, typer.Option(help="generated papers per type")] = 120,
) -> None:
    """Retrain on the generated corpus plus every clerk correction; make it the active model."""
    from .classifier_models import retrain
    from .runtime import get_runtime

    row = retrain(get_runtime(), per_type=per_type)
    console.print(f"[green]✓[/green] active model {row.version} {row.metrics}")


@model_app.command("reset")
def model_reset() -> None:
    """Go back to the packaged model (retrained versions stay stored)."""
    from .classifier_models import use_packaged
    from .runtime import get_runtime

    use_packaged(get_runtime())
    console.print("[green]✓[/green] workers use the packaged model")


@model_app.command("show")
def model_show() -> None:
    """The model the workers use."""
    from .classifier_models import active_model_path, describe
    from .runtime import get_runtime

    console.print(describe(active_model_path(get_runtime())))


# --- local OCR --------------------------------------------------------------------------


@app.command()
def ocr(
    input: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="PDF/JPEG/PNG/TIFF/HEIC/WebP/AVIF")
    ],
    out: Annotated[Path, typer.Option("--out", help="searchable PDF to write")],
    text: Annotated[Path | None, typer.Option("--text", help="also write the text here")] = None,
) -> None:
    """OCR a scan locally into a searchable PDF (no services needed)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from ingest import IngestError, check_upload, iter_pages
    from ocr.errors import OcrError
    from ocr.pipeline import ocr_to_pdf

    from .processing import ocr_options
    from .runtime import get_runtime

    rt = get_runtime()
    try:
        info = check_upload(input, rt.limits)
        with (
            tempfile.TemporaryDirectory(prefix="sohoa-ocr-") as tmp,
            Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
            ) as bar,
        ):
            task = bar.add_task(f"OCR {input.name}", total=info.page_count)
            results = ocr_to_pdf(
                iter_pages(input, info.media_type, rt.settings.ocr_dpi),
                out,
                Path(tmp),
                ocr_options(rt),
                on_page=lambda _r: bar.advance(task),
                title=input.name,
            )
    except (IngestError, OcrError) as exc:
        fail(exc)
    if text:
        text.write_text("\f".join(r.text for r in results), encoding="utf-8")
    own = sum(r.details.get("text_source") == "pdf" for r in results)
    taken = f"; {own} made of text, taken as they are, not read again" if own else ""
    console.print(f"[green]✓[/green] {out} ({len(results)} pages{taken})")


@app.command()
def quality(
    input: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="PDF/JPEG/PNG/TIFF/HEIC/WebP/AVIF")
    ],
    json_out: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """The quality gate's verdict on every page of a scan (local, no services, no OCR).

    Exits 1 when a page must be rescanned, 0 otherwise.
    """
    from rich.table import Table

    from ingest import IngestError, check_upload
    from ingest.gate import check_pages
    from ocr.errors import OcrError

    from .runtime import get_runtime

    rt = get_runtime()  # settings and limits only: nothing here talks to a service
    try:
        info = check_upload(input, rt.limits)
        gate = check_pages(input, info.media_type, info.page_count, rt.settings.quality)
        report = gate.summary()
    except (IngestError, OcrError) as exc:
        fail(exc)
    report = {"file": str(input), **report}
    if json_out:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        colour = {"accept": "green", "warn": "yellow", "reject": "red"}
        table = Table(title=f"{input.name}: {report['verdict']}")
        for column in ("page", "verdict", "dpi", "sharpness", "paper", "contrast", "reasons"):
            table.add_column(column)
        for page in report["pages"]:
            m = page["metrics"]
            table.add_row(
                str(page["page"]),
                f"[{colour[page['verdict']]}]{page['verdict']}[/]",
                str(m.get("effective_dpi", "")),
                str(m.get("sharpness", "")),
                str(m.get("paper_level", "")),
                str(m.get("contrast", "")),
                "\n".join(
                    f"{r['message_vi']}\n[dim]{r['message_en']}[/dim]" for r in page["reasons"]
                ),
            )
        Console().print(table)
    if report["verdict"] == "reject":
        raise typer.Exit(1)


def _local_ocr_text(input: Path) -> str:
    """Prepare and OCR a scan locally (the worker's library), returning its text."""
    from ingest import check_upload, iter_pages
    from ocr.pipeline import ocr_to_pdf

    from .processing import ocr_options
    from .runtime import get_runtime

    rt = get_runtime()
    info = check_upload(input, rt.limits)
    with tempfile.TemporaryDirectory(prefix="sohoa-classify-") as tmp:
        pages = iter_pages(input, info.media_type, rt.settings.ocr_dpi)
        results = ocr_to_pdf(pages, Path(tmp) / "out.pdf", Path(tmp), ocr_options(rt))
    return "\n".join(r.text for r in results)


@app.command()
def classify(
    input: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="PDF/JPEG/PNG/TIFF/HEIC/WebP/AVIF")
    ],
    json_out: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """What the paper is and what it says: type, confidence, fields, flags (local, no services)."""
    from ingest import IngestError
    from ocr.errors import OcrError

    from .classifying import understand

    try:
        meaning = understand(_local_ocr_text(input), get_settings().classifier_model)  # local
    except (IngestError, OcrError) as exc:
        fail(exc)
    flags = [f"{name}:{flag}" for name, f in meaning.fields.items() for flag in f["flags"]]
    report: dict[str, Any] = {
        "doc_type": meaning.doc_type,
        "confidence": meaning.confidence,
        "fields": {name: f["value"] for name, f in meaning.fields.items()},
        "flags": flags,
    }
    if json_out:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        return
    console.print(f"[bold]{meaning.doc_type}[/bold] ({meaning.confidence:.2f})")
    for name, value in report["fields"].items():
        console.print(f"  {name}: {value}")
    for flag in flags:
        console.print(f"  [yellow]⚑ {flag}[/yellow]")


# --- signatures -----------------------------------------------------------------------


@app.command()
def sign(
    input: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="PDF to sign")],
    out: Annotated[Path, typer.Argument(help="signed PDF to write")],
    level: Annotated[str, typer.Option(help="B-B | B-T | B-LT | B-LTA")] = "B-LTA",
    copy_type: Annotated[
        str | None, typer.Option(help="certified copy: SAO_Y | SAO_LUC | TRICH_SAO")
    ] = None,
    pkcs11: Annotated[bool, typer.Option("--pkcs11", help="sign with the HSM/USB token")] = False,
) -> None:
    """PAdES-sign a PDF with the agency's key and a visible stamp (local)."""
    from signing import CertifiedCopyStamp, CopyType, ResultStamp, SigningError, sign_pdf

    from .signing_config import SigningNotConfigured, open_signer, sign_options, signing_setup

    settings = get_settings()
    try:
        setup = signing_setup(settings)
        appearance = (
            CertifiedCopyStamp(CopyType[copy_type], settings.agency_name)
            if copy_type
            else ResultStamp(settings.agency_name, settings.leader_name, settings.leader_title)
        )
        with open_signer(setup, pkcs11) as signer:
            signed = sign_pdf(
                input.read_bytes(),
                sign_options(setup, level),
                signer,
                appearance=appearance,
            )
    except KeyError:
        fail(ValueError(f"unknown copy type {copy_type}: SAO_Y, SAO_LUC or TRICH_SAO"))
    except (SigningError, SigningNotConfigured, ValueError) as exc:
        fail(exc)
    out.write_bytes(signed)
    console.print(f"[green]✓[/green] {out} ({level})")


@app.command()
def verify(
    input: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="signed PDF")],
    json_out: Annotated[
        bool, typer.Option("--json", help="print the whole report as JSON")
    ] = False,
) -> None:
    """Verify every signature of a PDF: integrity, signer, trust, time, revocation, level."""
    from signing import SigningError, verify_pdf

    from .signing_config import SigningNotConfigured, signing_setup, verify_options

    try:
        report = verify_pdf(input.read_bytes(), verify_options(signing_setup(get_settings())))
    except (SigningError, SigningNotConfigured) as exc:
        fail(exc)
    body = report.to_dict()
    if json_out:
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    else:
        colour = {"valid": "green", "invalid": "red"}.get(body["verdict"], "yellow")
        console.print(f"[{colour}]{body['verdict']}[/{colour}]")
        for sig in body["signatures"]:
            signer = (sig.get("signer") or {}).get("name") or sig.get("kind")
            console.print(f"  • {signer}: {sig['verdict']} ({sig.get('pades_level')})")
        for reason in body["reasons"]:
            console.print(f"  {reason['message_vi']} / {reason['message_en']}")
    if body["verdict"] != "valid":
        raise typer.Exit(1)


@pki_app.command("root")
def pki_root(out: Annotated[Path, typer.Option("--out", help="PEM file to write")]) -> None:
    """Write the development trust anchor (root certificate, PEM)."""
    from .signing_config import SigningNotConfigured, signing_setup

    try:
        setup = signing_setup(get_settings())
    except SigningNotConfigured as exc:
        fail(exc)
    if setup.root_pem is None:
        fail(SigningNotConfigured("the development PKI is not set up: run `sohoa services up`"))
    out.write_bytes(setup.root_pem.read_bytes())
    console.print(f"[green]✓[/green] {out}")


@archive_app.command("renew-timestamps")
def archive_renew(
    threshold_days: Annotated[
        int | None, typer.Option(help="renew when TSA cert expires within")
    ] = None,
    force: Annotated[bool, typer.Option(help="renew every B-LTA file now")] = False,
) -> None:
    """Add a fresh document timestamp to archived B-LTA files that need one."""
    from .renewal import renew_all
    from .runtime import get_runtime

    rt = get_runtime()
    days = threshold_days if threshold_days is not None else rt.settings.renew_threshold_days
    summary = renew_all(rt, days, force=force, log=console.print)
    console.print(f"[green]✓[/green] {summary}")


@archive_app.command("check-fixity")
def archive_check_fixity(
    limit: Annotated[
        int | None, typer.Option(help="documents to check, longest unchecked first")
    ] = None,
    document: Annotated[
        list[str] | None, typer.Option(help="check this document (repeatable)")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="print the summary as JSON")] = False,
) -> None:
    """Read stored files back and compare their SHA-256 with the recorded one (exit 1: damage)."""
    from .fixity import check_fixity
    from .runtime import get_runtime

    rt = get_runtime()
    ids = [uuid.UUID(d) for d in document or []]
    summary = check_fixity(
        rt,
        limit=limit if limit is not None or ids else rt.settings.fixity_batch,
        documents=ids,
        log=(lambda _m: None) if json_out else console.print,
    )
    if json_out:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        mark = "[red]✗[/red]" if summary["failed"] else "[green]✓[/green]"
        console.print(
            f"{mark} {summary['documents']} documents, {summary['files']} files read, "
            f"{summary['failed']} damaged or missing"
        )
    if summary["failed"]:
        raise typer.Exit(1)


# --- through the API --------------------------------------------------------------------


@app.command()
def intake(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False)],
    owner_id: Annotated[str, typer.Option(help="owner's 12-digit ID or tax code")],
    owner_name: Annotated[str, typer.Option(help="owner's name")] = "",
    procedure: Annotated[str, typer.Option(help="TTHC procedure code")] = "1.000000",
    api: Annotated[str, typer.Option(help="API base URL")] = "",
    username: Annotated[str, typer.Option(envvar="SOHOA_USERNAME")] = "",
    json_out: Annotated[bool, typer.Option("--json", help="print results as JSON")] = False,
) -> None:
    """Open a dossier and upload scans through the API, following each OCR job."""
    from .client import ApiClient, ClientError, run_intake

    settings = get_settings()
    password = os.environ.get("SOHOA_PASSWORD") or typer.prompt("Password", hide_input=True)
    try:
        client = ApiClient(api or settings.public_url)
        client.login(username or typer.prompt("Username"), password)
        report = run_intake(client, owner_id, owner_name or owner_id, procedure, files, console)
    except ClientError as exc:
        fail(exc)
    if json_out:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    failed = [d for d in report["documents"] if d["job"]["state"] != "done"]
    if report["refused"] or failed:
        raise typer.Exit(EXIT_USER_ERROR)


@app.command()
def demo() -> None:
    """The main job: services up, demo users, a sample dossier processed end to end."""
    from .demo import run_demo

    run_demo(console)


def main() -> None:
    keep_freed_memory()  # ``sohoa ocr`` and ``sohoa quality`` read page after page
    app()
