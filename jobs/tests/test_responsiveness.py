"""The employer's response rate and median time to answer, from known applications."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobs import responsiveness
from jobs.models import CV, Application
from jobs.tests.factories import JobPostingFactory, pdf_upload
from portal.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def make(job, sent_days_ago, answered_after_days=None, status=Application.Status.SUBMITTED):
    """An application sent `sent_days_ago` days ago, answered that many days after sending."""
    seeker = UserFactory()
    cv = CV.objects.create(owner=seeker, original_name="cv.pdf", kind="pdf", size=10, file="cvs/x.pdf")
    sent = timezone.now() - timedelta(days=sent_days_ago)
    answered = sent + timedelta(days=answered_after_days) if answered_after_days is not None else None
    return Application.objects.create(seeker=seeker, job=job, cv=cv, status=status, created_at=sent,
                                      answered_at=answered)


@pytest.fixture
def job():
    return JobPostingFactory()


def test_figures_from_known_applications(job):
    make(job, 30, 1, "rejected")
    make(job, 40, 3, "offer")
    make(job, 50, 5, "hired")
    make(job, 60, 20, "rejected")  # answered, but late
    make(job, 20, None, "unanswered")
    make(job, 5)  # still within its deadline: not counted yet
    make(job, 25, None, "withdrawn")  # withdrawn before any answer: not counted
    make(job, 200, 1, "rejected")  # older than 180 days
    make(JobPostingFactory(), 30, 1, "rejected")  # another employer
    figures = responsiveness.for_employer(job.employer_id)
    assert figures.counted == 5 and figures.answered_in_time == 3 and figures.rate == 60
    assert figures.median_days == 4  # of 1, 3, 5, 20


def test_hidden_below_three(job):
    make(job, 30, 1, "rejected")
    make(job, 30, 2, "rejected")
    assert responsiveness.for_employer(job.employer_id) is None
    make(job, 30, None, "unanswered")
    assert responsiveness.for_employer(job.employer_id).rate == 67


def test_shown_on_the_employer_page_and_the_job_page(client, job):
    for days in (1, 2, 3):
        make(job, 30, days, "rejected")
    make(job, 30, None, "unanswered")
    expected = "14 天内答复率 75%（近 180 天，4 份申请），答复中位用时 2 天"
    assert expected in client.get(f"/employers/{job.employer_id}/").content.decode()
    assert expected in client.get(f"/jobs/{job.pk}/").content.decode()


@pytest.mark.parametrize("url", ["/employers/{employer}/", "/jobs/{job}/"])
def test_page_queries_do_not_grow_with_applications(client, job, url):
    url = url.format(employer=job.employer_id, job=job.pk)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for _ in range(3):
        make(job, 30, 1, "rejected")
    count()
    few = count()
    for _ in range(27):
        make(job, 30, 2, "rejected")
    assert count() == few


def test_an_unanswered_application_lowers_the_rate(job, django_capture_on_commit_callbacks):
    from jobs import applications
    from jobs.tasks import enforce_answer_deadlines

    for days in (1, 2, 3):
        make(job, 30, days, "rejected")
    assert responsiveness.for_employer(job.employer_id).rate == 100
    application = applications.apply(job.pk, UserFactory(), upload=pdf_upload())
    Application.objects.filter(pk=application.pk).update(answer_due_at=timezone.now() - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        enforce_answer_deadlines()
    assert responsiveness.for_employer(job.employer_id).rate == 75
