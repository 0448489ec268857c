"""Scans of certificates: private files, checked before they are stored.

A scan shows an artisan's certificate number, name and sometimes address: it is
kept outside MEDIA_ROOT (nothing serves it as public media) and read only through
the permission-checked view ``dashboard:certifications-scan``.
"""
from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

#: extension -> content type; the content is checked too, not only the name.
SCAN_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png"}


class PrivateStorage(FileSystemStorage):
    def url(self, name):
        # A scan has no public address: link to dashboard:certifications-scan.
        # Empty (not an error) so a generic file widget simply shows no link.
        return ""


def certification_scan_storage():
    """Callable storage (evaluated when models load, so settings overrides in tests apply)."""
    return PrivateStorage(location=settings.CERTIFICATION_SCAN_ROOT)


def certification_scan_path(instance, filename: str) -> str:
    # A random name: the file name an artisan chose says nothing we need and
    # must not collide with another product's scan.
    extension = os.path.splitext(filename)[1].lower().lstrip(".")
    return f"certifications/{uuid.uuid4().hex}.{extension}"


def _sniff(head: bytes) -> str:
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return ""


def certification_scan_validate(upload) -> None:
    """A PDF, JPEG or PNG no larger than CERTIFICATION_SCAN_MAX_BYTES, judged by its content."""
    limit = settings.CERTIFICATION_SCAN_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("This file is %(size)s; a scan may be at most %(limit)s. Scan at a lower resolution or save it as PDF."),
            code="scan_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    extension = os.path.splitext(upload.name or "")[1].lower().lstrip(".")
    position = upload.tell() if hasattr(upload, "tell") else None
    upload.seek(0)
    head = upload.read(8)
    upload.seek(position or 0)
    expected = SCAN_TYPES.get(extension)
    if expected is None or _sniff(head) != expected:
        raise ValidationError(
            _("Upload the scan as a PDF, JPEG or PNG file."), code="scan_type",
        )


def certification_scan_content_type(name: str) -> str:
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    return SCAN_TYPES.get(extension, "application/octet-stream")
