"""The database backend's in-memory index (search/memory_index.py): its counts
agree with the database, and no search ever answers from an index older than
the entries, whether they changed by a save in this process, in another
connection, by a rollback, or with the clock."""

import random
import threading
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from freezegun import freeze_time

from jobs.choices import DISTRICTS, Education, FamilyFriendly, Industry, JobType
from jobs.models import JobPosting
from search import memory_index
from search.backends.database import DatabaseBackend
from search.facets import FACETS, POSTED_FACET, SALARY_FACET, VALUE_FACETS, salary_band_range
from search.jobs import parse_request

from .factories import JobPostingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.ELASTICSEARCH_URL = ""


def found(params):
    return [job.pk for job in DatabaseBackend().search(parse_request(params)).hits]


def counts(params):
    return {facet: {item["value"]: item["count"] for item in items}
            for facet, items in DatabaseBackend().search(parse_request(params)).facets.items()}


def _expected(params, now):
    """Total and facet counts computed the plain way, posting by posting over visible()."""
    request = parse_request(params)
    visible = list(JobPosting.objects.visible(now))

    def overlaps(job, low, high):
        return (low is None or job.salary_max >= low) and (high is None or job.salary_min <= high)

    def has(facet, value, job):
        if facet.kind.value == "tags":
            return value in job.family_friendly
        if facet is SALARY_FACET:
            return overlaps(job, *salary_band_range(value))
        if facet is POSTED_FACET:
            return job.published_at >= now - timedelta(days=int(value))
        return getattr(job, facet.field) == value

    filters = {facet.name: (lambda job, facet=facet, values=values: any(has(facet, v, job) for v in values))
               for facet in VALUE_FACETS if (values := request.selected.get(facet.name))}
    if request.has_salary_filter():
        filters[SALARY_FACET.name] = lambda job: overlaps(job, request.salary_min, request.salary_max)
    if request.posted_within:
        filters[POSTED_FACET.name] = lambda job: job.published_at >= now - timedelta(days=request.posted_within)

    def passing(skip=None):
        return [job for job in visible if all(test(job) for name, test in filters.items() if name != skip)]

    return len(passing()), {
        facet.name: {value: sum(has(facet, value, job) for job in passing(facet.name)) for value in facet.values}
        for facet in FACETS}


def test_counts_agree_with_counting_in_the_database():
    rng = random.Random(17)
    now = timezone.now()
    for number in range(60):
        low = rng.randrange(2000, 14000, 500)
        JobPostingFactory(
            district=rng.choice(DISTRICTS), industry=rng.choice(Industry.values), job_type=rng.choice(JobType.values),
            education=rng.choice(Education.values), salary_min=low, salary_max=low + rng.randrange(0, 5000, 500),
            family_friendly=rng.sample(FamilyFriendly.values, rng.randrange(0, 3)),
            published_at=now - timedelta(days=rng.uniform(0, 40)),
            # Some expired, some not yet published, some waiting for moderation: none of them may count.
            expires_at=now + timedelta(days=rng.uniform(-5, 30)),
            status=JobPosting.Status.SUBMITTED if number % 9 == 0 else JobPosting.Status.APPROVED)
    JobPostingFactory(published_at=now + timedelta(days=1))
    requests = [
        {},
        {"city": [DISTRICTS[0], DISTRICTS[1]], "job_type": "full_time"},
        {"industry": Industry.values[0], "family_friendly": ["flexible", "remote"]},
        {"salary_min": "5000", "salary_max": "8000", "education": Education.values[1]},
        {"salary_min": "7777", "posted_within": "7"},
        {"posted_within": "30", "family_friendly": "maternity", "city": DISTRICTS[2]},
    ]
    with freeze_time(now):
        for params in requests:
            results = DatabaseBackend().search(parse_request(params))
            total, facets = _expected(params, now)
            assert results.total == total, params
            got = {facet: {item["value"]: item["count"] for item in items} for facet, items in results.facets.items()}
            assert got == facets, params


