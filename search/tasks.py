"""Background work of search: indexing, reconciliation, job alerts."""

import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from portal import page_cache

from .sync import uses_elasticsearch

logger = logging.getLogger(__name__)

# Backoff between attempts while Elasticsearch is down: 10 s, 20 s, 40 s ... capped at 10 min.
MAX_RETRIES = 8
OUTBOX_GRACE = timedelta(minutes=2)


def retry_delay(retries):
    return min(10 * 2 ** retries, 600)


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True)
def index_job(self, job_id):
    """Index or delete one posting as it is now. Idempotent: running it twice, or
    after a newer change, writes the same document or loses to the newer version."""
    from .backends.elasticsearch import ES_ERRORS
    from .indexing import apply_pending

    if not uses_elasticsearch():
        return "database"
    try:
        apply_pending(job_id)
    except ES_ERRORS as exc:
        if self.request.is_eager:
            # Tasks run in-process (no broker): retrying here would hold up the
            # request that saved the posting. The outbox row stays; the beat task catches up.
            logger.warning("Elasticsearch unreachable; job %s stays in the outbox: %s", job_id, exc)
            return "deferred"
        raise self.retry(exc=exc, countdown=retry_delay(self.request.retries)) from exc
    # The lists read Elasticsearch, which heard of the change only now, after the
    # posting's own commit renewed `jobs`: a list cached in between is stale.
    page_cache.invalidate("jobs")
    return "indexed"


@shared_task
def reconcile_index():
    """Beat: make the index agree with the database (postings expire with time,
    not with a save; creates the index on a new cluster), then drain outbox rows
    that no task handled (broker or Elasticsearch was down)."""
    from .backends.elasticsearch import ES_ERRORS
    from .indexing import apply_pending, pending_job_ids, reconcile

    if not uses_elasticsearch():
        return None
    try:
        added, removed = reconcile()
        drained = 0
        for job_id in pending_job_ids(timezone.now() - OUTBOX_GRACE):
            apply_pending(job_id)
            drained += 1
    except ES_ERRORS as exc:
        logger.warning("Elasticsearch unreachable; reconciliation waits for the next run: %s", exc)
        return None
    if drained or added or removed:
        page_cache.invalidate("jobs")
    return {"drained": drained, "added": added, "removed": removed}


@shared_task
def send_job_alerts():
    """Beat, daily: each saved search's new matching jobs, once each."""
    from .alerts import send_due_alerts

    return send_due_alerts()


@shared_task
def prune_search_changes():
    """Beat, daily: the change rows only need to outlive the indexes built before them; a day is ample.
    Every process rebuilds its index once afterwards (the count changed), which is harmless."""
    from .models import SearchChange

    deleted, _kinds = SearchChange.objects.filter(created_at__lt=timezone.now() - timedelta(days=1)).delete()
    return deleted
