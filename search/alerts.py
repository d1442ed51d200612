"""Daily job alerts for saved searches: each user gets the new matching jobs
since her last alert, never the same job twice, at most one email per search per day."""

import logging
from dataclasses import replace

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch
from django.utils import timezone, translation

from portal.notifications.services import queue_email

from .backends.database import DatabaseBackend
from .jobs import SORT_NEWEST, SearchError, parse_request
from .models import AlertedJob, SavedSearch

logger = logging.getLogger(__name__)

ALERT_LIMIT = 20


def job_url(job):
    try:
        path = job.get_absolute_url()
    except NoReverseMatch:  # the jobs app names its detail view "jobs:detail"; until it exists, its address
        path = f"/jobs/{job.pk}/"
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def saved_request(saved):
    """The SearchRequest of a saved search, narrowed to jobs published since its last alert."""
    request = parse_request({**saved.filters, "q": saved.query})
    since = saved.last_alerted_at or saved.created_at
    return replace(request, sort=SORT_NEWEST, page=1, per_page=ALERT_LIMIT, published_after=since)


def send_alert(saved, now):
    """Queue one alert email for a saved search if it has new jobs. Returns True when queued."""
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
        with translation.override("zh-hans"):
            context = {"saved": saved, "jobs": [(job, job_url(job)) for job in new_jobs], "user": saved.user}
            subject = render_to_string("search/email/alert_subject.txt", context).strip()
            body = render_to_string("search/email/alert_body.txt", context)
        email = queue_email(to=[saved.user.email], subject=subject, body=body,
                            dedup_key=f"saved-search:{saved.pk}:{timezone.localdate(now).isoformat()}")
        if email is None:
            return False
        AlertedJob.objects.bulk_create([AlertedJob(saved_search=saved, job=job) for job in new_jobs],
                                       ignore_conflicts=True)
    return True


def send_due_alerts(now=None):
    now = now or timezone.now()
    searches = SavedSearch.objects.filter(user__is_active=True).select_related("user").order_by("pk")
    return sum(send_alert(saved, now) for saved in searches.iterator(chunk_size=200))
