"""Applying with a CV, who may read what, the employer's decisions, withdrawal and placements."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from jobs import applications
from jobs.models import CV, Application, CVAccess, Placement
from jobs.tests.factories import PDF_BYTES, EmployerMemberFactory, JobPostingFactory, docx_bytes, pdf_upload
from portal import dates
from portal.accounts.models import AccessRecord
from portal.accounts.tests.factories import UserFactory
from portal.confirmation import CONFIRMING
from portal.errors import Conflict
from portal.notifications.models import Notification

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
    assert response["Location"] == reverse("my_applications:detail", args=[application.pk])
    assert application.seeker == seeker and application.cover_note == "您好"
    assert application.cv.original_name == "我的简历.pdf"
    # Stored under a random name outside the public media directory.
    assert "我的简历" not in application.cv.file.name
    assert str(application.cv.file.path).startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not str(application.cv.file.path).startswith(str(settings.MEDIA_ROOT))
    # She hears it was sent (with the date the answer is due); the employer hears of a new applicant.
    mine, theirs = mailoutbox
    assert mine.to == [seeker.email] and job.title in mine.subject
    assert dates.day(application.answer_due_at, "zh-hans") in mine.body
    assert theirs.to == [job.employer.contact_email] and "新的申请" in theirs.subject
    assert [event.kind for event in application.events.all()] == ["sent"]
    assert application.answer_due_at == application.created_at + timedelta(days=14)


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
        applications.apply(job.pk, seeker, upload=pdf_upload())


def test_cv_is_readable_by_owner_and_the_employer_only(client, seeker, job):
    client.post(reverse("jobs:apply", args=[job.pk]), {"cv_file": SimpleUploadedFile("cv.docx", docx_bytes())})
    cv = CV.objects.get()
    application = Application.objects.get()
    url = reverse("jobs:cv", args=[cv.pk])
    per_application = reverse("jobs:applicant_cv", args=[application.pk])
    assert client.get(url).status_code == 200
    assert client.get(per_application).status_code == 404  # the employer's address, not hers
    assert CVAccess.objects.count() == 0  # her own reads are not logged

    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    assert client.get(per_application).status_code == 404
    other_employer = EmployerMemberFactory()
    client.force_login(other_employer.user)
    assert client.get(url).status_code == 404
    assert client.get(per_application).status_code == 404

    member = EmployerMemberFactory(employer=job.employer)
    client.force_login(member.user)
    assert client.get(url).status_code == 404  # employers read CVs per application only
    response = client.get(per_application)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")
    assert list(CVAccess.objects.values_list("user", flat=True)) == [member.user.pk]
    record = AccessRecord.objects.get(subject=seeker)
    assert record.reader == member.user and record.what == "cv" and record.context == f"application {application.pk}"

    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_other_peoples_applications_are_404(client, seeker, job):
    other = UserFactory()
    application = applications.apply(job.pk, other, upload=pdf_upload())
    assert client.get(reverse("jobs:withdraw", args=[application.pk])).status_code == 404
    assert client.post(reverse("jobs:withdraw", args=[application.pk])).status_code == 404
    assert client.post(reverse("jobs:withdraw", args=[application.pk]), CONFIRMING).status_code == 404
    assert client.post(reverse("jobs:applicant_decide", args=[application.pk]),
                       {"decision": "hired"}).status_code == 404
    assert client.get(reverse("jobs:applicant", args=[application.pk])).status_code == 404
    assert client.get(reverse("my_applications:detail", args=[application.pk])).status_code == 404
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_withdraw_own_application(client, seeker, job):
    application = applications.apply(job.pk, seeker, upload=pdf_upload())
    url = f"/jobs/applications/{application.pk}/withdraw/"
    assert url in client.get("/me/").content.decode()  # a link to the confirmation page
    for response in (client.get(url), client.post(url)):
        html = response.content.decode()
        assert response.status_code == 200 and "confirm.html" in [t.name for t in response.templates]
        assert job.title in html and job.employer.name in html and "确认撤回" in html
        assert "你将不能再申请这个岗位。" in html and 'href="/me/"' in html
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


def test_employer_moves_application_to_hired_and_counter_goes_up_once_she_confirms(client, job, home_page, mailoutbox,
                                                                django_capture_on_commit_callbacks):
    seeker = UserFactory()
    application = applications.apply(job.pk, seeker, upload=pdf_upload())
    member = EmployerMemberFactory(employer=job.employer)
    client.force_login(member.user)
    # The number typed in is not added to a live count.
    home_page.counters = [("counter", {"number": 100, "source": "placements", "suffix": "", "label": "名女性就业"})]
    home_page.save_revision().publish()
    assert ">0<" in client.get("/").content.decode()
    mailoutbox.clear()

    decide = reverse("jobs:applicant_decide", args=[application.pk])
    with django_capture_on_commit_callbacks(execute=True):
        # Straight to hired is not a step: an offer (or an interview) first.
        assert client.post(decide, {"decision": "hired"}).status_code == 409
        application.refresh_from_db()
        assert application.status == Application.Status.SUBMITTED
        for decision in ("offer", "hired"):
            assert client.post(decide, {"decision": decision, "message": "欢迎加入。"}).status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.HIRED and application.closed_at and application.answered_at
    placement = Placement.objects.get()
    assert placement.employer == job.employer and placement.salary_band == "5k-8k"
    assert [m.to for m in mailoutbox] == [[seeker.email], [seeker.email]]
    assert "录用通知" in mailoutbox[0].subject and "欢迎加入。" in mailoutbox[0].body
    # Hired asks her to confirm: the live counter shows only what counts, not the number typed in.
    assert "请确认" in mailoutbox[1].subject and "欢迎加入。" in mailoutbox[1].body
    assert f"/me/placements/{placement.pk}/" in mailoutbox[1].body
    assert ">0<" in client.get("/").content.decode()
    client.force_login(seeker)
    assert client.post(reverse("my_placements:answer", args=[placement.pk]), {"choice": "confirm"}).status_code == 302
    assert ">1<" in client.get("/").content.decode()
    client.force_login(member.user)
    # A decision on a final application: 409, nothing changes.
    assert client.post(decide, {"decision": "rejected", "reason": "skills"}).status_code == 409


def test_api_job_endpoints(client, seeker, job):
    assert client.get(f"/api/v1/jobs/{job.pk}").json()["title"] == job.title
    assert client.get("/api/v1/jobs/999999").status_code == 404
    response = client.post(f"/api/v1/jobs/{job.pk}/applications", {"cv": pdf_upload(), "cover_note": "您好"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "submitted" and body["status_label"] == "已投递" and body["answer_due_at"]
    again = client.post(f"/api/v1/jobs/{job.pk}/applications", {"cv": pdf_upload()})
    assert again.status_code == 409 and again.json()["code"] == "already_applied"
    fake = client.post(f"/api/v1/jobs/{JobPostingFactory().pk}/applications",
                       {"cv": SimpleUploadedFile("x.pdf", b"MZ....")})
    assert fake.status_code == 400 and fake.json()["code"] == "bad_type"
    nothing = client.post(f"/api/v1/jobs/{JobPostingFactory().pk}/applications", {"cover_note": "您好"})
    assert nothing.status_code == 400 and nothing.json()["code"] == "cv_required"
    (mine,) = client.get("/api/v1/me/applications").json()
    assert mine["id"] == body["id"] and mine["job_title"] == job.title
    assert [event["kind"] for event in mine["events"]] == ["sent"]
    client.logout()
    assert client.post(f"/api/v1/jobs/{job.pk}/applications", {"cv_id": 1}).status_code == 401


def test_editor_moves_applications_for_any_employer(client, job, mailoutbox, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Group

    application = applications.apply(job.pk, UserFactory(display_name="小美"), upload=pdf_upload())
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    page = client.get(reverse("jobs:employer_posting", args=[job.pk])).content.decode()
    assert "小美" in page and application.seeker.email not in page
    assert reverse("jobs:employer_close", args=[job.pk]) not in page  # closing is the employer's
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jobs:applicant_decide", args=[application.pk]),
                               {"decision": "rejected", "reason": "position_filled"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.REJECTED and application.reason == "position_filled"
    (email,) = mailoutbox
    assert email.to == [application.seeker.email] and "职位已招满" in email.body


# ---------------------------------------------------------------- the employer's applicant page


@pytest.fixture
def member(client):
    member = EmployerMemberFactory()
    client.force_login(member.user)
    return member


@pytest.fixture
def application(member):
    job = JobPostingFactory(employer=member.employer)
    seeker = UserFactory(display_name="小美", phone="+8613800138000", phone_verified=True)
    from portal.accounts.models import SeekerProfile

    SeekerProfile.objects.create(user=seeker, school="重庆文理学院", major="会计学", degree="bachelor")
    return applications.apply(job.pk, seeker, note="您好，我是会计专业应届毕业生。", upload=pdf_upload())


def test_the_applicant_list_shows_her_school_and_the_days_left_not_her_email(client, member, application):
    page = client.get(reverse("jobs:employer_posting", args=[application.job_id])).content.decode()
    assert "小美" in page and "重庆文理学院" in page and "会计学" in page and "本科" in page
    assert application.seeker.email not in page and "13800138000" not in page
    assert "新投递" in page and "还剩 14 天答复" in page
    assert reverse("jobs:applicant", args=[application.pk]) in page


def test_opening_the_applicant_page_marks_it_viewed_once_without_contact(client, member, application, mailoutbox,
                                                                          django_capture_on_commit_callbacks):
    mailoutbox.clear()
    url = reverse("jobs:applicant", args=[application.pk])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.get(url)
        second = client.get(url)
    assert first.status_code == second.status_code == 200
    page = first.content.decode()
    assert "您好，我是会计专业应届毕业生。" in page and "重庆文理学院" in page
    assert application.seeker.email not in page and "13800138000" not in page
    assert "她接受面试邀请后显示" in page
    application.refresh_from_db()
    assert application.status == Application.Status.VIEWED and application.viewed_at
    assert [event.kind for event in application.events.all()] == ["sent", "viewed"]
    (email,) = mailoutbox  # she is told once
    assert email.to == [application.seeker.email] and "已查看" in email.subject
    # No contact was shown: nothing of it logged.
    assert not AccessRecord.objects.filter(subject=application.seeker, what="phone").exists()


@pytest.mark.parametrize("name", ["jobs:applicant_decide", "jobs:applicant_invite"])
def test_decisions_by_get_are_405(client, member, application, name):
    assert client.get(reverse(name, args=[application.pk])).status_code == 405
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_not_selected_needs_a_reason(client, member, application):
    response = client.post(reverse("jobs:applicant_decide", args=[application.pk]), {"decision": "rejected"})
    assert response.status_code == 400 and "请选择未录用的原因" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED and not application.answered_at


def test_a_message_asking_about_marriage_is_refused_and_nothing_changes(client, member, application, mailoutbox):
    mailoutbox.clear()
    sent = Notification.objects.count()
    response = client.post(reverse("jobs:applicant_decide", args=[application.pk]),
                           {"decision": "offer", "message": "入职前请说明婚育情况。"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "说明婚育情况" in page and "第四十三条" in page
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert not mailoutbox and Notification.objects.count() == sent


def test_withdrawal_ends_the_employers_access(client, member, application, mailoutbox,
                                              django_capture_on_commit_callbacks):
    cv_url = reverse("jobs:applicant_cv", args=[application.pk])
    page_url = reverse("jobs:applicant", args=[application.pk])
    assert client.get(cv_url).status_code == 200
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        applications.withdraw(application.pk, application.seeker)
    (email,) = mailoutbox
    assert "撤回" in email.subject and "小美" not in email.body
    for url in (cv_url, page_url, reverse("jobs:applicant_ics", args=[application.pk])):
        assert client.get(url).status_code == 404
    for name, data in (("jobs:applicant_decide", {"decision": "offer"}),
                       ("jobs:applicant_invite", {"contact_name": "王女士"})):
        assert client.post(reverse(name, args=[application.pk]), data).status_code == 404
    listing = client.get(reverse("jobs:employer_posting", args=[application.job_id])).content.decode()
    assert "候选人已撤回申请" in listing
    assert "小美" not in listing and "重庆文理学院" not in listing and page_url not in listing
    with pytest.raises(Conflict):  # and a decision through the service: 409
        applications.decide(application.pk, member.user, "offer")


def test_her_page_lists_the_timeline_and_the_due_date(client, application):
    client.force_login(application.seeker)
    page = client.get(reverse("my_applications:detail", args=[application.pk])).content.decode()
    due = timezone.localtime(application.answer_due_at)
    assert f"用人单位需在{dates.day(due, 'zh-hans')}前答复" in page
    assert "已投递" in page and "北京时间" in page
    dashboard = client.get("/me/").content.decode()
    assert reverse("my_applications:detail", args=[application.pk]) in dashboard and "已投递" in dashboard


def test_posting_page_queries_do_not_grow_with_applicants(client, member):
    job = JobPostingFactory(employer=member.employer)
    url = reverse("jobs:employer_posting", args=[job.pk])

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for _ in range(3):
        applications.apply(job.pk, UserFactory(), upload=pdf_upload())
    count()  # the first page of a session fills caches (site, settings)
    few = count()
    for _ in range(10):
        applications.apply(job.pk, UserFactory(), upload=pdf_upload())
    assert count() == few


def test_apply_with_the_online_resume(client, seeker, job):
    """The snapshot is what the employer reads: her name, school and major, never her contact."""
    import datetime

    from resumes.models import Resume

    Resume.objects.create(user=seeker, full_name="林小雨", school="重庆工商大学", major="会计学", degree="bachelor",
                          graduation=datetime.date(2025, 6, 1), contact_phone="+8613812345678",
                          contact_email="xiaoyu@example.com")
    response = client.post(reverse("jobs:apply", args=[job.pk]), {"with_resume": "on", "cover_note": "您好"})
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.with_resume and application.cv is None
    assert application.resume_snapshot["full_name"] == "林小雨"
    member = EmployerMemberFactory(employer=job.employer)
    client.force_login(member.user)
    page = client.get(reverse("jobs:applicant", args=[application.pk])).content.decode()
    assert "林小雨" in page and "重庆工商大学" in page and "会计学" in page
    # The whole number, not a prefix: "138" also turns up in a timestamp's microseconds.
    assert "xiaoyu@example.com" not in page and "13812345678" not in page and seeker.email not in page
    assert AccessRecord.objects.filter(subject=seeker, what="resume").exists()
