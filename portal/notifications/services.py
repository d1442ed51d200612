"""The one way the portal sends a message: `send(to, template, context, kind=...)`.

    send(booking.seeker, "consultants/messages/booking", {"booking": booking, "url": link},
         kind=Kind.CONFIRMATION, dedup_key=f"booking:{booking.pk}:confirmed:seeker",
         sms={"time": "12月5日 14:00"}, link=link, calendar=lambda: booking_event(booking))

- `to` is a User (her address, her verified number, her language, her name and
  her channel choices) or a Recipient (an address with no account).
- `kind` (kinds.Kind) decides the channels: those she chose for it, else its
  defaults. Account messages go by email only and stay out of the centre.
- `template` names the files of each channel: `<template>_subject.txt`,
  `_message.txt` and `_message.html` for email (allauth's convention, so its
  emails use the same path; the bodies extend notifications/messages/base_message),
  `_sms.txt` for a text message, which goes only where `sms` (the named values a
  provider's approved template is filled with) is given.
- Every channel is rendered in her language and in `time_zone` (default Beijing
  time); the site name comes from the site settings, links from SITE_URL (put
  `SiteLink`s in the context: they resolve in her language).
- `calendar` is a portal.calendar.Event, or a function returning one that is
  called inside her language, attached to the email as an invitation.
- `link` is the page the notification centre's entry leads to.
- Everything is written in the caller's transaction (outbox rows, the centre's
  entry) and sent after commit; a `dedup_key` already used queues nothing.
  Returns the rows written (empty when there was nothing to do).
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template import Context, engines
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal import calendar as ics
from portal.pages.models import SiteIdentity

from . import kinds
from .kinds import Kind
from .links import SiteLink, absolute_url
from .models import ChannelPreference, Notification
from .outbox import queue_email, queue_sms


@dataclass(frozen=True)
class Recipient:
    """Someone to write to: an address with no account (an employer's contact
    address, a sign-up not finished), or what send() reads of a user."""

    email: str = ""
    language: str = settings.LANGUAGE_CODE
    name: str = ""
    phone: str = ""
    user: object = None


def recipient_for(to):
    if isinstance(to, Recipient):
        return to
    # Greeted by the name she gave, or not by name at all (never by her email address);
    # written to by SMS only at a number she has verified.
    return Recipient(email=to.email or "", language=to.language or settings.LANGUAGE_CODE, name=to.display_name,
                     phone=str(to.phone) if to.phone and to.phone_verified else "", user=to)


def channels_for(recipient, kind):
    """The channels a message of `kind` goes by to this recipient."""
    if kind == Kind.ACCOUNT or recipient.user is None:
        return [kinds.EMAIL]
    chosen = ChannelPreference.objects.filter(user=recipient.user, kind=kind).values_list("channels", flat=True).first()
    if chosen is None:
        chosen = kinds.default_channels(kind, bool(recipient.email), bool(recipient.phone))
    return [*dict.fromkeys([*chosen, kinds.SITE])]


def _render_plain(name, context):
    """Subjects, text bodies and SMS are plain text: no HTML escaping of "R&D" or quotes."""
    template = engines["django"].get_template(name).template
    return template.render(Context(context, autoescape=False))


class _Rendering:
    """One message in one recipient's language, each part rendered when asked for."""

    def __init__(self, recipient, template, context, time_zone):
        self.recipient, self.template, self.time_zone = recipient, template, time_zone or settings.TIME_ZONE
        self.context = context or {}

    def __enter__(self):
        self._language = translation.override(self.recipient.language)
        self._zone = timezone.override(self.time_zone)
        self._language.__enter__()
        self._zone.__enter__()
        site_name = SiteIdentity.for_default_site().name_in(self.recipient.language)
        self.full_context = {
            "site_name": site_name,
            "site_url": absolute_url("/"),
            "account_url": SiteLink("account_settings"),
            "recipient_name": self.recipient.name,
            # A text message says who sends it first, as people there expect: 【巾帼职达】 / [Jinguo Careers].
            "sms_sign": f"【{site_name}】" if self.recipient.language == "zh-hans" else f"[{site_name}] ",
            **self.context,
        }
        return self

    def __exit__(self, *exc):
        self._zone.__exit__(*exc)
        self._language.__exit__(*exc)

    def subject(self):
        return " ".join(_render_plain(f"{self.template}_subject.txt", self.full_context).split())

    def text(self, in_centre=False):
        return _render_plain(f"{self.template}_message.txt", {**self.full_context, "in_centre": in_centre}).strip()

    def html(self):
        return render_to_string(f"{self.template}_message.html", self.full_context)

    def sms(self):
        return " ".join(_render_plain(f"{self.template}_sms.txt", self.full_context).split())


