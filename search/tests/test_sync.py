"""The database search data follows postings in their own transaction; the
Elasticsearch outbox is written in that transaction too."""

import pytest
from django.core.management import call_command
from django.db import transaction

from jobs.models import JobPosting
from jobs.services import save_posting
from jobs.tests.factories import EmployerMemberFactory
from search.jobs import execute, parse_request
from search.models import JobSearchEntry, JobSearchToken, PendingIndexChange

from .factories import EmployerFactory, JobPostingFactory

pytestmark = pytest.mark.django_db


def found(query):
    return [job.pk for job in execute(parse_request({"q": query})).hits]


def test_entry_follows_create_edit_and_delete(settings):
    settings.ELASTICSEARCH_URL = ""
    job = JobPostingFactory(title="财务会计助理", family_friendly=["flexible"])
    assert found("会计") == [job.pk]
    job.title = "仓储物流专员"
    job.save()
    assert found("会计") == [] and found("物流") == [job.pk]
    assert execute(parse_request({"family_friendly": "flexible"})).total == 1
    job.delete()
    assert not JobSearchEntry.objects.exists() and not JobSearchToken.objects.exists()
    assert not PendingIndexChange.objects.exists()  # no outbox without Elasticsearch


def test_renaming_an_employer_refreshes_its_postings(settings):
    settings.ELASTICSEARCH_URL = ""
    employer = EmployerFactory(name="山城数字")
    job = JobPostingFactory(employer=employer, title="前端工程师")
    employer.name = "渝州云科"
    employer.save()
    assert found("云科") == [job.pk] and found("山城") == []


def test_outbox_row_is_written_in_the_postings_transaction(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    with pytest.raises(RuntimeError), transaction.atomic():
        JobPostingFactory()
        assert PendingIndexChange.objects.count() == 1
        raise RuntimeError("the save fails later in the same transaction")
    assert not PendingIndexChange.objects.exists() and not JobSearchEntry.objects.exists()
    job = JobPostingFactory()
    change = PendingIndexChange.objects.get(job_id=job.pk)
    assert change.version == int(job.updated_at.timestamp() * 1_000_000)



def test_one_outbox_row_per_posting_saved_with_a_revision(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    member = EmployerMemberFactory()
    posting = JobPostingFactory.build(employer=member.employer, status=JobPosting.Status.DRAFT, published_at=None)
    save_posting(posting, member.user)
    assert PendingIndexChange.objects.filter(job_id=posting.pk).count() == 1

def test_employer_rename_queues_its_postings(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    employer = EmployerFactory(name="山城数字")
    job = JobPostingFactory(employer=employer)
    employer.name = "渝州云科"
    employer.save()
    assert PendingIndexChange.objects.filter(job_id=job.pk).count() == 2
    employer.save()  # no rename: nothing new to index
    assert PendingIndexChange.objects.filter(job_id=job.pk).count() == 2


def test_reindex_command_rebuilds_database_entries(settings):
    settings.ELASTICSEARCH_URL = ""
    jobs = [JobPostingFactory(title=f"会计{number}") for number in range(3)]
    JobSearchToken.objects.all().delete()
    JobSearchEntry.objects.all().delete()
    assert found("会计") == []
    call_command("reindex_jobs")
    assert sorted(found("会计")) == sorted(job.pk for job in jobs)


def test_query_count_does_not_grow_with_data(settings, django_assert_num_queries):
    settings.ELASTICSEARCH_URL = ""
    request = parse_request({"q": "会计", "city": "永川", "salary_min": "3000", "family_friendly": "flexible"})
    # The first search after a change rebuilds the in-memory index and reads the query token's holders;
    # then two: the index's freshness check and the page's postings.
    JobPostingFactory.create_batch(2, title="会计", family_friendly=["flexible"])
    execute(request)
    with django_assert_num_queries(2):
        small = execute(request)
    JobPostingFactory.create_batch(25, title="会计", family_friendly=["flexible"])
    execute(request)
    with django_assert_num_queries(2):
        large = execute(request)
    assert (small.total, large.total, len(large.hits)) == (2, 27, 20)
