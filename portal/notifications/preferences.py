"""Her choice of channels per kind of message, as her account page shows and
saves it. services.channels_for() reads the same rows when a message is sent.

She chooses email and SMS; the notification centre is always on. A row is kept
only where her choice differs from the kind's defaults: choosing the defaults
again removes it, so she keeps following them (a reminder goes by SMS too once
she verifies a number, as for everyone who has not chosen otherwise).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from portal.errors import ServiceError

from . import kinds
from .models import ChannelPreference

# The channels she may switch; the centre (kinds.SITE) is not one of them.
OPTIONAL = (kinds.EMAIL, kinds.SMS)


def choosable_kinds(user):
    """The kinds she chooses for: news about job postings only for employer accounts."""
    is_employer = hasattr(user, "employer_membership")
    return [kind for kind in kinds.CHOOSABLE if kind not in kinds.EMPLOYER_KINDS or is_employer]


def reachable(user):
    """(has an email address, has a verified mobile number): the channels that can reach her."""
    return bool(user.email), bool(user.phone and user.phone_verified)


def defaults(user, kind):
    has_email, has_phone = reachable(user)
    return [channel for channel in kinds.default_channels(kind, has_email, has_phone) if channel in OPTIONAL]


def current(user):
    """{kind: the optional channels she gets it by}: her choice, else the kind's defaults."""
    chosen = dict(ChannelPreference.objects.filter(user=user).values_list("kind", "channels"))
    return {
        kind: [channel for channel in chosen[kind] if channel in OPTIONAL] if kind in chosen else defaults(user, kind)
        for kind in choosable_kinds(user)
    }


def check(user, kind, channels):
    """Refuse, with a ServiceError she can read, a choice she cannot make."""
    if kind not in choosable_kinds(user):
        raise ServiceError("unknown_kind", _("There is no such kind of message to choose for."))
    unknown = set(channels) - set(OPTIONAL)
    if unknown:
        raise ServiceError("unknown_channel", _("There is no such way to send a message."))
    has_email, has_phone = reachable(user)
    if kinds.SMS in channels and not has_phone:
        raise ServiceError("phone_not_verified", _("Text messages need a verified mobile number."))
    if kinds.EMAIL in channels and not has_email:
        raise ServiceError("no_email", _("Emails need an email address on your account."))


def save(user, choices):
    """Store {kind: channels} for her, all or nothing."""
    for kind, channels in choices.items():
        check(user, kind, channels)
    with transaction.atomic():
        for kind, channels in choices.items():
            chosen = [channel for channel in OPTIONAL if channel in channels]
            if chosen == defaults(user, kind):
                ChannelPreference.objects.filter(user=user, kind=kind).delete()
            else:
                ChannelPreference.objects.update_or_create(
                    user=user, kind=kind, defaults={"channels": [*chosen, kinds.SITE]})
