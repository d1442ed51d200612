"""Mobile numbers as a way in: the form field, and the limits on texting codes.

Numbers are mainland Chinese mobile numbers, stored in E.164 (+8613812345678).
A number belongs to one account once verified; an unverified claim is released
when someone else verifies it, so nobody can block a number by typing it.

Codes (sign-up verification, sign-in by code) are limited per number across
both flows, counted in the outbox itself so the limit holds whatever the cache
does: one per minute and ten a day. allauth's own rate limits (settings,
ACCOUNT_RATE_LIMITS) add per-address limits in front.
"""

from datetime import timedelta

import phonenumbers
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

# Every text the sign-in steps send to a number counts against its limits.
CODE_TEMPLATES = tuple(f"account/messages/{name}" for name in (
    "verification_code", "login_code", "unknown_account", "account_already_exists"))
CODE_INTERVAL = timedelta(seconds=60)
CODES_PER_DAY = 10


class MobileNumberField(PhoneNumberField):
    """A mainland China mobile number, typed as people write it (138 1234 5678,
    +86 138-1234-5678), cleaned to its E.164 string, which is what allauth keeps."""

    default_validators = []  # to_python says what is wrong, in our words
    default_error_messages = {
        "invalid": _("Please enter a mainland China mobile number, e.g. 138 1234 5678."),
        "not_mobile": _("This is not a mobile number. Please enter the mobile number we can text a code to."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Mobile number"))
        kwargs.setdefault("region", "CN")
        kwargs.setdefault("widget", forms.TextInput(attrs={
            "type": "tel", "autocomplete": "tel", "inputmode": "tel", "placeholder": "138 1234 5678"}))
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def to_python(self, value):
        number = super().to_python(value)
        if number in self.empty_values:
            return number
        if not number.is_valid() or phonenumbers.region_code_for_number(number) != "CN":
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        kind = phonenumbers.number_type(number)
        if kind not in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
            raise forms.ValidationError(self.error_messages["not_mobile"], code="not_mobile")
        return number

    def clean(self, value):
        number = super().clean(value)
        return number.as_e164 if number not in self.empty_values else ""


def code_refusal(number, now=None):
    """Why no code may be texted to `number` now, or None."""
    from portal.notifications.models import Channel, OutboundMessage

    now = now or timezone.now()
    sent = OutboundMessage.objects.filter(channel=Channel.SMS, to=[str(number)], template__in=CODE_TEMPLATES)
    if sent.filter(created_at__gt=now - CODE_INTERVAL).exists():
        return _("A code was sent to this number less than a minute ago. Please wait a moment before asking again.")
    if sent.filter(created_at__gt=now - timedelta(days=1)).count() >= CODES_PER_DAY:
        return _("This number has had 10 codes today, the most we send in a day. Please try again tomorrow.")
    return None
