"""What other parts of the portal call about an account: her part of her data export and
what erasing her account does to it (portal/privacy, PERSONAL_DATA_PROVIDERS), and the
code texted to confirm a step with her verified number.

Erasure keeps the User row (inactive, with no address, number, name or password) and
her profile's school and city, which the per-school and per-district figures count;
her email addresses, WeChat link, tokens and the access log about her go.
"""

import secrets

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.errors import ServiceError
from portal.notifications.services import send_text

from . import phone as phones
from .access import reader_label
from .models import AccessRecord, PrivacyConsent, SeekerProfile
from .tokens import revoke_all


def _iso(value):
    return value.isoformat() if value else None


def personal_data(user):
    profile = SeekerProfile.objects.filter(user=user).first()
    records = AccessRecord.objects.filter(subject=user).select_related(
        "reader__employer_membership__employer", "reader__consultant")
    return {"name": "account", "records": {
        "account": {"email": user.email, "phone": str(user.phone or ""), "phone_verified": user.phone_verified,
                    "display_name": user.display_name, "language": user.language,
                    "date_joined": _iso(user.date_joined), "last_login": _iso(user.last_login),
                    "email_addresses": list(EmailAddress.objects.filter(user=user).values("email", "verified")),
                    "wechat_linked": SocialAccount.objects.filter(user=user).exists()},
        "profile": None if profile is None else {
            "school": profile.school, "major": profile.major, "degree": profile.degree,
            "graduation_year": profile.graduation_year, "city": profile.city, "preferences": profile.preferences},
        "privacy_consents": [{"notice_version": consent.notice_version, "consented_at": _iso(consent.consented_at)}
                             for consent in PrivacyConsent.objects.filter(user=user)],
        "access_log": [{"reader": str(reader_label(record.reader)), "what": record.what, "context": record.context,
                        "allowed": record.allowed, "at": _iso(record.at)} for record in records],
    }, "files": []}


def erase_personal_data(user):
    from axes.models import AccessAttempt, AccessLog

    if user.email:  # django-axes keeps sign-in attempts by the address typed
        AccessAttempt.objects.filter(username__iexact=user.email).delete()
        AccessLog.objects.filter(username__iexact=user.email).delete()
    EmailAddress.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    AccessRecord.objects.filter(subject=user).delete()
    revoke_all(user)
    SeekerProfile.objects.filter(user=user).update(major="", degree="", graduation_year=None, preferences="")
    user.email = None
    user.phone = None
    user.phone_verified = False
    user.display_name = user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.erased_at = timezone.now()
    user.save()


# ---------------------------------------------------------------- confirming with a texted code


def send_confirmation_code(user):
    """Text a 6-digit code to her verified number, as sign-in does (same message, same
    limits: one a minute, ten a day); returns the code for the caller to keep."""
    if not (user.phone and user.phone_verified):
        raise ServiceError("phone_not_verified", _("Your account has no verified mobile number."), 409)
    refusal = phones.code_refusal(user.phone)
    if refusal:
        raise ServiceError("too_many_codes", refusal, 429)
    code = f"{secrets.randbelow(10**6):06d}"
    send_text(user.phone, "account/messages/verification_code", {"code": code}, sms={"code": code},
              language=user.language)
    return code
