import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from .. import services


def fonts_of(reader):
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]))
            for descendant in font.get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.add("embedded:" + str(descriptor["/FontName"]))
    return names


@pytest.fixture
def her_pdf(client, seeker, make_resume, attended):
    make_resume(seeker)
    session = attended(seeker, title="职场礼仪与沟通")
    client.force_login(seeker)
    response = client.get(reverse("resumes:pdf"))
    return response, session


def test_her_pdf_has_her_name_course_certificate_and_contact(her_pdf):
    response, session = her_pdf
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages).replace(" ", "")
    assert "林小雨" in text and "重庆工商大学" in text and "审计助理" in text
    assert "职场礼仪与沟通" in text and f"{timezone.localtime(session.starts_at):%Y.%m.%d}" in text
    assert "13812345678" in text.replace("+86", "") and "xiaoyu@example.com" in text
    page = reader.pages[0]
    assert round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842  # A4


def test_the_pdf_embeds_a_cjk_font(her_pdf):
    reader = PdfReader(io.BytesIO(her_pdf[0].content))
    embedded = [name for name in fonts_of(reader) if name.startswith("embedded:")]
    assert any("Noto" in name or "CJK" in name for name in embedded), fonts_of(reader)


def test_a_pdf_without_contact_leaves_it_out(seeker, make_resume):
    resume = make_resume(seeker)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(services.pdf_bytes(resume, False))).pages)
    assert "林小雨" in text.replace(" ", "")
    assert "xiaoyu@example.com" not in text and "13812345678" not in text.replace(" ", "")


def test_rendering_fetches_no_remote_url(seeker, make_resume, monkeypatch):
    """Her text is escaped; and were a remote address ever in the HTML, the fetcher refuses it."""
    import urllib.request

    opened = []
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", lambda self, request, **kw: opened.append(request))
    resume = make_resume(seeker, statement='<img src="http://example.com/x.png">')
    assert services.pdf_bytes(resume, True).startswith(b"%PDF")
    html = '<p>林小雨</p><img src="http://example.com/x.png"><link rel="stylesheet" href="https://example.com/a.css">'
    assert services.html_to_pdf(html).startswith(b"%PDF")
    assert opened == []