def test_newest_and_salary_orders_page_through_every_match_once():
    now = timezone.now()
    jobs = [JobPostingFactory(published_at=now - timedelta(hours=number), salary_min=3000 + number % 4 * 1000,
                              salary_max=6000 + number % 4 * 1000) for number in range(45)]
    newest = [pk for page in (1, 2, 3) for pk in found({"sort": "newest", "page": page})]
    assert newest == [job.pk for job in jobs]
    by_salary = [pk for page in (1, 2, 3) for pk in found({"sort": "salary", "page": page})]
    expected = sorted(jobs, key=lambda job: (job.salary_max, job.salary_min, job.published_at), reverse=True)
    assert by_salary == [job.pk for job in expected]


def test_a_save_or_delete_shows_in_the_next_search():
    job = JobPostingFactory(title="财务会计助理")
    assert found({"q": "会计"}) == [job.pk]
    job.title = "行政文员"
    job.save()
    assert found({"q": "会计"}) == [] and found({"q": "文员"}) == [job.pk]
    job.status = JobPosting.Status.CLOSED
    job.save()
    assert found({"q": "文员"}) == []
    other = JobPostingFactory(title="行政文员")
    assert found({"q": "文员"}) == [other.pk]
    other.delete()
    assert found({"q": "文员"}) == []


def test_the_clock_expires_and_publishes_without_a_save():
    now = timezone.now()
    expiring = JobPostingFactory(title="出纳", expires_at=now + timedelta(hours=1))
    scheduled = JobPostingFactory(title="出纳", published_at=now + timedelta(hours=2))
    with freeze_time(now):
        assert found({"q": "出纳"}) == [expiring.pk]
        assert counts({"q": "出纳"})["job_type"]["full_time"] == 1
    with freeze_time(now + timedelta(hours=3)):
        assert found({"q": "出纳"}) == [scheduled.pk]
    # Back in time (a test, or a clock put right): the index built later left out what had expired by then.
    with freeze_time(now):
        assert found({"q": "出纳"}) == [expiring.pk]


def test_a_rolled_back_change_is_not_shown():
    JobPostingFactory(title="出纳")
    assert len(found({"q": "出纳"})) == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        JobPostingFactory(title="出纳")
        assert len(found({"q": "出纳"})) == 2  # the writing transaction sees its own change
        raise RuntimeError
    assert len(found({"q": "出纳"})) == 1


@pytest.mark.django_db(transaction=True)
def test_a_change_committed_by_another_connection_shows_in_the_next_search():
    job = JobPostingFactory(title="护士")
    assert found({"q": "护士"}) == [job.pk]
    built = memory_index.current(timezone.now())

    def close_elsewhere():
        from django.db import connections

        try:
            posting = JobPosting.objects.get(pk=job.pk)
            posting.status = JobPosting.Status.CLOSED
            posting.save()
        finally:
            connections.close_all()

    worker = threading.Thread(target=close_elsewhere)
    worker.start()
    worker.join()
    assert found({"q": "护士"}) == []
    assert memory_index.current(timezone.now()) is not built


def test_an_unchanged_index_is_reused_and_token_holders_are_read_once(django_assert_num_queries):
    JobPostingFactory(title="护士")
    found({"q": "护士"})
    index = memory_index.current(timezone.now())
    # Freshness check and the page's postings: the holders of 护士 are kept with the index.
    with django_assert_num_queries(2):
        assert len(found({"q": "护士"})) == 1
    assert memory_index.current(timezone.now()) is index


def test_pruning_old_change_rows_keeps_searches_right():
    from search.models import SearchChange
    from search.tasks import prune_search_changes

    job = JobPostingFactory(title="护士")
    SearchChange.objects.update(created_at=timezone.now() - timedelta(days=2))
    JobPostingFactory(title="导游")
    assert found({"q": "护士"}) == [job.pk]
    assert prune_search_changes() >= 1
    assert SearchChange.objects.count() == 1
    assert found({"q": "护士"}) == [job.pk] and len(found({"q": "导游"})) == 1
