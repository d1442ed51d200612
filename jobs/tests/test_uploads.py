"""CV uploads: the type comes from the bytes, names are made safe, limits hold."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from jobs.tests.factories import PDF_BYTES, docx_bytes, pdf_of_size
from jobs.uploads import MAX_CV_BYTES, clean_filename, validate_cv


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_pdf_and_docx_are_recognised_by_content():
    assert validate_cv(upload("cv.pdf", PDF_BYTES)) == ("pdf", "cv.pdf")
    assert validate_cv(upload("我的简历.docx", docx_bytes())) == ("docx", "我的简历.docx")
    # A PDF named .docx is stored as what it is.
    assert validate_cv(upload("cv.docx", PDF_BYTES)) == ("pdf", "cv.pdf")


@pytest.mark.parametrize(("name", "content", "code"), [
    ("virus.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100, "bad_type"),  # an .exe renamed .pdf
    ("empty.pdf", b"", "empty"),
    ("big.pdf", PDF_BYTES + b"0" * (6 * 1024 * 1024), "too_large"),
    ("notes.docx", b"PK\x03\x04not really a zip", "bad_type"),
    ("page.pdf", b"<html><script>alert(1)</script></html>", "bad_type"),
])
def test_bad_files_are_refused(name, content, code):
    with pytest.raises(ValidationError) as error:
        validate_cv(upload(name, content))
    assert error.value.code == code


def test_size_limit_is_five_megabytes():
    assert MAX_CV_BYTES == 5 * 1024 * 1024
    exactly = pdf_of_size(MAX_CV_BYTES)
    assert validate_cv(upload("cv.pdf", exactly))[0] == "pdf"


@pytest.mark.parametrize(("name", "expected"), [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("..\\..\\windows\\cv.pdf", "cv.pdf"),
    ("cv\x00\x07name.pdf", "cvname.pdf"),
    ("resume\u202efdp.exe", "resumefdp.pdf"),  # right-to-left override hides ".exe"
    (".hidden.pdf", "hidden.pdf"),
    ("", "cv.pdf"),
    ("<script>.pdf", "script.pdf"),
])
def test_file_names_are_sanitised(name, expected):
    assert clean_filename(name, "pdf") == expected
