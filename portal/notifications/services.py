"""The one way the portal sends a message: `send(to, template, context)`.

    send(booking.seeker, "consultants/email/booking", {"booking": booking, "url": SiteLink(...)},
         dedup_key=f"booking:{booking.pk}:confirmed:seeker", calendar=lambda: ics_event(booking))

- `to` is a User (her address, her language, her name) or a Recipient.
- `template` names three files: `<template>_subject.txt`, `<template>_message.txt`
  and `<template>_message.html` (allauth's convention, so its emails use the same
  path). The two bodies extend notifications/email/base_message.{txt,html}.
- Everything is rendered in her language and in `time_zone` (default Beijing
  time); the site name comes from the site settings, links from SITE_URL (use
  `SiteLink` in the context: it resolves in her language).
- `calendar` is a portal.calendar.Event, or a function returning one that is
  called inside her language, attached as an invitation (METHOD:REQUEST, or
  CANCEL when the event is cancelled).
- The message goes to the outbox in the caller's transaction and is sent after
  commit; a `dedup_key` already used queues nothing and returns None.
"""

from dataclasses import dataclass

from django.conf import settings
from django.template import Context, engines
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal import calendar as ics
from portal.pages.models import SiteIdentity

from .links import SiteLink, absolute_url
from .outbox import queue_email


@dataclass(frozen=True)
class Recipient:
    """Someone to write to who may have no account (an employer's contact address)."""

    email: str
    language: str = settings.LANGUAGE_CODE
    name: str = ""


def recipient_for(to):
    if isinstance(to, Recipient):
        return to
    # Greeted by the name she gave, or not by name at all (never by her email address).
    return Recipient(email=to.email, language=to.language or settings.LANGUAGE_CODE, name=to.display_name)


def _render_plain(name, context):
    """Subjects and text bodies are plain text: no HTML escaping of "R&D" or quotes."""
    template = engines["django"].get_template(name).template
    return template.render(Context(context, autoescape=False))


def render(to, template, context=None, time_zone=None):
    """(subject, text, html) of a message as `to` will read it."""
    recipient = recipient_for(to)
    with translation.override(recipient.language), timezone.override(time_zone or settings.TIME_ZONE):
        site_name = SiteIdentity.for_default_site().name_in(recipient.language)
        full_context = {
            "site_name": site_name,
            "site_url": absolute_url("/"),
            "account_url": SiteLink("account_settings"),
            "recipient_name": recipient.name,
            **(context or {}),
        }
        subject = " ".join(_render_plain(f"{template}_subject.txt", full_context).split())
        text = _render_plain(f"{template}_message.txt", full_context).strip() + "\n"
        html = render_to_string(f"{template}_message.html", full_context)
    return subject, text, html


def send(to, template, context=None, *, dedup_key=None, calendar=None, time_zone=None):
    recipient = recipient_for(to)
    if not recipient.email:
        return None
    subject, text, html = render(recipient, template, context, time_zone)
    attachments = []
    if calendar is not None:
        with translation.override(recipient.language), timezone.override(time_zone or settings.TIME_ZONE):
            event = calendar() if callable(calendar) else calendar
        attachments.append(ics.invitation(event, recipient.email))
    return queue_email([recipient.email], subject, text, html_body=html, attachments=attachments,
                       dedup_key=dedup_key, template=template)
