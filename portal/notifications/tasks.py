import logging
from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .models import OutboundEmail
from .outbox import MAX_ATTEMPTS, build_message

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=MAX_ATTEMPTS, default_retry_delay=30)
def send_outbound_email(self, email_id):
    """Send one queued email, at most once. Safe to run twice or concurrently:
    the row is locked and a sent row is skipped."""
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status != OutboundEmail.Status.PENDING:
            return
        email.attempts += 1
        try:
            build_message(email).send()
        except Exception as exc:  # SMTP and network errors vary by backend
            email.last_error = str(exc)[:2000]
            if email.attempts >= MAX_ATTEMPTS:
                email.status = OutboundEmail.Status.FAILED
            email.save(update_fields=["attempts", "last_error", "status"])
            logger.warning("Email %s not sent (attempt %s): %s", email_id, email.attempts, exc)
            failed = email.status == OutboundEmail.Status.PENDING
        else:
            email.status = OutboundEmail.Status.SENT
            email.sent_at = timezone.now()
            email.save(update_fields=["attempts", "status", "sent_at"])
            failed = False
    if failed and not self.request.is_eager:
        raise self.retry(countdown=30 * email.attempts)


@shared_task
def flush_outbox(older_than_seconds=60):
    """Send what is still pending a while after it was queued: emails whose task
    could not be enqueued because the broker was down, or whose retries ran out
    of a worker that died."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    pending = OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING, created_at__lte=cutoff)
    sent = 0
    for email_id in pending.values_list("pk", flat=True)[:500]:
        send_outbound_email.apply(args=[email_id])
        sent += 1
    return sent
