"""The one place Tesseract runs: libtesseract, kept loaded in a helper process.

Starting the ``tesseract`` program costs about 70 ms a run before it reads a pixel (loading
the model and its universal ambiguity table), and a hard page takes two or three runs. So the
library is loaded once, through tesserocr, in a helper process that serves one run after
another; it is built against Debian's libtesseract, the engine the ``tesseract`` program uses,
so a run reads exactly as the program would (pytesseract, the card's package, starts the
program for every call: the cost this module removes). The helper is a process and not a thread
because a run must be stoppable: at its deadline the helper is killed and the next run starts
a fresh one, as a stuck ``tesseract`` child would be. A crash inside Tesseract ends only the
helper (``TesseractFailed``). Each thread has its own helper, and a forked process starts its
own rather than share its parent's pipes.

A run reads an image file and writes what the program would (``out.txt``, ``out.tsv``,
``out.pdf``, ``out.osd``), so the caller reads the same files either way. The helper runs with
``OMP_THREAD_LIMIT=1``: pages are parallelised by workers, not by Tesseract's threads.
"""

from __future__ import annotations

import atexit
import importlib
import json
import os
import select
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any

from .errors import OcrTimeout, TesseractFailed, TesseractMissing

LIBRARY = "tesserocr"
"""The module the helper loads Tesseract with."""
START_TIMEOUT_S = 60.0
GRACE_S = 5.0
"""How long past a run's own deadline (Tesseract stops recognising at it) the helper may take
before it is killed."""
_ENDED, _LATE = "ended", "late"
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[1])


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
    return env


