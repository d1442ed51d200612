import logging
import os
import socket
import threading
import time
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError, transaction
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


# Exactly once, and where it cannot be, at most once with a flag for a person.
#
# 1. claim: in a short transaction the row is locked and moved pending → sending
#    with claimed_at/claimed_by (the lease). A crash before this commits leaves it
#    pending: sent later, nothing went out.
# 2. handed_at is committed on its own just before calling SMTP or the provider.
#    A crash between the claim and this commit leaves `sending` without
#    handed_at: after the lease it is certainly unsent and goes back to pending.
# 3. the provider is called. A crash from here on leaves `sending` with handed_at
#    (and, before step 4, no provider id in the row): SMTP gives no receipt, so we
#    cannot know whether it went out. After the lease the flush marks it
#    `uncertain` for an operator (admin → outbound messages) and never resends
#    it: a duplicate email is worse than one she may ask for again. The window
#    between handed_at's commit and the provider accepting the message is the one
#    place where a message that did NOT go out is also marked uncertain.
# 4. sent: provider id, status and sent_at are committed together, guarded by the
#    claim, so a sender whose lease was taken over cannot overwrite the row. The
#    message has gone out by now, so a database that is busy (SQLite's one write
#    lock under a crowd, a PostgreSQL lock timeout) is waited out a few times
#    rather than left for step 3's "uncertain"; and the task never raises or
#    retries from here, since a retry would send it again.
LEASE_SECONDS = 300
RECORD_RETRY_DELAYS = (0.2, 0.5, 1, 2, 4)  # seconds between tries to record a sent message


def _worker_id():
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def _claim(message_id, claimant):
    with transaction.atomic():
        message = OutboundMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != OutboundMessage.Status.PENDING:
            return None
        message.status = OutboundMessage.Status.SENDING
        message.claimed_at, message.claimed_by, message.handed_at = timezone.now(), claimant, None
        message.attempts += 1
        message.save(update_fields=["status", "claimed_at", "claimed_by", "handed_at", "attempts"])
        return message


def _pause_for_tests(point):
    """Test settings only: sleep at a crash window so a test can SIGKILL us there."""
    if getattr(settings, "OUTBOX_TEST_PAUSE", None) == point:
        time.sleep(float(getattr(settings, "OUTBOX_TEST_PAUSE_SECONDS", 30)))


@shared_task(bind=True, max_retries=MAX_ATTEMPTS, default_retry_delay=30)
def send_outbound_message(self, message_id):
    """Send one queued email or text message at most once (see above)."""
    claimant = _worker_id()
    message = _claim(message_id, claimant)
    if message is None:
        return
    mine = OutboundMessage.objects.filter(pk=message.pk, status=OutboundMessage.Status.SENDING, claimed_by=claimant)
    mine.update(handed_at=timezone.now())
    try:
        provider_id = deliver(message) or ""
    except Exception as exc:  # SMTP, network and provider errors vary by backend
        status = OutboundMessage.Status.FAILED if message.attempts >= MAX_ATTEMPTS else OutboundMessage.Status.PENDING
        mine.update(status=status, last_error=str(exc)[:2000], handed_at=None)
        recipient = sms.mask(message.to[0]) if message.channel == Channel.SMS else message.pk
        logger.warning("%s %s not sent (attempt %s): %s", message.channel, recipient, message.attempts, exc)
        failed = status == OutboundMessage.Status.PENDING
    else:
        _pause_for_tests("after_send")
        _record_sent(mine, message, provider_id)
        failed = False
    if failed and not self.request.is_eager:
        raise self.retry(countdown=30 * message.attempts)


def _record_sent(mine, message, provider_id):
    for delay in (*RECORD_RETRY_DELAYS, None):
        try:
            mine.update(status=OutboundMessage.Status.SENT, sent_at=timezone.now(), provider_id=provider_id)
            return
        except DatabaseError as exc:
            if delay is None:
                # Left `sending` with handed_at: the flush marks it uncertain after
                # the lease and never sends it again.
                logger.error("outbound message %s went out but could not be recorded: %s", message.pk, exc)
                return
            logger.warning("outbound message %s went out; recording it waits for the database: %s", message.pk, exc)
            time.sleep(delay)


def recover_expired_claims(lease_seconds=LEASE_SECONDS):
    """Rows left `sending` by a sender that died: never handed over → pending;
    handed over without a receipt → uncertain (see above)."""
    expired = OutboundMessage.objects.filter(
        status=OutboundMessage.Status.SENDING, claimed_at__lt=timezone.now() - timedelta(seconds=lease_seconds))
    back = expired.filter(handed_at__isnull=True).update(status=OutboundMessage.Status.PENDING)
    unsure = expired.filter(handed_at__isnull=False, provider_id="")
    for pk in unsure.values_list("pk", flat=True):
        logger.error("outbound message %s was handed over by a sender that died: marked uncertain", pk)
    uncertain = unsure.update(status=OutboundMessage.Status.UNCERTAIN)
    received = expired.exclude(provider_id="").update(status=OutboundMessage.Status.SENT)
    return back, uncertain, received


@shared_task
def flush_outbox(older_than_seconds=60):
    """Send what is still pending a while after it was queued: messages whose task
    could not be enqueued because the broker was down, or whose retries ran out
    of a worker that died."""
    recover_expired_claims()
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    pending = OutboundMessage.objects.filter(status=OutboundMessage.Status.PENDING, created_at__lte=cutoff)
    sent = 0
    for message_id in pending.values_list("pk", flat=True)[:500]:
        send_outbound_message.apply(args=[message_id])
        sent += 1
    return sent
