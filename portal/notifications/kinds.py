"""Kinds of message, and the channels each goes by unless she chooses otherwise.

She chooses per kind on her account page (email, SMS); every kind she can
choose for also lands in her notification centre, which is the record of what
the portal told her. Account messages (sign-in codes, confirmation links,
password resets) are not hers to switch off: they go by the channel the step
uses, and stay out of the centre.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

EMAIL, SMS, SITE = "email", "sms", "site"


class Kind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Booking and enrolment confirmations")
    REMINDER = "reminder", _("Reminders before a session")
    OFFER = "offer", _("Waitlist offers")
    APPLICATION = "application", _("Application updates")
    JOB_ALERT = "job_alert", _("Job alerts for saved searches")
    FEEDBACK = "feedback", _("Requests for feedback after a consultation")
    POSTING = "posting", _("News about my job postings")
    APPLICANTS = "applicants", _("New applicants and reminders to answer")
    INTERVIEW = "interview", _("Interview invitations")
    PRIVACY = "privacy", _("My data: exports and account deletion")
    ACCOUNT = "account", _("Account and sign-in")


# What she may choose for (every kind but account messages).
CHOOSABLE = [kind for kind in Kind if kind != Kind.ACCOUNT]
# Kinds only an employer's account receives; a graduate is not offered them.
EMPLOYER_KINDS = {Kind.POSTING, Kind.APPLICANTS}
# Time-critical kinds go by SMS too, when she has a verified number.
SMS_BY_DEFAULT = {Kind.REMINDER, Kind.OFFER, Kind.INTERVIEW}


def default_channels(kind, has_email, has_phone):
    """The channels of `kind` for someone who has not chosen: email when she has
    an address, SMS for time-critical messages (or for everything but job alerts
    when she has only a number); the notification centre always."""
    channels = []
    if has_email:
        channels.append(EMAIL)
    if has_phone and (kind in SMS_BY_DEFAULT or (not has_email and kind != Kind.JOB_ALERT)):
        channels.append(SMS)
    return [*channels, SITE]
