"""Content cannot break a message: names and titles refuse line breaks wherever
they are typed (forms, the API, the admin's model forms), and email subjects are
plain text on one line, whatever the stored title holds."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobs import interviews
from jobs import services as job_services
from jobs.models import Employer, JobPosting
from jobs.tests.factories import EmployerMemberFactory, JobPostingFactory
from portal.accounts.tests.factories import PASSWORD, UserFactory
from portal.validators import single_line

pytestmark = pytest.mark.django_db

BROKEN = ["会计\n助理", "会计\r助理", "会计\u2028助理", "Bcc: x@example.com\r\nSubject: 中奖"]


@pytest.mark.parametrize("value", BROKEN)
def test_the_validator_refuses_line_breaks(value):
    with pytest.raises(ValidationError) as error:
        single_line(value)
    assert error.value.code == "line_break"


def test_the_validator_lets_one_line_through():
    for value in ("", "R&D 工程师 O'Brien", "财务会计助理（永川）", "Tab\tinside"):
        single_line(value)


def test_a_job_title_with_a_line_break_is_refused_by_the_employer_form(client):
    member = EmployerMemberFactory()
    client.force_login(member.user)
    data = {"title": "财务会计\n助理", "district": "永川", "industry": "finance", "job_type": "full_time",
            "salary_min": "4000", "salary_max": "6000", "education": "associate", "experience": "none",
            "description": "负责日常账务。", "requirements": "", "benefits": "", "how_to_apply": "在线投递",
            "expires_on": (timezone.localdate() + datetime.timedelta(days=30)).isoformat()}
    response = client.post(reverse("jobs:employer_new"), data)
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert "请写在一行内" in response.content.decode()
    assert not JobPosting.objects.exists()


def test_her_display_name_keeps_to_one_line(client):
    user = UserFactory(display_name="小美")
    client.force_login(user)
    response = client.post("/me/account/", {"display_name": "小美\n亲爱的用户：请点击", "language": "zh-hans"})
    assert response.status_code == 200 and "display_name" in response.context["form"].errors
    user.refresh_from_db()
    assert user.display_name == "小美"


def test_model_forms_and_the_admin_check_the_model_fields():
    employer = Employer(name="永川\n测试企业", credit_code=None, industry="retail", contact_name="王\r\n经理")
    with pytest.raises(ValidationError) as error:
        employer.full_clean()
    assert {"name", "contact_name"} <= set(error.value.message_dict)


def test_an_interview_contact_keeps_to_one_line():
    with pytest.raises(ValidationError) as error:
        interviews.validate(timezone.now() + datetime.timedelta(days=2), 60, "onsite", "永川区\n人民路 1 号",
                            "", "李老师\n", "")
    assert {"place", "contact_name"} <= set(error.value.message_dict)


def test_the_api_refuses_line_breaks_with_a_field_error():
    user = UserFactory()
    response = Client().post("/api/v1/auth/token", {"email": user.email, "password": PASSWORD, "name": "手机\n平板"},
                             content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["errors"][0]["field"] == "name" and "一行" in body["errors"][0]["message"]


def test_a_booking_topic_with_a_line_break_is_refused_by_the_api():
    from consultants.models import Booking
    from consultants.tests.factories import ConsultantFactory, local_slot

    consultant = ConsultantFactory()
    client = Client()
    client.force_login(UserFactory())
    response = client.post("/api/v1/bookings", {
        "consultant_id": consultant.pk, "start": local_slot(consultant, 3, 10).isoformat(), "mode": "online",
        "topic": "面试\n焦虑"}, content_type="application/json")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "topic"
    assert not Booking.objects.exists()


def test_subjects_are_plain_text(django_capture_on_commit_callbacks):
    """“R&D 工程师 O'Brien” comes out as typed, not as R&amp;D or O&#x27;Brien."""
    member = EmployerMemberFactory(user__language="zh-hans")
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    posting = JobPostingFactory(employer=member.employer, title="R&D 工程师 O'Brien",
                                status=JobPosting.Status.SUBMITTED, published_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        job_services.approve_posting(posting, moderator)
    subjects = [message.subject for message in mail.outbox]
    assert any("“R&D 工程师 O'Brien”" in subject for subject in subjects), subjects
    assert not any("&amp;" in subject or "&#" in subject for subject in subjects)


def test_a_title_stored_with_a_line_break_still_makes_a_one_line_subject(django_capture_on_commit_callbacks):
    """Rows from before the validator: the message goes out, its subject on one line."""
    member = EmployerMemberFactory()
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    posting = JobPostingFactory(employer=member.employer, title="placeholder", status=JobPosting.Status.SUBMITTED,
                                published_at=None)
    JobPosting.objects.filter(pk=posting.pk).update(title="财务会计\r\n助理")
    posting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        job_services.approve_posting(posting, moderator)
    assert mail.outbox, "the message was sent"
    assert all("\n" not in message.subject and "\r" not in message.subject for message in mail.outbox)
    assert any("财务会计 助理" in message.subject for message in mail.outbox)
