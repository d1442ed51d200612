from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from portal.notifications.kinds import Kind
from portal.notifications.links import SiteLink
from portal.notifications.services import send

from .models import JobPosting

REMIND_BEFORE = timedelta(days=3)


@shared_task
def remind_expiring_postings():
    """Tell employers three days before a posting expires; once per posting,
    however often the beat runs (the dedup key and the sent-at mark)."""
    now = timezone.now()
    due = (
        JobPosting.objects.visible(now)
        .filter(expires_at__lte=now + REMIND_BEFORE, expiry_reminder_sent_at__isnull=True)
        .select_related("employer")
    )
    sent = 0
    for posting in due:
        context = {"posting": posting, "edit_url": SiteLink("jobs:employer_edit", posting.pk)}
        with transaction.atomic():
            for recipient in posting.employer.notification_recipients():
                key = f"job:{posting.pk}:expiry-reminder:{getattr(recipient, 'pk', None) or recipient.email}"
                if send(recipient, "jobs/messages/expiry", context, kind=Kind.POSTING, dedup_key=key,
                        link=context["edit_url"]):
                    sent += 1
            JobPosting.objects.filter(pk=posting.pk).update(expiry_reminder_sent_at=now)
    return sent
