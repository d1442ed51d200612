"""Keeping search data in step with job postings.

jobs knows nothing of search: search/apps.py connects these handlers to
JobPosting and Employer signals.

- The database backend's JobSearchEntry is written in the posting's own
  transaction, whatever the backend: it is also the fallback while
  Elasticsearch is down.
- With Elasticsearch, the handler writes a PendingIndexChange (outbox) row in
  that same transaction and enqueues search.tasks.index_job after commit. The
  task re-reads the row, indexes or deletes it with an external version taken
  from the posting's updated_at, and deletes the outbox rows it has handled. A
  broker or Elasticsearch outage only delays this: the beat task drains the
  outbox once they are back.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from portal.background import enqueue_on_commit

from .models import TOKEN_MAX_LENGTH, JobSearchEntry, JobSearchToken, PendingIndexChange, SearchChange
from .tokens import index_tokens, token_text


def version_of(moment):
    """An external version number from a timestamp (microseconds): a later write wins."""
    return int(moment.timestamp() * 1_000_000)


ENTRY_COPIES = ("district", "industry", "job_type", "education", "salary_min", "salary_max", "published_at")


def entry_fields(posting):
    tags = posting.family_friendly or []
    return {
        **{name: getattr(posting, name) for name in ENTRY_COPIES},
        "family_friendly": f" {' '.join(tags)} " if tags else "",
        "employer_name": posting.employer.name,
        "title_tokens": token_text(posting.title),
    }


def posting_tokens(posting):
    """The distinct index tokens of a posting's searchable text."""
    texts = (posting.title, posting.employer.name, posting.description, posting.requirements, posting.benefits)
    tokens = dict.fromkeys(token[:TOKEN_MAX_LENGTH] for text in texts for token in index_tokens(text))
    return list(tokens)


def token_rows(posting):
    return [JobSearchToken(job_id=posting.pk, token=token) for token in posting_tokens(posting)]


def note_change():
    """Tell every process's in-memory index (search/memory_index.py) that the entries changed."""
    from uuid import uuid4

    SearchChange.objects.create(token=uuid4().hex)


def refresh_entry(posting):
    JobSearchEntry.objects.update_or_create(job=posting, defaults=entry_fields(posting))
    JobSearchToken.objects.filter(job=posting).delete()
    JobSearchToken.objects.bulk_create(token_rows(posting))
    note_change()


def uses_elasticsearch():
    return bool(settings.ELASTICSEARCH_URL)


def record_change(job_id, version=None):
    """Outbox row plus an after-commit task: Elasticsearch will hear of this job."""
    if not uses_elasticsearch():
        return
    from .tasks import index_job

    PendingIndexChange.objects.create(job_id=job_id, version=version or version_of(timezone.now()))
    enqueue_on_commit(index_job, job_id)


def posting_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    refresh_entry(instance)
    record_change(instance.pk, version_of(instance.updated_at))


def posting_deleted(sender, instance, **kwargs):
    # The JobSearchEntry goes with the posting (CASCADE); the indexes need telling.
    note_change()
    record_change(instance.pk)


def employer_saved(sender, instance, created=False, raw=False, **kwargs):
    """A renamed employer: refresh the postings indexed under the old name."""
    if created or raw:
        return
    stale = (JobSearchEntry.objects.filter(job__employer=instance).exclude(employer_name=instance.name)
             .select_related("job"))
    for entry in stale:
        entry.job.employer = instance
        refresh_entry(entry.job)
        record_change(entry.job_id)


def connect():
    from jobs.models import Employer, JobPosting

    post_save.connect(posting_saved, sender=JobPosting, dispatch_uid="search.posting_saved")
    post_delete.connect(posting_deleted, sender=JobPosting, dispatch_uid="search.posting_deleted")
    post_save.connect(employer_saved, sender=Employer, dispatch_uid="search.employer_saved")
