import datetime
import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from jobs.credit_code import example_code
from jobs.models import Employer, EmployerMember, JobPosting
from jobs.services import screen_posting
from portal.accounts.tests.factories import UserFactory


def pdf_bytes(subject=""):
    """A real one-page PDF (uploads are parsed whole); `subject` pads it where needed."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if subject:
        writer.add_metadata({"/Subject": subject})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_of_size(size):
    """A valid PDF of exactly `size` bytes."""
    padding = 1
    while (length := len(pdf_bytes("x" * padding))) != size:
        padding += size - length
    return pdf_bytes("x" * padding)


PDF_BYTES = pdf_bytes()


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def pdf_upload(name="简历.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class EmployerFactory(factory.django.DjangoModelFactory):
    """A verified employer with a valid credit code; EmployerFactory(verified=False)
    for one that is not, or verification_status=... for a given state."""

    class Meta:
        model = Employer

    class Params:
        verified = True

    name = factory.Sequence(lambda n: f"永川测试企业{n}有限公司")
    # A series of its own ("MA5T…"), apart from the demo employers' codes.
    credit_code = factory.Sequence(lambda n: example_code(n, prefix="MA5T"))
    industry = "finance"
    district = "永川"
    contact_email = factory.Sequence(lambda n: f"hr{n}@employer.example")
    verification_status = factory.LazyAttribute(
        lambda o: Employer.Verification.VERIFIED if o.verified else Employer.Verification.UNVERIFIED)


class EmployerMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployerMember

    user = factory.SubFactory(UserFactory)
    employer = factory.SubFactory(EmployerFactory)


class JobPostingFactory(factory.django.DjangoModelFactory):
    """A visible posting unless told otherwise."""

    class Meta:
        model = JobPosting

    employer = factory.SubFactory(EmployerFactory)
    title = "财务会计助理"
    district = "永川"
    industry = "finance"
    job_type = "full_time"
    salary_min = 4000
    salary_max = 6000
    description = "负责日常账务处理。"
    requirements = "会计相关专业，应届毕业生可投递。"
    status = JobPosting.Status.APPROVED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Screened before it is saved, as the site and the admin do.
        posting = model_class(*args, **kwargs)
        screen_posting(posting)
        posting.save()
        return posting
