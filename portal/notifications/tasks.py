import logging
from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from . import sms
from .models import Channel, OutboundMessage
from .outbox import MAX_ATTEMPTS, build_email

logger = logging.getLogger(__name__)


def deliver(message):
    """Hand one message to its channel; returns the provider's id where there is one."""
    if message.channel == Channel.SMS:
        return sms.backend().send(message)
    build_email(message).send()
    return ""


@shared_task(bind=True, max_retries=MAX_ATTEMPTS, default_retry_delay=30)
def send_outbound_message(self, message_id):
    """Send one queued email or text message, at most once. Safe to run twice or
    concurrently: the row is locked and a sent row is skipped."""
    with transaction.atomic():
        message = OutboundMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != OutboundMessage.Status.PENDING:
            return
        message.attempts += 1
        try:
            message.provider_id = deliver(message) or ""
        except Exception as exc:  # SMTP, network and provider errors vary by backend
            message.last_error = str(exc)[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutboundMessage.Status.FAILED
            message.save(update_fields=["attempts", "last_error", "status"])
            recipient = sms.mask(message.to[0]) if message.channel == Channel.SMS else message.pk
            logger.warning("%s %s not sent (attempt %s): %s", message.channel, recipient, message.attempts, exc)
            failed = message.status == OutboundMessage.Status.PENDING
        else:
            message.status = OutboundMessage.Status.SENT
            message.sent_at = timezone.now()
            message.save(update_fields=["attempts", "status", "sent_at", "provider_id"])
            failed = False
    if failed and not self.request.is_eager:
        raise self.retry(countdown=30 * message.attempts)


@shared_task
def flush_outbox(older_than_seconds=60):
    """Send what is still pending a while after it was queued: messages whose task
    could not be enqueued because the broker was down, or whose retries ran out
    of a worker that died."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    pending = OutboundMessage.objects.filter(status=OutboundMessage.Status.PENDING, created_at__lte=cutoff)
    sent = 0
    for message_id in pending.values_list("pk", flat=True)[:500]:
        send_outbound_message.apply(args=[message_id])
        sent += 1
    return sent
