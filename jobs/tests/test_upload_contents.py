"""Uploads are read whole (jobs/document_checks.py): the malicious files of issue 15,
generated here, are refused with a clear message; real documents pass."""

import io
import struct
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from jobs.document_checks import MAX_ZIP_ENTRIES, RAW_FORBIDDEN, check_docx, check_pdf
from jobs.tests.factories import PDF_BYTES, docx_bytes
from jobs.uploads import validate_cv, validate_licence

DOCX_PARTS = {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}


def refused(check, data):
    """The refusal, its message in Chinese as she reads it."""
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        check(data)
    return error.value


def cv(content, name="简历"):
    return validate_cv(SimpleUploadedFile(name, content))


def zip_of(entries, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in entries:
            archive.writestr(name, content)
    return buffer.getvalue()


def written_pdf(change):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_real_documents_pass():
    assert cv(PDF_BYTES)[0] == "pdf"
    assert cv(docx_bytes())[0] == "docx"
    # A real document's parts: some compress far better than 100:1, and that is fine.
    styles = "<w:styles>" + "<w:style/>" * 20_000 + "</w:styles>"
    assert cv(zip_of([*DOCX_PARTS.items(), ("word/styles.xml", styles)]))[0] == "docx"


def test_a_zip_bomb_docx_is_refused():
    """1 GiB of zeros, deflated as it is written: about a megabyte on the wire."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in DOCX_PARTS.items():
            archive.writestr(name, content)
        with archive.open("word/media/image1.png", "w", force_zip64=True) as member:
            block = bytes(1024 * 1024)
            for _ in range(1024):
                member.write(block)
    bomb = buffer.getvalue()
    assert len(bomb) < 5 * 1024 * 1024
    error = refused(cv, bomb)
    assert error.code == "zip_bomb"
    assert "解压后" in str(error.message)


def test_a_bomb_whose_headers_lie_about_its_size_is_refused():
    """The headers claim 1 KB; inflating is what tells, and it stops at the limit."""
    data = bytearray(zip_of([*DOCX_PARTS.items(), ("word/media/big.bin", bytes(60 * 1024 * 1024))]))
    claimed = struct.pack("<I", 1024)
    local = data.rfind(b"PK\x03\x04", 0, data.find(b"word/media/big.bin"))
    data[local + 22:local + 26] = claimed
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"word/media/big.bin"))
    data[central + 24:central + 28] = claimed
    assert refused(check_docx, bytes(data)).code in {"zip_bomb", "unreadable"}


def test_forty_thousand_entries_are_refused():
    many = zip_of([*DOCX_PARTS.items(), *((f"p/{number}", b"") for number in range(40_000))],
                  compression=zipfile.ZIP_STORED)
    assert len(many) < 5 * 1024 * 1024
    error = refused(cv, many)
    assert error.code == "zip_entries"
    assert str(MAX_ZIP_ENTRIES) in str(error.message)


def test_a_zip_without_the_word_body_is_refused():
    assert refused(check_docx, zip_of([("[Content_Types].xml", "<Types/>")])).code == "not_docx"


@pytest.mark.parametrize(("name", "content"), [
    ("pdf + html", b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n"),
    ("pdf with html inside", PDF_BYTES.replace(b"%%EOF", b"<!DOCTYPE html><p>hi</p>\n%%EOF")),
    ("pdf + zip appended", PDF_BYTES + docx_bytes()),
    ("docx + pdf appended", docx_bytes() + PDF_BYTES),
    ("pdf + anything after its end", PDF_BYTES + b"MZ\x90\x00 an executable"),
])
def test_polyglots_are_refused(name, content):
    error = refused(cv, content)
    assert error.code == "not_plain", name


def test_bytes_before_the_pdf_header_are_refused():
    assert refused(cv, b"<html>" + PDF_BYTES).code == "bad_type"
    assert refused(check_pdf, b" " + PDF_BYTES).code == "not_plain"


@pytest.mark.parametrize("content", [b"%PDF-1.7\n this is not a PDF at all", PDF_BYTES[:120]])
def test_a_pdf_that_does_not_parse_is_refused(content):
    assert refused(cv, content).code == "unreadable"


def _open_action(writer, action, key, value):
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject(action), NameObject(key): TextStringObject(value)})


def _javascript(writer):
    _open_action(writer, "/JavaScript", "/JS", "app.alert('hi');")


def _launch(writer):
    _open_action(writer, "/Launch", "/F", "cmd.exe")


def _attachment(writer):
    writer.add_attachment("invoice.exe", b"MZ\x90\x00")


@pytest.mark.parametrize("change", [_javascript, _launch, _attachment], ids=["javascript", "launch", "attachment"])
def test_active_pdfs_are_refused_for_cvs_and_licences(change):
    content = written_pdf(change)
    assert refused(cv, content).code == "unsafe_pdf"
    error = refused(validate_licence, SimpleUploadedFile("执照.pdf", content))
    assert error.code == "unsafe_pdf"
    assert "脚本" in str(error.message)


def test_a_name_written_with_escapes_is_still_read():
    """/J#61vaScript is /JavaScript to a reader: the parsed names are what count."""
    content = written_pdf(_javascript)
    hidden = content.replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS ", b"/J#53 ")
    assert not RAW_FORBIDDEN.search(hidden)
    assert refused(check_pdf, hidden).code == "unsafe_pdf"
