# syntax=docker/dockerfile:1.7
# Two images from one file:
#   default (last stage, `app`): the API (`sohoa serve`) and, with another command, the Celery worker
#   --target minio: the MinIO server built from source at the pin api/services/minio.py uses
#                   (MinIO no longer publishes community images; a test keeps the pins equal).

ARG MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c

# --- MinIO ------------------------------------------------------------------------------
FROM golang:1.24-bookworm AS minio-build
ARG MINIO_VERSION
RUN CGO_ENABLED=0 go install "github.com/minio/minio@${MINIO_VERSION}"

FROM debian:bookworm-slim AS minio
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10002 --home-dir /data minio \
 && mkdir -p /data && chown minio:minio /data
COPY --from=minio-build /go/bin/minio /usr/local/bin/minio
USER minio
EXPOSE 9000 9001
ENTRYPOINT ["minio"]
CMD ["server", "/data", "--address", ":9000", "--console-address", ":9001"]

# --- Python wheels (compilers stay in this stage) ----------------------------------------
FROM python:3.11-slim-bookworm AS wheels
# tesserocr is built against Debian's libtesseract, the engine of the tesseract program.
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential pkg-config \
      libtesseract-dev libleptonica-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml README.md constraints.txt ./
COPY ingest ingest
COPY ocr ocr
COPY signing signing
COPY archive archive
COPY api api
RUN pip wheel --no-cache-dir --no-binary tesserocr -c constraints.txt --wheel-dir /wheels .

# --- the application ----------------------------------------------------------------------
FROM python:3.11-slim-bookworm AS app
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
# Tesseract with Vietnamese and orientation data, PDF tools, OpenCV's shared libraries, and
# fonts with full Vietnamese coverage for stamps and generated PDFs.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd \
      poppler-utils qpdf ghostscript unpaper \
      libgl1 libglib2.0-0 \
      fonts-liberation fonts-dejavu-core fonts-noto-core \
 && rm -rf /var/lib/apt/lists/*
COPY --from=wheels /wheels /wheels
RUN pip install --no-index --find-links /wheels sohoa && rm -rf /wheels
RUN useradd --system --uid 10001 --create-home --home-dir /home/sohoa sohoa \
 && mkdir -p /var/lib/sohoa && chown sohoa:sohoa /var/lib/sohoa
USER sohoa
WORKDIR /var/lib/sohoa
# Inside a container the API listens on all interfaces; the compose file publishes it on loopback.
ENV SOHOA_STATE_DIR=/var/lib/sohoa \
    SOHOA_HOST=0.0.0.0 \
    SOHOA_API_PORT=8000
EXPOSE 8000
CMD ["sohoa", "serve"]
