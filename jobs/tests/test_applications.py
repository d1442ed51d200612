"""Applying with a CV, who may read it, status changes and placements."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobs import services
from jobs.models import CV, Application, CVAccess, Placement
from jobs.tests.factories import PDF_BYTES, EmployerMemberFactory, JobPostingFactory, docx_bytes, pdf_upload
from portal.accounts.tests.factories import UserFactory
from portal.confirmation import CONFIRMING
from portal.errors import Conflict

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def job():
    return JobPostingFactory()


def test_apply_with_a_pdf(client, seeker, job, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jobs:apply", args=[job.pk]),
                               {"cv_file": pdf_upload("../../我的简历.pdf"), "cover_note": "您好<script>x</script>"})
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.seeker == seeker and application.cover_note == "您好"
    assert application.cv.original_name == "我的简历.pdf"
    # Stored under a random name outside the public media directory.
    assert "我的简历" not in application.cv.file.name
    assert str(application.cv.file.path).startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not str(application.cv.file.path).startswith(str(settings.MEDIA_ROOT))
    assert len(mailoutbox) == 1 and job.title in mailoutbox[0].subject


@pytest.mark.parametrize(("upload", "message"), [
    (SimpleUploadedFile("virus.pdf", b"MZ" + b"\x00" * 200), "PDF"),
    (SimpleUploadedFile("empty.pdf", b""), ""),
    (SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * (6 * 1024 * 1024)), "5 MB"),
])
def test_bad_cv_is_refused_and_nothing_saved(client, seeker, job, upload, message):
    response = client.post(reverse("jobs:apply", args=[job.pk]), {"cv_file": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Application.objects.count() == 0 and CV.objects.count() == 0


def test_one_application_per_job(client, seeker, job):
    client.post(reverse("jobs:apply", args=[job.pk]), {"cv_file": pdf_upload()})
    response = client.post(reverse("jobs:apply", args=[job.pk]), {"cv_file": pdf_upload()}, follow=True)
    assert Application.objects.count() == 1
    assert "already applied" in response.content.decode() or "已经申请" in response.content.decode()
    with pytest.raises(Conflict):
        services.apply(job.pk, seeker, upload=pdf_upload())


def test_cv_is_readable_by_owner_and_the_employer_only(client, seeker, job):
    client.post(reverse("jobs:apply", args=[job.pk]), {"cv_file": SimpleUploadedFile("cv.docx", docx_bytes())})
    cv = CV.objects.get()
    url = reverse("jobs:cv", args=[cv.pk])
    assert client.get(url).status_code == 200
    assert CVAccess.objects.count() == 0  # her own reads are not logged

    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    other_employer = EmployerMemberFactory()
    client.force_login(other_employer.user)
    assert client.get(url).status_code == 404

    member = EmployerMemberFactory(employer=job.employer)
    client.force_login(member.user)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")
    assert list(CVAccess.objects.values_list("user", flat=True)) == [member.user.pk]

    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_other_peoples_applications_are_404(client, seeker, job):
    other = UserFactory()
    application = services.apply(job.pk, other, upload=pdf_upload())
    assert client.get(reverse("jobs:withdraw", args=[application.pk])).status_code == 404
    assert client.post(reverse("jobs:withdraw", args=[application.pk])).status_code == 404
    assert client.post(reverse("jobs:withdraw", args=[application.pk]), CONFIRMING).status_code == 404
    assert client.post(reverse("jobs:application_status", args=[application.pk]),
                       {"status": "hired"}).status_code == 404
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_withdraw_own_application(client, seeker, job):
    application = services.apply(job.pk, seeker, upload=pdf_upload())
    url = f"/jobs/applications/{application.pk}/withdraw/"
    assert url in client.get("/me/").content.decode()  # a link to the confirmation page
    for response in (client.get(url), client.post(url)):
        html = response.content.decode()
        assert response.status_code == 200 and "confirm.html" in [t.name for t in response.templates]
        assert job.title in html and job.employer.name in html and "确认撤回" in html
        assert "您将不能再申请这个岗位。" in html and 'href="/me/"' in html
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    response = client.post(url, CONFIRMING)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    # Once withdrawn, the page says it can no longer be done and offers no button.
    page = client.get(url)
    assert page.status_code == 409 and "该申请已无法撤回。" in page.content.decode()
    assert 'name="confirm"' not in page.content.decode()


def test_employer_moves_application_to_hired_and_counter_goes_up(client, job, home_page, mailoutbox,
                                                                django_capture_on_commit_callbacks):
    seeker = UserFactory()
    application = services.apply(job.pk, seeker, upload=pdf_upload())
    member = EmployerMemberFactory(employer=job.employer)
    client.force_login(member.user)
    home_page.counters = [("counter", {"number": 100, "source": "placements", "suffix": "", "label": "名女性就业"})]
    home_page.save_revision().publish()
    assert ">100<" in client.get("/").content.decode()

    # Straight to hired is not a valid step; interview first.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("jobs:application_status", args=[application.pk]), {"status": "hired"})
        application.refresh_from_db()
        assert application.status == Application.Status.SUBMITTED
        for status in ("interview", "hired"):
            client.post(reverse("jobs:application_status", args=[application.pk]), {"status": status})
    application.refresh_from_db()
    assert application.status == Application.Status.HIRED
    placement = Placement.objects.get()
    assert placement.employer == job.employer and placement.salary_band == "5k-8k"
    assert [m.to for m in mailoutbox] == [[seeker.email], [seeker.email]]
    assert ">101<" in client.get("/").content.decode()


def test_api_job_endpoints(client, seeker, job):
    assert client.get(f"/api/v1/jobs/{job.pk}").json()["title"] == job.title
    assert client.get("/api/v1/jobs/999999").status_code == 404
    response = client.post(f"/api/v1/jobs/{job.pk}/applications", {"cv": pdf_upload(), "cover_note": "您好"})
    assert response.status_code == 201, response.content
    again = client.post(f"/api/v1/jobs/{job.pk}/applications", {"cv": pdf_upload()})
    assert again.status_code == 409 and again.json()["code"] == "already_applied"
    fake = client.post(f"/api/v1/jobs/{JobPostingFactory().pk}/applications",
                       {"cv": SimpleUploadedFile("x.pdf", b"MZ....")})
    assert fake.status_code == 400 and fake.json()["code"] == "bad_type"
    client.logout()
    assert client.post(f"/api/v1/jobs/{job.pk}/applications", {"cv_id": 1}).status_code == 401


def test_editor_moves_applications_for_any_employer(client, job, mailoutbox, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Group

    application = services.apply(job.pk, UserFactory(), upload=pdf_upload())
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    page = client.get(reverse("jobs:employer_posting", args=[job.pk])).content.decode()
    assert application.seeker.email in page or application.seeker.get_full_name() in page
    assert reverse("jobs:employer_close", args=[job.pk]) not in page  # closing is the employer's
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("jobs:application_status", args=[application.pk]), {"status": "viewed"})
    application.refresh_from_db()
    assert application.status == Application.Status.VIEWED
    assert [message.to for message in mailoutbox] == [[application.seeker.email]]
