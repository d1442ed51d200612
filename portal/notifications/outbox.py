"""The email outbox: rows written in the transaction that causes a message, sent
by a Celery task after commit. Only services.send() writes here; the tasks read."""

import base64

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction

from portal.background import enqueue_on_commit

from .models import OutboundEmail

MAX_ATTEMPTS = 5


def queue_email(to, subject, body, html_body="", attachments=(), dedup_key=None, template=""):
    """Store an email and send it once the current transaction commits.
    `attachments` are (filename, bytes, mimetype). With a dedup_key already used,
    nothing new is queued and None is returned."""
    fields = dict(
        to=list(to),
        from_email=settings.DEFAULT_FROM_EMAIL,
        subject=subject[:255],
        body=body,
        html_body=html_body,
        attachments=[
            {"filename": filename, "mimetype": mimetype, "content_b64": base64.b64encode(content).decode()}
            for filename, content, mimetype in attachments
        ],
        dedup_key=dedup_key,
        template=template,
    )
    if dedup_key is None:
        email = OutboundEmail.objects.create(**fields)
    else:
        try:
            # A savepoint: the refused duplicate leaves the caller's transaction usable.
            with transaction.atomic():
                email = OutboundEmail.objects.create(**fields)
        except IntegrityError:
            return None
    from .tasks import send_outbound_email

    enqueue_on_commit(send_outbound_email, email.pk)
    return email


def build_message(email):
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.body, from_email=email.from_email, to=email.to
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    for item in email.attachments:
        message.attach(item["filename"], base64.b64decode(item["content_b64"]), item["mimetype"])
    return message
