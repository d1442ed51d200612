"""Queue email for sending after commit. Other apps call these, never the model."""

import base64

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction

from portal.background import enqueue_on_commit

from .models import OutboundEmail

MAX_ATTEMPTS = 5


def queue_message(message, dedup_key=None):
    """Store a Django EmailMessage in the outbox and send it once the current
    transaction commits. With a dedup_key already used, nothing new is queued
    and None is returned."""
    html = ""
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            html = content
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append(
            {"filename": filename, "mimetype": mimetype, "content_b64": base64.b64encode(content).decode()}
        )
    fields = dict(
        to=list(message.to),
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        subject=message.subject[:255],
        body=message.body,
        html_body=html,
        attachments=attachments,
        dedup_key=dedup_key,
    )
    if dedup_key is None:
        email = OutboundEmail.objects.create(**fields)
    else:
        try:
            with transaction.atomic():
                email = OutboundEmail.objects.create(**fields)
        except IntegrityError:
            return None
    from .tasks import send_outbound_email

    enqueue_on_commit(send_outbound_email, email.pk)
    return email


def queue_email(to, subject, body, html_body="", attachments=(), dedup_key=None):
    """Queue a simple email. `attachments` are (filename, bytes, mimetype)."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=list(to))
    if html_body:
        message.attach_alternative(html_body, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return queue_message(message, dedup_key=dedup_key)


def build_message(email):
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.body, from_email=email.from_email, to=email.to
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    for item in email.attachments:
        message.attach(item["filename"], base64.b64decode(item["content_b64"]), item["mimetype"])
    return message
