# The API and the OCR worker share one image; the compose file picks the command.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd poppler-utils qpdf ghostscript \
      libgl1 libglib2.0-0 fonts-liberation fonts-dejavu-core fonts-noto-core curl \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY ingest ingest
COPY ocr ocr
COPY signing signing
COPY archive archive
COPY api api
RUN pip install . && useradd --system --uid 10001 --home /app sohoa

USER sohoa
ENV SOHOA_STATE_DIR=/tmp/sohoa SOHOA_HOST=0.0.0.0
EXPOSE 8000
CMD ["uvicorn", "api.app:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000"]
