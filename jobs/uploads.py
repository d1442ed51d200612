"""Checks on uploaded CVs and business licences: the type comes from the bytes, never the
name, and a PDF or DOCX is then read whole (document_checks.py)."""

import io
import os
import re
import unicodedata
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image

from .document_checks import check_docx, check_pdf

MAX_CV_BYTES = 5 * 1024 * 1024
# A phone's photo of a licence is a few megabytes; a scanned PDF may be more.
MAX_LICENCE_BYTES = 10 * 1024 * 1024
LICENCE_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
# Bidirectional controls can make "cv‮fdp.exe" display as "cvexe.pdf".
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def detect_kind(head, fileobj):
    """'pdf' or 'docx' from the content, else None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        fileobj.seek(0)
        try:
            with zipfile.ZipFile(fileobj) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "docx"
    return None


def detect_licence_kind(head, fileobj):
    """'pdf', 'jpeg' or 'png' from the content, else None. An image must also open
    as one: a JPEG or PNG header in front of anything else is not an image."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    kind = "jpeg" if head.startswith(b"\xff\xd8\xff") else "png" if head.startswith(b"\x89PNG\r\n\x1a\n") else None
    if kind is None:
        return None
    fileobj.seek(0)
    try:
        with Image.open(fileobj, formats=[kind.upper()]) as image:
            image.verify()
    except Exception:  # Pillow raises many kinds of errors for broken files
        return None
    return kind


def clean_filename(name, kind, default="cv"):
    """A safe display name: no directories, control or bidi characters, and the
    extension of what the file really is."""
    name = unicodedata.normalize("NFC", name or "")
    name = _BIDI.sub("", name)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = os.path.basename(name.replace("\\", "/")).strip().lstrip(".")
    stem = os.path.splitext(name)[0].strip() or default
    stem = re.sub(r"[^\w\u4e00-\u9fff .()-]+", "_", stem)[:80].strip(" ._") or default
    return f"{stem}.{kind}"


def _check_presence_and_size(uploaded, missing, limit, too_large):
    if uploaded is None:
        raise ValidationError(missing, code="missing")
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if uploaded.size > limit:
        raise ValidationError(too_large, code="too_large")


def validate_cv(uploaded):
    """Return (kind, safe_name) for an acceptable CV upload, else raise ValidationError."""
    _check_presence_and_size(uploaded, _("Please choose a CV file."), MAX_CV_BYTES, _("The file is larger than 5 MB."))
    uploaded.seek(0)
    data = uploaded.read()  # at most MAX_CV_BYTES, checked above
    uploaded.seek(0)
    kind = detect_kind(data[:8], io.BytesIO(data))
    if kind is None:
        raise ValidationError(_("Please upload a PDF or Word (DOCX) document."), code="bad_type")
    (check_pdf if kind == "pdf" else check_docx)(data)
    return kind, clean_filename(uploaded.name, kind)


def validate_licence(uploaded):
    """Return (kind, safe_name) for an acceptable business licence (a photo or scan:
    JPEG, PNG or PDF), else raise ValidationError."""
    _check_presence_and_size(uploaded, _("Please upload the business licence."), MAX_LICENCE_BYTES,
                             _("The file is larger than 10 MB."))
    uploaded.seek(0)
    kind = detect_licence_kind(uploaded.read(8), uploaded)
    uploaded.seek(0)
    if kind is None:
        raise ValidationError(_("Please upload a photo (JPEG or PNG) or a PDF of the business licence."),
                              code="bad_type")
    if kind == "pdf":
        check_pdf(uploaded.read())  # at most MAX_LICENCE_BYTES, checked above
        uploaded.seek(0)
    return kind, clean_filename(uploaded.name, "jpg" if kind == "jpeg" else kind, default="licence")
