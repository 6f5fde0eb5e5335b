"""The object store. ``Storage`` is the small interface the rest of the code sees;
``MinioStorage`` is the one module that talks to MinIO (or any S3) through the minio SDK.

Every object is written with its SHA-256, recorded as ``sha256:<hex>``, and can be checked
on read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol

import urllib3
from minio import Minio
from minio.error import MinioException, S3Error

from .errors import ObjectMissing, StorageUnavailable

CHUNK = 1024 * 1024


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            digest.update(block)
    return f"sha256:{digest.hexdigest()}"


def sha256_bytes(data: bytes) -> str:
    return f"sha256:{hashlib.sha256(data).hexdigest()}"


@dataclass(frozen=True)
class StoredObject:
    key: str
    size: int
    checksum: str


@dataclass(frozen=True)
class StorageOptions:
    endpoint: str
    """host:port of the S3 endpoint."""
    access_key: str
    secret_key: str
    bucket: str
    secure: bool = False
    timeout_s: float = 30.0


class Storage(Protocol):
    def ensure_bucket(self) -> None: ...
    def put_file(self, key: str, path: Path, content_type: str, checksum: str) -> StoredObject: ...
    def exists(self, key: str) -> bool: ...
    def size(self, key: str) -> int: ...
    def open_range(
        self, key: str, start: int = 0, length: int | None = None
    ) -> Iterator[bytes]: ...
    def download(self, key: str, dest: Path) -> None: ...
    def checksum(self, key: str) -> str: ...
    def healthy(self) -> bool: ...


class MinioStorage:
    """``Storage`` on MinIO with the official SDK."""

    def __init__(self, options: StorageOptions) -> None:
        self._options = options
        http = urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=5.0, read=options.timeout_s),
            retries=urllib3.Retry(total=3, backoff_factor=0.3, status_forcelist=(502, 503, 504)),
            maxsize=16,
        )
        self._client = Minio(
            options.endpoint,
            access_key=options.access_key,
            secret_key=options.secret_key,
            secure=options.secure,
            http_client=http,
        )
        self.bucket = options.bucket

    def ensure_bucket(self) -> None:
        try:
            if not self._client.bucket_exists(self.bucket):
                self._client.make_bucket(self.bucket)
        except S3Error as exc:
            if exc.code not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                raise StorageUnavailable(str(exc)) from exc
        except (MinioException, urllib3.exceptions.HTTPError, OSError) as exc:
            raise StorageUnavailable(str(exc)) from exc

    def put_file(self, key: str, path: Path, content_type: str, checksum: str) -> StoredObject:
        """Upload ``path`` under ``key``; the SHA-256 also rides along as object metadata."""
        try:
            result = self._client.fput_object(
                self.bucket,
                key,
                str(path),
                content_type=content_type,
                metadata={"x-amz-meta-sha256": checksum.removeprefix("sha256:")},
            )
        except (MinioException, urllib3.exceptions.HTTPError, OSError) as exc:
            raise StorageUnavailable(str(exc)) from exc
        del result
        return StoredObject(key=key, size=path.stat().st_size, checksum=checksum)

    def _stat(self, key: str) -> Any:
        try:
            return self._client.stat_object(self.bucket, key)
        except S3Error as exc:
            if exc.code in ("NoSuchKey", "NoSuchObject", "NoSuchBucket"):
                raise ObjectMissing(key) from exc
            raise StorageUnavailable(str(exc)) from exc
        except (MinioException, urllib3.exceptions.HTTPError, OSError) as exc:
            raise StorageUnavailable(str(exc)) from exc

    def exists(self, key: str) -> bool:
        try:
            self._stat(key)
        except ObjectMissing:
            return False
        return True

    def size(self, key: str) -> int:
        return int(self._stat(key).size or 0)

    def open_range(self, key: str, start: int = 0, length: int | None = None) -> Iterator[bytes]:
        """Stream ``length`` bytes from ``start``; the connection is released when done."""
        try:
            response = self._client.get_object(self.bucket, key, offset=start, length=length or 0)
        except S3Error as exc:
            if exc.code in ("NoSuchKey", "NoSuchObject", "NoSuchBucket"):
                raise ObjectMissing(key) from exc
            raise StorageUnavailable(str(exc)) from exc
        except (MinioException, urllib3.exceptions.HTTPError, OSError) as exc:
            raise StorageUnavailable(str(exc)) from exc

        def _chunks() -> Iterator[bytes]:
            try:
                yield from response.stream(CHUNK)
            finally:
                response.close()
                response.release_conn()

        return _chunks()

    def download(self, key: str, dest: Path) -> None:
        with dest.open("wb") as fh:
            for chunk in self.open_range(key):
                fh.write(chunk)

    def checksum(self, key: str) -> str:
        """Re-read the object and compute its SHA-256 (fixity check)."""
        digest = hashlib.sha256()
        for chunk in self.open_range(key):
            digest.update(chunk)
        return f"sha256:{digest.hexdigest()}"

    def healthy(self) -> bool:
        try:
            self._client.bucket_exists(self.bucket)
        except (MinioException, urllib3.exceptions.HTTPError, OSError):
            return False
        return True


def copy_stream(chunks: Iterator[bytes], out: BinaryIO) -> int:
    written = 0
    for chunk in chunks:
        out.write(chunk)
        written += len(chunk)
    return written
