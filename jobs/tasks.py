from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal.notifications.services import queue_email

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
        recipients = posting.employer.notification_emails()
        with transaction.atomic():
            if recipients:
                with translation.override("zh-hans"):
                    subject = render_to_string("jobs/email/expiry_subject.txt", {"posting": posting}).strip()
                    body = render_to_string("jobs/email/expiry_body.txt", {"posting": posting})
                if queue_email(recipients, subject, body, dedup_key=f"job:{posting.pk}:expiry-reminder"):
                    sent += 1
            JobPosting.objects.filter(pk=posting.pk).update(expiry_reminder_sent_at=now)
    return sent
