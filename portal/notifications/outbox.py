"""The outbox: rows written in the transaction that causes a message, sent by a
Celery task after commit. Only services.send() (and the sign-in codes) write
here; the tasks read."""

import base64

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction

from portal.background import enqueue_on_commit

from .models import Channel, OutboundMessage

MAX_ATTEMPTS = 5


def _queue(fields, dedup_key):
    """Create the row and send it after commit; None when the dedup key was used."""
    if dedup_key is None:
        message = OutboundMessage.objects.create(**fields)
    else:
        try:
            # A savepoint: the refused duplicate leaves the caller's transaction usable.
            with transaction.atomic():
                message = OutboundMessage.objects.create(dedup_key=dedup_key, **fields)
        except IntegrityError:
            return None
    from .tasks import send_outbound_message

    enqueue_on_commit(send_outbound_message, message.pk)
    return message


def queue_email(to, subject, body, html_body="", attachments=(), dedup_key=None, template="", kind="account"):
    """Store an email. `attachments` are (filename, bytes, mimetype)."""
    return _queue(dict(
        channel=Channel.EMAIL, to=list(to), from_email=settings.DEFAULT_FROM_EMAIL, subject=subject[:255],
        body=body, html_body=html_body, template=template, kind=kind,
        attachments=[
            {"filename": filename, "mimetype": mimetype, "content_b64": base64.b64encode(content).decode()}
            for filename, content, mimetype in attachments
        ],
    ), dedup_key)


def queue_sms(number, body, params, dedup_key=None, template="", kind="account"):
    """Store a text message to one mobile number (E.164)."""
    return _queue(dict(channel=Channel.SMS, to=[str(number)], body=body, params=params, template=template,
                       kind=kind), dedup_key)


def build_email(message):
    email = EmailMultiAlternatives(
        subject=message.subject, body=message.body, from_email=message.from_email, to=message.to
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    for item in message.attachments:
        email.attach(item["filename"], base64.b64decode(item["content_b64"]), item["mimetype"])
    return email
