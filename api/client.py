"""A small client of the sohoa HTTP API, used by ``sohoa intake`` and ``sohoa demo``."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn


class ClientError(Exception):
    """An error answered by the API (its code and messages) or a failure to reach it."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        self.status = status
        self.code = str(body.get("code", "http_error"))
        self.message_vi = str(body.get("message_vi", ""))
        self.message_en = str(body.get("message_en", ""))
        super().__init__(f"{status} {self.code}: {body.get('detail') or self.message_en}")


class ApiClient:
    def __init__(self, base_url: str, timeout_s: float = 60.0) -> None:
        self.base = base_url.rstrip("/") + "/api/v1"
        self._http = httpx.Client(timeout=timeout_s)
        self._token: str | None = None

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token}"} if self._token else {}

    def _check(self, response: httpx.Response) -> Any:
        if response.status_code >= 400:
            try:
                body = response.json()
            except ValueError:
                body = {"code": "http_error", "message_en": response.text[:200]}
            raise ClientError(response.status_code, body)
        return response.json()

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = self._http.request(
                method, self.base + path, headers=self._headers(), **kwargs
            )
        except httpx.HTTPError as exc:
            raise ClientError(
                503,
                {
                    "code": "api_unreachable",
                    "message_vi": "Không kết nối được tới API; hãy chạy `sohoa serve`.",
                    "message_en": f"Cannot reach the API at {self.base}; run `sohoa serve`.",
                    "detail": str(exc),
                },
            ) from exc
        return self._check(response)

    def login(self, username: str, password: str) -> None:
        body = self.request(
            "POST", "/auth/token", data={"username": username, "password": password}
        )
        self._token = body["access_token"]

    def open_dossier(self, owner_id: str, owner_name: str, procedure_code: str) -> dict[str, Any]:
        return self.request(
            "POST",
            "/dossiers",
            json={"owner_id": owner_id, "owner_name": owner_name, "procedure_code": procedure_code},
        )

    def upload(self, dossier_id: str, path: Path) -> dict[str, Any]:
        with path.open("rb") as fh:
            return self.request(
                "POST", f"/dossiers/{dossier_id}/documents", files={"file": (path.name, fh)}
            )

    def job(self, job_id: str) -> dict[str, Any]:
        return self.request("GET", f"/jobs/{job_id}")

    def document(self, document_id: str) -> dict[str, Any]:
        return self.request("GET", f"/documents/{document_id}")


def follow_jobs(
    client: ApiClient, jobs: dict[str, str], console: Console, timeout_s: float = 1800.0
) -> dict[str, dict[str, Any]]:
    """Poll jobs (name → job id) with progress bars until each is done or failed."""
    finished: dict[str, dict[str, Any]] = {}
    deadline = time.monotonic() + timeout_s
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as bar:
        tasks = {name: bar.add_task(name, total=None) for name in jobs}
        while len(finished) < len(jobs) and time.monotonic() < deadline:
            for name, job_id in jobs.items():
                if name in finished:
                    continue
                job = client.job(job_id)
                bar.update(
                    tasks[name],
                    completed=job["progress"]["done"],
                    total=job["progress"]["total"] or None,
                )
                if job["state"] in ("done", "failed"):
                    finished[name] = job
            time.sleep(0.5)
    return finished


VERDICT_MARKS = {"accept": "[green]đạt / accept[/green]", "warn": "[yellow]lưu ý / warn[/yellow]"}


def quality_line(quality: dict[str, Any]) -> str:
    """The gate's verdict as the clerk reads it: the verdict, then each reason and its pages."""
    mark = VERDICT_MARKS.get(quality["verdict"], "[red]quét lại / rescan[/red]")
    reasons = "; ".join(
        f"{r['message_vi']} (trang/page {', '.join(map(str, r['pages']))})"
        for r in quality.get("reasons", [])
    )
    return f"chất lượng / quality {mark}" + (f" — {reasons}" if reasons else "")


def signature_line(check: dict[str, Any]) -> str:
    """The verdict on the signatures a paper arrived with, in one line for the clerk."""
    verdict = {
        "valid": "[green]hợp lệ / valid[/green]",
        "invalid": "[red]không hợp lệ / invalid[/red]",
    }.get(check["verdict"], "[yellow]chưa xác định / indeterminate[/yellow]")
    signers = ", ".join(s["name"] or s["organisation"] or "?" for s in check["signers"])
    why = "; ".join(r["message_vi"] for r in check["reasons"])
    return (
        f"chữ ký số / signature: {verdict}"
        + (f" — {signers}" if signers else "")
        + (f" — {why}" if why else "")
    )


def run_intake(
    client: ApiClient,
    owner_id: str,
    owner_name: str,
    procedure: str,
    files: list[Path],
    console: Console,
) -> dict[str, Any]:
    dossier = client.open_dossier(owner_id, owner_name, procedure)
    console.print(f"Hồ sơ / dossier [bold]{dossier['code']}[/bold]")
    uploads: dict[str, dict[str, Any]] = {}
    refused: list[dict[str, str]] = []
    for path in files:
        try:
            uploads[path.name] = client.upload(dossier["id"], path)
            if uploads[path.name].get("quality"):
                console.print(f"  {path.name}: {quality_line(uploads[path.name]['quality'])}")
        except ClientError as exc:
            refused.append({"file": path.name, "code": exc.code, "message_en": exc.message_en})
            console.print(
                f"[red]✗ {path.name}: {exc.code}[/red] — {exc.message_vi} / {exc.message_en}"
            )
    queued = {name: u["job_id"] for name, u in uploads.items() if u.get("job_id")}
    jobs = follow_jobs(client, queued, console)
    documents = []
    for name, upload in uploads.items():
        doc = client.document(upload["document_id"])
        if not upload.get("job_id"):
            # The very same file was already in the owner's warehouse: attached, not redone.
            job: dict[str, Any] = {"state": "done", "reused": True}
            console.print(
                f"[green]✓[/green] {name}: {doc['page_count']} trang/pages — đã có trong kho "
                "dữ liệu, dùng lại / already in the warehouse, reused"
            )
        else:
            job = jobs.get(name, {"state": "timeout"})
            mark = "[green]✓[/green]" if job["state"] == "done" else "[red]✗[/red]"
            why = f" — {job['error']['message_vi']}" if job.get("error") else ""
            console.print(f"{mark} {name}: {doc['page_count']} trang/pages, {job['state']}{why}")
        if doc.get("arrived_signatures"):
            console.print(f"  {signature_line(doc['arrived_signatures'])}")
        documents.append({"file": name, "job": job, "document": doc})
    return {"dossier": dossier, "documents": documents, "refused": refused}