class _Helper:
    """One helper process and the pipes to it."""

    def __init__(self) -> None:
        self._pid = os.getpid()
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the helper)
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "ocr.engine", LIBRARY],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
                env=_child_env(),
                close_fds=True,
            )
        except OSError as exc:
            self._stderr.close()
            raise TesseractFailed(f"the Tesseract helper could not start: {exc}") from exc
        atexit.register(self.stop)
        hello = self._reply(START_TIMEOUT_S)
        if not isinstance(hello, dict):
            tail = self._stderr_tail()
            self.stop()
            raise TesseractFailed(f"the Tesseract helper did not start: {tail}")
        if "error" in hello:
            self.stop()
            raise TesseractMissing(str(hello.get("detail")))

    def alive(self) -> bool:
        return self._pid == os.getpid() and self._proc.poll() is None

    def call(self, request: dict[str, Any], timeout: float) -> dict[str, Any]:
        stdin = self._proc.stdin
        assert stdin is not None
        try:
            stdin.write(json.dumps(request).encode() + b"\n")
            stdin.flush()
        except OSError as exc:
            self.stop()
            raise TesseractFailed(f"the Tesseract helper is gone: {self._stderr_tail()}") from exc
        reply = self._reply(timeout + GRACE_S)
        if isinstance(reply, dict):
            return reply
        tail = self._stderr_tail()
        self.stop()
        if reply == _ENDED:
            raise TesseractFailed(f"tesseract stopped: {tail or 'no message'}")
        raise OcrTimeout(f"tesseract did not finish within {timeout:.0f} s")

    def _reply(self, timeout: float) -> dict[str, Any] | str:
        """The helper's next line, ``_ENDED`` when it ended or ``_LATE`` when ``timeout``
        passed first."""
        out = self._proc.stdout
        assert out is not None
        ready, _, _ = select.select([out], [], [], max(0.0, timeout))
        if not ready:
            return _LATE
        line = out.readline()
        if not line:
            return _ENDED
        reply: dict[str, Any] = json.loads(line)
        return reply

    def _stderr_tail(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace").strip()[-500:]

    def stop(self) -> None:
        if self._pid != os.getpid():
            return  # a forked copy: the helper is the parent's
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        for pipe in (self._proc.stdin, self._proc.stdout):
            if pipe is not None:
                pipe.close()
        self._stderr.close()
        atexit.unregister(self.stop)


_local = threading.local()


def _helper() -> _Helper:
    helper: _Helper | None = getattr(_local, "helper", None)
    if helper is None or not helper.alive():
        helper = _local.helper = _Helper()
    return helper


def run(
    image: Path,
    out: Path,
    lang: str,
    psm: int,
    settings: tuple[str, ...],
    outputs: tuple[str, ...],
    timeout: float,
) -> None:
    """One Tesseract run over the image file ``image``, writing ``out`` + ``.txt``, ``.tsv``,
    ``.pdf`` (those named in ``outputs``) or ``.osd`` (``psm`` 0; none when the page has too
    few letters to tell), as the program would.

    ``settings`` are ``name=value`` pairs (``-c``). Raises ``TesseractMissing`` (no library or
    no data for ``lang``), ``OcrTimeout`` or ``TesseractFailed``."""
    request = {
        "image": str(image),
        "out": str(out),
        "lang": lang,
        "psm": psm,
        "settings": [s.split("=", 1) for s in settings],
        "outputs": list(outputs),
        "timeout_ms": max(1, int(timeout * 1000)),
    }
    reply = _helper().call(request, timeout)
    error = reply.get("error")
    if error == "missing":
        raise TesseractMissing(str(reply.get("detail")))
    if error == "timeout":  # the helper tells a run cut short at its deadline from a failure
        raise OcrTimeout(f"tesseract did not finish within {timeout:.0f} s")
    if error:
        raise TesseractFailed(str(reply.get("detail") or error))


def available() -> bool:
    """Whether Tesseract can be loaded (starts the helper)."""
    try:
        _helper()
    except (TesseractMissing, TesseractFailed):
        return False
    return True


# --- the helper's side ------------------------------------------------------------------


def _serve(library: str) -> None:
    # The replies go out on a private copy of stdout; whatever Tesseract prints goes to stderr.
    replies: IO[bytes] = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    try:
        tesserocr: Any = importlib.import_module(library)
    except ImportError as exc:
        _send(replies, {"error": "missing", "detail": f"{library} cannot be loaded: {exc}"})
        return
    _send(replies, {"ready": True})
    apis: dict[str, Any] = {}
    for line in sys.stdin.buffer:
        request = json.loads(line)
        os.ftruncate(2, 0)  # stderr holds the messages of this run only
        os.lseek(2, 0, os.SEEK_SET)
        try:
            reply = _one_run(tesserocr, apis, request)
        except Exception as exc:  # the helper serves the next page whatever this one did
            reply = {"error": "failed", "detail": f"{type(exc).__name__}: {exc}"}
        _send(replies, reply)


def _one_run(tesserocr: Any, apis: dict[str, Any], request: dict[str, Any]) -> dict[str, Any]:
    lang, psm, out = request["lang"], int(request["psm"]), request["out"]
    api = apis.get(lang)
    if api is None:
        try:
            api = apis[lang] = tesserocr.PyTessBaseAPI(lang=lang)
        except RuntimeError as exc:
            return {"error": "missing", "detail": f"Failed loading language '{lang}': {exc}"}
    outputs = set(request["outputs"])
    settings = [
        *request["settings"],
        ("textonly_pdf", "1"),
        ("tessedit_create_txt", "1" if "txt" in outputs else "0"),
        ("tessedit_create_pdf", "1" if "pdf" in outputs else "0"),
    ]
    saved = [(name, api.GetVariableAsString(name)) for name, _ in settings]
    started = time.monotonic()
    try:
        for name, value in settings:
            if not api.SetVariable(name, value):
                return {"error": "failed", "detail": f"no such setting: {name}"}
        api.SetPageSegMode(psm)
        done = api.ProcessPages(out, request["image"], None, int(request["timeout_ms"]))
        if done and "tsv" in outputs:
            Path(out + ".tsv").write_text(api.GetTSVText(0) or "", encoding="utf-8")
    except RuntimeError as exc:
        return {"error": "failed", "detail": str(exc)}
    finally:
        for name, value in saved:
            if value is not None:
                api.SetVariable(name, value)
        api.Clear()
    if done:
        return {"ok": True}
    if time.monotonic() - started >= int(request["timeout_ms"]) / 1000:
        return {"error": "timeout"}
    if psm == 0:
        return {"ok": True}  # too few letters to tell the orientation: no ``.osd`` report
    return {"error": "failed", "detail": _own_stderr() or "tesseract could not read the page"}


def _own_stderr() -> str:
    os.lseek(2, 0, os.SEEK_SET)
    return os.read(2, 100_000).decode("utf-8", "replace").strip()[-500:]


def _send(replies: IO[bytes], message: dict[str, Any]) -> None:
    replies.write(json.dumps(message).encode() + b"\n")
    replies.flush()


if __name__ == "__main__":
    _serve(sys.argv[1] if len(sys.argv) > 1 else LIBRARY)


__all__ = ["available", "run"]
