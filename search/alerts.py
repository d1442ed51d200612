"""Daily job alerts for saved searches: each user gets the new matching jobs
since her last alert, never the same job twice, at most one email per search per day."""

import logging
from dataclasses import replace

from django.db import transaction
from django.utils import timezone

from portal.notifications.kinds import Kind
from portal.notifications.links import SiteLink
from portal.notifications.services import send
from portal.privacy.consents import allows
from portal.privacy.models import Purpose

from .backends.database import DatabaseBackend
from .jobs import SORT_NEWEST, SearchError, parse_request
from .models import AlertedJob, SavedSearch

logger = logging.getLogger(__name__)

ALERT_LIMIT = 20


def saved_request(saved):
    """The SearchRequest of a saved search, narrowed to jobs published since its last alert."""
    request = parse_request({**saved.filters, "q": saved.query})
    since = saved.last_alerted_at or saved.created_at
    return replace(request, sort=SORT_NEWEST, page=1, per_page=ALERT_LIMIT, published_after=since)


def send_alert(saved, now):
    """Queue one alert email for a saved search if it has new jobs. Returns True when queued.
    Nothing while she has withdrawn her consent to job alerts (her privacy page)."""
    if not allows(saved.user, Purpose.JOB_ALERTS):
        return False
    try:
        request = saved_request(saved)
    except SearchError as exc:  # e.g. a facet value that no longer exists
        logger.warning("Saved search %s no longer parses: %s", saved.pk, exc)
        return False
    hits = DatabaseBackend().search(request).hits
    already = set(AlertedJob.objects.filter(saved_search=saved, job__in=hits).values_list("job_id", flat=True))
    new_jobs = [job for job in hits if job.pk not in already]
    with transaction.atomic():
        saved.last_alerted_at = now
        saved.save(update_fields=["last_alerted_at"])
        if not new_jobs:
            return False
        context = {"saved": saved, "jobs": [(job, SiteLink("jobs:detail", job.pk)) for job in new_jobs],
                   "dashboard_url": SiteLink("dashboard")}
        written = send(saved.user, "search/messages/alert", context, kind=Kind.JOB_ALERT,
                       link=SiteLink("search:jobs"),
                       dedup_key=f"saved-search:{saved.pk}:{timezone.localdate(now).isoformat()}")
        if not written:
            return False
        AlertedJob.objects.bulk_create([AlertedJob(saved_search=saved, job=job) for job in new_jobs],
                                       ignore_conflicts=True)
    return True


def send_due_alerts(now=None):
    now = now or timezone.now()
    searches = SavedSearch.objects.filter(user__is_active=True).select_related("user").order_by("pk")
    return sum(send_alert(saved, now) for saved in searches.iterator(chunk_size=200))
