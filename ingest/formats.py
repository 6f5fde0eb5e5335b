"""Image formats read beyond Pillow's own: HEIF/HEIC, an iPhone's photos by default, through
pillow-heif (libheif with its HEVC decoder, in the wheel). Pillow reads WebP and AVIF itself.

Imported by the modules that open uploads, so the format is known wherever one is opened.
"""

from __future__ import annotations

from pillow_heif import register_heif_opener

# Pictures come 8-bit (an HDR photo's 10 bits scaled), and turned as the camera meant: the
# container's rotation is applied on decoding, and the EXIF orientation then says upright.
register_heif_opener()
