"""Interview invitations: details checked, her answers, contact shared on acceptance, calendar files."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from jobs import applications, interviews
from jobs.models import Application, Interview
from jobs.tests.factories import EmployerMemberFactory, JobPostingFactory, pdf_upload
from portal.accounts.models import AccessRecord
from portal.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    member = EmployerMemberFactory()
    client.force_login(member.user)
    return member


@pytest.fixture
def application(member):
    job = JobPostingFactory(employer=member.employer)
    seeker = UserFactory(display_name="小美", phone="+8613800138000", phone_verified=True)
    return applications.apply(job.pk, seeker, upload=pdf_upload())


def local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def invite_data(**changes):
    start = (timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    return {"starts_at": local(start), "duration": "45", "mode": "onsite", "place": "永川区人民大道 1 号三楼",
            "link": "", "contact_name": "王女士", "contact_phone": "023-49876543", "note": "请携带作品集。",
            **changes}


def test_an_invitation_in_the_past_is_a_form_error_and_changes_nothing(client, member, application, mailoutbox):
    mailoutbox.clear()
    url = reverse("jobs:applicant_invite", args=[application.pk])
    response = client.post(url, invite_data(starts_at=local(timezone.now() - timedelta(hours=1))))
    assert response.status_code == 400 and "面试时间不能早于现在" in response.content.decode()
    for bad, message in ((invite_data(place=""), "现场面试请填写面试地址"),
                         (invite_data(mode="online", link="http://meet.example/abc"), "https://"),
                         (invite_data(mode="phone", contact_phone="12"), "有效的电话号码"),
                         (invite_data(note="面试时请说明婚育情况。"), "第四十三条"),
                         (invite_data(starts_at="2150-01-01T10:00"), "2000 年至 2100 年")):
        response = client.post(url, bad)
        assert response.status_code == 400 and message in response.content.decode(), message
    assert not Interview.objects.exists() and not mailoutbox
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_invitation_accepted_shares_her_contact_and_both_get_the_calendar(
        client, member, application, mailoutbox, django_capture_on_commit_callbacks):
    mailoutbox.clear()
    page_url = reverse("jobs:applicant", args=[application.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("jobs:applicant_invite", args=[application.pk]), invite_data()).status_code == 302
    interview = Interview.objects.get()
    application.refresh_from_db()
    assert application.status == Application.Status.INTERVIEW and interview.answer == "waiting"
    (invitation,) = [m for m in mailoutbox if m.to == [application.seeker.email]]
    assert all(text in invitation.body for text in ("永川区人民大道 1 号三楼", "王女士", "北京时间"))
    assert any(name == "interview.ics" for name, _content, _type in invitation.attachments)
    # Contact is not there yet: the page says so; the ics of the employer is 404.
    page = client.get(page_url).content.decode()
    assert "13800138000" not in page and application.seeker.email not in page
    assert client.get(reverse("jobs:applicant_ics", args=[application.pk])).status_code == 404

    client.force_login(application.seeker)
    mine = client.get(reverse("my_applications:detail", args=[application.pk])).content.decode()
    assert "永川区人民大道 1 号三楼" in mine and "接受" in mine
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("my_applications:answer", args=[application.pk]), {"choice": "accept"})
    assert response.status_code == 302
    # Twice: 409, nothing changes.
    again = client.post(reverse("my_applications:answer", args=[application.pk]), {"choice": "decline"})
    assert again.status_code == 409
    application.refresh_from_db()
    interview.refresh_from_db()
    assert application.contact_shared_at and interview.answer == "accepted"
    assert sorted(m.to[0] for m in mailoutbox) == sorted([application.seeker.email, member.user.email])
    assert all(any(name == "interview.ics" for name, *_ in m.attachments) for m in mailoutbox)

    ics = Calendar.from_ical(client.get(reverse("my_applications:ics", args=[application.pk])).content)
    (event,) = ics.walk("VEVENT")
    assert str(event["uid"]) == f"interview-{application.pk}@" + str(event["uid"]).split("@")[1]
    assert event["dtstart"].dt == interview.starts_at and str(event["location"]) == "永川区人民大道 1 号三楼"
    assert event["dtend"].dt - event["dtstart"].dt == timedelta(minutes=45)

    client.force_login(member.user)
    page = client.get(page_url).content.decode()
    assert "138 0013 8000" in page and application.seeker.email in page
    assert AccessRecord.objects.filter(subject=application.seeker, reader=member.user, what="phone").count() == 1
    assert client.get(reverse("jobs:applicant_ics", args=[application.pk])).status_code == 200
    # Another employer never sees it.
    client.force_login(EmployerMemberFactory().user)
    assert client.get(page_url).status_code == 404


def test_a_new_invitation_replaces_the_waiting_one_with_the_same_uid(member, application):
    start = timezone.now() + timedelta(days=2)
    first = interviews.invite(application.pk, member.user, start, 60, "online", link="https://meet.example/a",
                              contact_name="王女士")
    second = interviews.invite(application.pk, member.user, start + timedelta(days=1), 60, "phone",
                               contact_name="王女士", contact_phone="13912345678")
    first.refresh_from_db()
    assert first.answer == "replaced" and second.answer == "waiting"
    assert first.uid == second.uid and second.sequence == first.sequence + 1
    assert interviews.calendar_event(second).sequence == 1
    assert str(second.contact_phone) == "+8613912345678"


def test_she_proposes_another_time_and_the_employer_prefills_it(client, member, application):
    interviews.invite(application.pk, member.user, timezone.now() + timedelta(days=2), 60, "onsite",
                      place="永川区人民大道 1 号", contact_name="王女士")
    client.force_login(application.seeker)
    past = client.post(reverse("my_applications:answer", args=[application.pk]),
                       {"choice": "propose", "proposed_start": local(timezone.now() - timedelta(days=1))})
    assert past.status_code == 400 and "面试时间不能早于现在" in past.content.decode()
    proposed = (timezone.now() + timedelta(days=4)).replace(second=0, microsecond=0)
    response = client.post(reverse("my_applications:answer", args=[application.pk]),
                           {"choice": "propose", "proposed_start": local(proposed), "message": "那天有考试。"})
    assert response.status_code == 302
    client.force_login(member.user)
    page = client.get(reverse("jobs:applicant", args=[application.pk]) + "?at=proposed").content.decode()
    assert "那天有考试。" in page and f'value="{local(proposed)}"' in page
    assert "按她提议的时间重新邀请" in page


def test_answering_someone_elses_invitation_is_404(client, member, application):
    interviews.invite(application.pk, member.user, timezone.now() + timedelta(days=2), 60, "onsite",
                      place="永川", contact_name="王女士")
    client.force_login(UserFactory())
    assert client.post(reverse("my_applications:answer", args=[application.pk]),
                       {"choice": "accept"}).status_code == 404
    assert client.get(reverse("my_applications:answer", args=[application.pk])).status_code in (404, 405)
    application.refresh_from_db()
    assert application.contact_shared_at is None
