"""Uploaded documents read whole, not just their first bytes (jobs/uploads.py
calls these once the first bytes say "PDF" or "DOCX").

A DOCX is a zip: it is opened and inflated under limits (entries, total size,
ratio), so that a zip bomb costs us at most the limit; it must hold the Word
body, and nothing may follow the zip's end record. A PDF is parsed by pypdf: it
must parse, and it is refused when any object names JavaScript, a launch action
or an embedded file, or when HTML or a zip rides along with it (a polyglot that
a browser or an unzip tool would read as something else). Employers open these
files on their own machines: what reaches them is a plain document.
"""

import io
import logging
import re
import struct
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

MAX_ZIP_ENTRIES = 1_000
MAX_INFLATED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100
# Small parts of real documents (styles, settings) compress far better than 100:1;
# the ratio only matters where the inflated size would.
RATIO_APPLIES_ABOVE = 1024 * 1024
CHUNK = 64 * 1024
# Names whose presence makes a PDF do more than show pages.
FORBIDDEN_PDF_NAMES = {"/JS", "/JavaScript", "/Launch", "/EmbeddedFiles", "/EmbeddedFile", "/EF"}
# The same names written in the file's bytes, as a second look at what pypdf might not
# reach (objects outside the document's tree). A delimiter must follow the name.
RAW_FORBIDDEN = re.compile(rb"/(JS|JavaScript|Launch|EmbeddedFiles?)(?=[\s/<>\[\]()%]|$)")
HTML_MARKERS = re.compile(rb"<\s*(html|script|body|iframe|!doctype)\b", re.IGNORECASE)
# Where an unzip tool looks for a zip's end record: the last 64 KB (and the record itself).
ZIP_TAIL = 65_535 + 22
# A PDF with more objects than this is not a CV or a licence; walking it would only cost time.
MAX_PDF_OBJECTS = 50_000
END_OF_CENTRAL_DIRECTORY = b"PK\x05\x06"

logger = logging.getLogger(__name__)

UNREADABLE_DOCX = _("This Word document could not be opened. Please save it again as DOCX and upload it.")
UNREADABLE_PDF = _("This PDF could not be opened. Please save it again as a PDF and upload it.")
UNSAFE_PDF = _("This PDF contains scripts, actions or attached files, which we do not accept. Please save it "
               "again as a plain PDF (for example with “Print” → “Save as PDF”) and upload it.")
NOT_PLAIN = _("This file is not a plain PDF or Word document. Please save it again and upload it.")


def check_docx(data):
    """Raise ValidationError unless `data` (bytes) is a DOCX within the limits."""
    if not _ends_with_its_central_directory(data):
        raise ValidationError(NOT_PLAIN, code="not_plain")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise ValidationError(_("This Word document has too many parts (at most %(count)s).")
                                      % {"count": MAX_ZIP_ENTRIES}, code="zip_entries")
            names = {entry.filename for entry in entries}
            if not {"[Content_Types].xml", "word/document.xml"} <= names:
                raise ValidationError(UNREADABLE_DOCX, code="not_docx")
            # The sizes the headers claim first (cheap), then what really comes out.
            if sum(entry.file_size for entry in entries) > MAX_INFLATED_BYTES:
                raise _too_big_unpacked()
            inflated = 0
            for entry in entries:
                inflated += _inflate(archive, entry, MAX_INFLATED_BYTES - inflated)
    except ValidationError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError, ValueError,
            NotImplementedError):
        # Broken, encrypted (RuntimeError) or with an unknown compression method.
        raise ValidationError(UNREADABLE_DOCX, code="unreadable") from None


def _too_big_unpacked():
    return ValidationError(_("This Word document is too large once unpacked (at most %(size)s MB).")
                           % {"size": MAX_INFLATED_BYTES // (1024 * 1024)}, code="zip_bomb")


def _inflate(archive, entry, allowance):
    """Inflate one entry, counting; stop as soon as it passes the allowance or the ratio."""
    size = 0
    with archive.open(entry) as stream:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > allowance:
                raise _too_big_unpacked()
            if size > RATIO_APPLIES_ABOVE and size > MAX_RATIO * max(entry.compress_size, 1):
                raise _too_big_unpacked()
    return size


def _ends_with_its_central_directory(data):
    """Nothing after the zip's end record (and its comment): no file hidden behind it."""
    position = data.rfind(END_OF_CENTRAL_DIRECTORY)
    if position < 0 or len(data) - position < 22:
        return False
    (comment_length,) = struct.unpack("<H", data[position + 20:position + 22])
    return position + 22 + comment_length == len(data)


def check_pdf(data):
    """Raise ValidationError unless `data` (bytes) is a PDF that parses and only shows pages."""
    if not data.startswith(b"%PDF-"):
        raise ValidationError(NOT_PLAIN, code="not_plain")
    if HTML_MARKERS.search(data) or END_OF_CENTRAL_DIRECTORY in data[-ZIP_TAIL:] or _trails(data):
        raise ValidationError(NOT_PLAIN, code="not_plain")
    if RAW_FORBIDDEN.search(data):
        raise ValidationError(UNSAFE_PDF, code="unsafe_pdf")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(_("This PDF is protected by a password. Please upload it without one."),
                                  code="encrypted")
        if len(reader.pages) == 0:
            raise ValidationError(UNREADABLE_PDF, code="unreadable")
        names = _names_in(reader.trailer)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError,
            NotImplementedError, struct.error) as error:  # pypdf raises many kinds for a broken file
        logger.info("uploaded PDF refused: %s: %s", type(error).__name__, error)
        raise ValidationError(UNREADABLE_PDF, code="unreadable") from None
    if names & FORBIDDEN_PDF_NAMES:
        raise ValidationError(UNSAFE_PDF, code="unsafe_pdf")


def _trails(data):
    """Whether anything but white space follows the PDF's last end-of-file marker."""
    end = data.rfind(b"%%EOF")
    return end >= 0 and bool(data[end + 5:].strip(b"\r\n\t \x00"))


def _names_in(root):
    """Every name (dictionary keys and name values) in the objects reachable from `root`."""
    found, seen, stack = set(), set(), [root]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > MAX_PDF_OBJECTS:
                raise ValueError("too many objects")
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            found.update(str(key) for key in item)
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
        elif isinstance(item, NameObject):
            found.add(str(item))
    return found