def render(to, template, context=None, time_zone=None):
    """(subject, text, html) of the email as `to` will read it."""
    with _Rendering(recipient_for(to), template, context, time_zone) as rendering:
        return rendering.subject(), rendering.text() + "\n", rendering.html()


def _notify(recipient, rendering, kind, dedup_key, link):
    fields = dict(user=recipient.user, kind=kind, template=rendering.template, title=rendering.subject()[:255],
                  body=rendering.text(in_centre=True), url=str(link or "").removeprefix(settings.SITE_URL))
    try:
        with transaction.atomic():
            return Notification.objects.create(dedup_key=dedup_key, **fields)
    except IntegrityError:
        return None


def send(to, template, context=None, *, kind, dedup_key=None, calendar=None, time_zone=None, sms=None, link=None):
    recipient = recipient_for(to)
    if recipient.user is not None and getattr(recipient.user, "erased_at", None):
        return []  # her account was erased (portal/privacy): nothing more is written about her
    channels = channels_for(recipient, kind)
    written = []
    with _Rendering(recipient, template, context, time_zone) as rendering:
        if kinds.EMAIL in channels and recipient.email:
            attachments = []
            if calendar is not None:
                event = calendar() if callable(calendar) else calendar
                attachments.append(ics.invitation(event, recipient.email))
            written.append(queue_email([recipient.email], rendering.subject(), rendering.text() + "\n",
                                       html_body=rendering.html(), attachments=attachments, dedup_key=dedup_key,
                                       template=template, kind=kind))
        if kinds.SMS in channels and recipient.phone and sms is not None:
            written.append(queue_sms(recipient.phone, rendering.sms(), sms, template=template, kind=kind,
                                     dedup_key=f"{dedup_key}:sms" if dedup_key else None))
        if kinds.SITE in channels and recipient.user is not None and kind != Kind.ACCOUNT:
            written.append(_notify(recipient, rendering, kind, dedup_key, link))
    return [row for row in written if row is not None]


def send_text(number, template, context=None, *, sms, language=None, dedup_key=None):
    """A text message to a number that is not (yet) a verified channel of hers:
    sign-up and sign-in codes, and their neutral answers."""
    recipient = Recipient(phone=str(number), language=language or translation.get_language() or settings.LANGUAGE_CODE)
    with _Rendering(recipient, template, context, None) as rendering:
        return queue_sms(recipient.phone, rendering.sms(), sms, template=template, kind=Kind.ACCOUNT,
                         dedup_key=dedup_key)


def local_time(moment, time_zone=None):
    """A moment as a value of the provider's approved (Chinese) SMS template:
    "12月5日（周六）14:00", in local time (portal/dates.py)."""
    from portal import dates

    return dates.when(moment, "zh-hans", time_zone or settings.TIME_ZONE)


def personal_data(user):
    """Her notifications and channel choices in her data export (portal/privacy)."""
    return {"name": "notifications", "records": {
        "notifications": [{"kind": row.kind, "title": row.title, "text": row.body, "address": row.url,
                           "created_at": row.created_at.isoformat(),
                           "read_at": row.read_at.isoformat() if row.read_at else None}
                          for row in Notification.objects.filter(user=user).order_by("created_at", "pk")],
        "channel_choices": dict(ChannelPreference.objects.filter(user=user).values_list("kind", "channels")),
    }, "files": []}


def erase_personal_data(user):
    """Her notification centre, her channel choices, and every email or text message kept in
    the outbox with her address or number (sent, or queued by the erasure itself)."""
    from .models import OutboundMessage

    Notification.objects.filter(user=user).delete()
    ChannelPreference.objects.filter(user=user).delete()
    for address in filter(None, [user.email, str(user.phone or "")]):
        OutboundMessage.objects.filter(to=[address]).delete()
