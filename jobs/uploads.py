"""Checks on uploaded CVs: the type comes from the bytes, never the name."""

import io
import os
import re
import unicodedata
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_CV_BYTES = 5 * 1024 * 1024
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


def clean_filename(name, kind):
    """A safe display name: no directories, control or bidi characters, and the
    extension of what the file really is."""
    name = unicodedata.normalize("NFC", name or "")
    name = _BIDI.sub("", name)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = os.path.basename(name.replace("\\", "/")).strip().lstrip(".")
    stem = os.path.splitext(name)[0].strip() or "cv"
    stem = re.sub(r"[^\w\u4e00-\u9fff .()-]+", "_", stem)[:80].strip(" ._") or "cv"
    return f"{stem}.{kind}"


def validate_cv(uploaded):
    """Return (kind, safe_name) for an acceptable CV upload, else raise ValidationError."""
    if uploaded is None:
        raise ValidationError(_("Please choose a CV file."), code="missing")
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if uploaded.size > MAX_CV_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."), code="too_large")
    uploaded.seek(0)
    head = uploaded.read(8)
    data = io.BytesIO(head + uploaded.read()) if head.startswith(b"PK") else None
    kind = detect_kind(head, data or uploaded)
    uploaded.seek(0)
    if kind is None:
        raise ValidationError(_("Please upload a PDF or Word (DOCX) document."), code="bad_type")
    return kind, clean_filename(uploaded.name, kind)
