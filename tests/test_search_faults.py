"""Job search while Elasticsearch is unreachable: a real refused connection
(http://127.0.0.1:9, nothing listens there), no mock. Nothing a user saves is
lost or blocked; search answers from the database and says so."""

import time
from datetime import timedelta

import pytest
from celery.exceptions import Retry
from django.core.management import CommandError, call_command
from django.utils import timezone

from search import jobs as job_search
from search.models import JobSearchToken, PendingIndexChange
from search.tasks import index_job, reconcile_index
from search.tests.factories import JobPostingFactory

pytestmark = pytest.mark.django_db

CLOSED_PORT = "http://127.0.0.1:9"


@pytest.fixture
def es_down(settings):
    settings.ELASTICSEARCH_URL = CLOSED_PORT


def test_creating_editing_and_expiring_postings_succeed_and_the_outbox_keeps_every_change(
        es_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = JobPostingFactory(title="财务会计助理")
    # The index task ran after commit, found Elasticsearch down, kept the row (the other
    # callbacks are the page cache's invalidations).
    index_tasks = [c for c in callbacks if getattr(c, "args", None) and getattr(c.args[0], "name", "") ==
                   "search.tasks.index_job"]
    assert len(index_tasks) == 1
    with django_capture_on_commit_callbacks(execute=True):
        job.title = "高级财务会计"
        job.save()
    with django_capture_on_commit_callbacks(execute=True):
        job.expires_at = timezone.now() - timedelta(minutes=1)
        job.save()
    assert PendingIndexChange.objects.filter(job_id=job.pk).count() == 3
    assert JobSearchToken.objects.filter(job=job, token="高级").exists()
    with django_capture_on_commit_callbacks(execute=True):
        pk = job.pk
        job.delete()
    assert PendingIndexChange.objects.filter(job_id=pk).count() == 4


def test_search_answers_from_the_database_with_degraded_flag(es_down):
    job = JobPostingFactory(title="财务会计助理")
    JobPostingFactory(title="仓储物流专员")
    started = time.monotonic()
    results = job_search.search("会计", {"city": ["永川"]})
    assert time.monotonic() - started < 3
    assert results.degraded is True
    assert [hit.pk for hit in results.hits] == [job.pk]
    assert results.highlights[job.pk]["title"] == "财务<mark>会计</mark>助理"
    assert job_search.suggest("财务") == ["财务会计助理"]


def test_search_is_not_degraded_on_the_database_backend(settings):
    settings.ELASTICSEARCH_URL = ""
    JobPostingFactory(title="财务会计助理")
    assert job_search.search("会计").degraded is False


def test_index_task_schedules_a_retry_instead_of_failing(es_down):
    job = JobPostingFactory()
    # As a worker runs it: not eager, not called directly.
    index_job.push_request(id="retry-test", args=[job.pk], kwargs={}, retries=0, is_eager=False,
                           called_directly=False)
    try:
        with pytest.raises(Retry) as raised:
            index_job.run(job.pk)
    finally:
        index_job.pop_request()
    assert raised.value.when == 10  # first backoff step, in seconds
    assert PendingIndexChange.objects.filter(job_id=job.pk).exists()


def test_beat_reconciliation_and_reindex_do_not_crash(es_down):
    job = JobPostingFactory()
    assert reconcile_index() is None
    assert PendingIndexChange.objects.filter(job_id=job.pk).exists()
    with pytest.raises(CommandError, match="did not answer"):
        call_command("reindex_jobs")


def test_jobs_page_and_api_say_results_may_be_limited(es_down, client, home_page):
    job = JobPostingFactory(title="财务会计助理")
    page = client.get("/jobs/", {"q": "会计"})
    assert page.status_code == 200
    body = page.content.decode()
    assert f"/jobs/{job.pk}/" in body
    assert "简化模式" in body or "limited mode" in body
    api = client.get("/api/v1/jobs", {"q": "会计"}).json()
    assert api["degraded"] is True and api["total"] == 1
    health = client.get("/healthz")
    assert health.status_code == 503 and health.json()["failing"] == ["search"]
