"""Celery tasks: thin, JSON arguments (ids only), idempotent by document id.

Run a worker with ``celery -A api.tasks worker`` (``sohoa serve`` does it for you).
"""

from __future__ import annotations

import logging
import uuid

from celery import Celery, Task
from celery.signals import worker_process_init, worker_ready

from archive.errors import DatabaseUnavailable, StorageUnavailable
from ingest.errors import IngestError
from ocr.errors import OcrError
from ocr.memory import keep_freed_memory
from signing import RevocationInfoUnavailable, SigningError, TimestampUnavailable, warm_fonts

from .fixity import check_fixity
from .processing import fail_job, run_ocr_job, stale_queued_jobs
from .renewal import renew_all
from .runtime import get_runtime
from .settings import get_settings
from .signing_config import SigningNotConfigured
from .signing_flow import sign_document_job
from .signing_flow import warm_up as warm_up_signing

log = logging.getLogger(__name__)

celery_app = Celery("sohoa", broker=get_settings().redis_url)
celery_app.conf.update(
    task_serializer="json",
    accept_content=["json"],
    task_acks_late=True,  # a worker killed mid-task leaves the message for another
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,  # OCR tasks are long: don't hoard them
    broker_connection_retry_on_startup=True,
    broker_transport_options={"visibility_timeout": 2 * 3600},
    task_ignore_result=True,
    worker_hijack_root_logger=False,
)

TRANSIENT = (StorageUnavailable, DatabaseUnavailable)


@celery_app.task(
    bind=True,
    name="sohoa.ocr_document",
    autoretry_for=TRANSIENT,
    retry_backoff=5,
    retry_backoff_max=300,
    max_retries=6,
)
def ocr_document(self: Task, document_id: str, job_id: str) -> None:
    rt = get_runtime()
    job = uuid.UUID(job_id)
    try:
        run_ocr_job(rt, job)
    except (IngestError, OcrError) as exc:
        # The file itself is at fault: retrying cannot help; tell the clerk why.
        fail_job(rt, job, exc.code, exc.message_vi, exc.message_en, str(exc))
    except TRANSIENT as exc:
        if self.request.retries >= (self.max_retries or 0):
            fail_job(rt, job, exc.code, exc.message_vi, exc.message_en, str(exc))
        raise
    except Exception as exc:
        log.exception("OCR of document %s failed", document_id)
        fail_job(
            rt,
            job,
            "processing_failed",
            "Xử lý tệp thất bại ngoài dự kiến; đã ghi nhật ký. Hãy tải lên lại hoặc báo quản trị.",
            "Processing failed unexpectedly; it was logged. Upload again or tell the operator.",
            repr(exc),
        )


@celery_app.task(
    bind=True,
    name="sohoa.sign_document",
    autoretry_for=(*TRANSIENT, TimestampUnavailable, RevocationInfoUnavailable),
    retry_backoff=5,
    retry_backoff_max=300,
    max_retries=5,
)
def sign_document(self: Task, job_id: str, level: str, copy_type: str | None = None) -> None:
    rt = get_runtime()
    job = uuid.UUID(job_id)
    try:
        sign_document_job(rt, job, level, copy_type)
    except (TimestampUnavailable, RevocationInfoUnavailable, *TRANSIENT) as exc:
        if self.request.retries >= (self.max_retries or 0):
            fail_job(rt, job, exc.code, exc.message_vi, exc.message_en, str(exc))
        raise
    except (SigningError, SigningNotConfigured) as exc:
        fail_job(rt, job, exc.code, exc.message_vi, exc.message_en, str(exc))


@celery_app.task(name="sohoa.renew_timestamps")
def renew_timestamps() -> str:
    """Beat: add fresh document timestamps to archived B-LTA files that need one."""
    rt = get_runtime()
    return str(renew_all(rt, rt.settings.renew_threshold_days))


@celery_app.task(name="sohoa.check_fixity")
def check_fixity_batch() -> str:
    """Beat: re-read the stored files of the longest unchecked documents (``api.fixity``)."""
    rt = get_runtime()
    summary = check_fixity(rt, limit=rt.settings.fixity_batch, log=log.warning)
    return f"{summary['documents']} documents, {summary['failed']} damaged or missing"


celery_app.conf.beat_schedule = {
    "renew-archive-timestamps": {"task": "sohoa.renew_timestamps", "schedule": 24 * 3600.0},
    "check-fixity": {"task": "sohoa.check_fixity", "schedule": 24 * 3600.0},
}


def enqueue_sign(job_id: uuid.UUID, level: str, copy_type: str | None = None) -> None:
    sign_document.apply_async(args=[str(job_id), level, copy_type], retry=False)


def enqueue_ocr(document_id: uuid.UUID, job_id: uuid.UUID) -> None:
    ocr_document.apply_async(args=[str(document_id), str(job_id)], retry=False)


@worker_process_init.connect
def _warm_up(**_: object) -> None:
    """Load what the first job of each worker process would otherwise wait for."""
    keep_freed_memory()
    try:
        warm_fonts()
        warm_up_signing(get_runtime())
    except (SigningError, SigningNotConfigured) as exc:  # reported when a job needs it
        log.warning("signing not warmed up: %s", exc)
    except Exception:  # never keep a worker from starting over a warm-up
        log.exception("warm-up failed")


@worker_ready.connect
def _requeue_stranded(**_: object) -> None:
    """Jobs recorded but never handed to the queue (broker down at upload) are sent again.

    Safe to repeat: a job that is done is skipped, and OCR overwrites rather than doubles.
    """
    for document_id, job_id in stale_queued_jobs(get_runtime(), older_than_s=120):
        log.info("re-enqueueing stranded job %s", job_id)
        enqueue_ocr(document_id, job_id)
