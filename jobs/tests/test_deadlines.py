"""Every application gets a final answer within 14 days: reminders on day 7 and 12, closed on day 14."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import get_resolver
from freezegun import freeze_time

from jobs import applications
from jobs.models import Application
from jobs.tasks import enforce_answer_deadlines
from jobs.tests.factories import EmployerMemberFactory, JobPostingFactory, pdf_upload
from portal.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

START = "2026-12-01 02:00:00"  # 10:00 Beijing time


@pytest.fixture(autouse=True)
def urls_loaded():
    """The URLs (and the API's schemas with them) load before any clock is frozen: pydantic
    cannot build a schema for freezegun's datetime class."""
    get_resolver().url_patterns  # noqa: B018


@pytest.fixture
def member():
    return EmployerMemberFactory()


@pytest.fixture
def application(member, django_capture_on_commit_callbacks):
    with freeze_time(START), django_capture_on_commit_callbacks(execute=True):
        job = JobPostingFactory(employer=member.employer)
        return applications.apply(job.pk, UserFactory(), upload=pdf_upload())


def run(frozen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return enforce_answer_deadlines()


def test_reminders_on_day_7_and_12_then_closed_unanswered_on_day_14(application, member,
                                                                    django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with freeze_time(START) as frozen:
        frozen.tick(timedelta(days=6, hours=23))
        assert run(frozen, django_capture_on_commit_callbacks) == (0, 0)
        frozen.tick(timedelta(hours=2))  # day 7
        assert run(frozen, django_capture_on_commit_callbacks) == (1, 0)
        assert run(frozen, django_capture_on_commit_callbacks) == (0, 0)  # twice: one message
        (reminder,) = mail.outbox
        assert reminder.to == [member.user.email] and "12月15日（周二）" in reminder.subject and "7 天" in reminder.body
        frozen.tick(timedelta(days=5))  # day 12
        assert run(frozen, django_capture_on_commit_callbacks) == (1, 0)
        assert run(frozen, django_capture_on_commit_callbacks) == (0, 0)
        assert "12 天" in mail.outbox[-1].body and len(mail.outbox) == 2
        frozen.tick(timedelta(days=1, hours=22))  # day 13, 23:00: not yet
        assert run(frozen, django_capture_on_commit_callbacks) == (0, 0)
        frozen.tick(timedelta(hours=2))  # day 14
        assert run(frozen, django_capture_on_commit_callbacks) == (0, 1)
        assert run(frozen, django_capture_on_commit_callbacks) == (0, 0)
    application.refresh_from_db()
    assert application.status == Application.Status.UNANSWERED and application.closed_at
    assert application.reminders_sent == 2 and application.answered_at is None
    told = mail.outbox[-1]
    assert told.to == [application.seeker.email] and "未获回复" in told.body
    assert "/jobs/" in told.body and "/consultants/" in told.body
    assert [e.kind for e in application.events.all()] == ["sent", "reminded", "reminded", "unanswered"]
    assert len(mail.outbox) == 3


def test_an_interview_does_not_stop_the_clock_but_an_answer_does(member, application,
                                                                  django_capture_on_commit_callbacks):
    from jobs import interviews

    with freeze_time(START) as frozen:
        answered = applications.apply(JobPostingFactory(employer=member.employer).pk, UserFactory(),
                                      upload=pdf_upload())
        interviews.invite(application.pk, member.user, application.created_at + timedelta(days=2), 60, "onsite",
                          place="永川", contact_name="王女士")
        applications.decide(answered.pk, member.user, "rejected", reason="skills")
        frozen.tick(timedelta(days=14, minutes=1))
        assert run(frozen, django_capture_on_commit_callbacks) == (0, 1)
    application.refresh_from_db()
    answered.refresh_from_db()
    assert application.status == Application.Status.UNANSWERED
    assert answered.status == Application.Status.REJECTED and answered.reminders_sent == 0


def test_a_run_that_missed_day_7_sends_only_the_day_12_reminder(application, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with freeze_time(START) as frozen:
        frozen.tick(timedelta(days=12, hours=1))
        assert run(frozen, django_capture_on_commit_callbacks) == (1, 0)
        assert run(frozen, django_capture_on_commit_callbacks) == (0, 0)
    application.refresh_from_db()
    assert application.reminders_sent == 2 and len(mail.outbox) == 1


def test_the_employer_sees_the_days_left(client, member, application):
    client.force_login(member.user)
    with freeze_time(START) as frozen:
        frozen.tick(timedelta(days=10))
        page = client.get(f"/jobs/employer/{application.job_id}/").content.decode()
    assert "还剩 4 天答复" in page
