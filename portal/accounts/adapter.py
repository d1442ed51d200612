from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import get_language

from portal.client import client_ip
from portal.errors import ServiceError
from portal.homes import HOME_SESSION_KEY, landing_url
from portal.notifications import sms
from portal.notifications.kinds import Kind
from portal.notifications.services import Recipient, send, send_text
from portal.redirects import safe_next

from . import phone as phones
from .models import User

# The links allauth puts in its emails' contexts.
LINK_KEYS = ("activate_url", "password_reset_url", "signup_url")
# allauth's email verification stage, replaced by ours (see VerifiedEmailStage).
ALLAUTH_EMAIL_STAGE = "allauth.account.stages.EmailVerificationStage"


def on_public_site(url):
    """allauth builds its links from the request's host; messages link to SITE_URL."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return settings.SITE_URL + path


def our_template(template_prefix):
    """allauth's "account/email/x" is our "account/messages/x" (portal/templates)."""
    return template_prefix.replace("account/email/", "account/messages/", 1)


class AccountAdapter(DefaultAccountAdapter):
    # --- where she lands -----------------------------------------------------------------------------------------

    def get_login_redirect_url(self, request):
        """Her own home by her role (portal/homes.py), unless a page of ours asked to come back."""
        home = landing_url(request.user)
        # The header's "my account" link goes to this home from now on (home_tags).
        request.session[HOME_SESSION_KEY] = home
        return safe_next(request, home)

    # --- email ---------------------------------------------------------------------------------------------------

    def send_mail(self, template_prefix, email, context):
        """allauth's emails go the way every message goes (portal.notifications):
        our own templates, her language and name when the address has an account,
        the outbox."""
        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        if user is not None and (user.email or "").lower() == email.lower():
            to = user
        else:  # no account yet, or a second address: write in the language of the page she used
            to = Recipient(email=email, language=get_language() or settings.LANGUAGE_CODE)
        context = {**context, "email": email}
        for key in LINK_KEYS:
            if context.get(key):
                context[key] = on_public_site(context[key])
        send(to, our_template(template_prefix), context, kind=Kind.ACCOUNT)

    def get_client_ip(self, request):
        """allauth's rate limits count per address: the one portal.client reads, not
        X-Forwarded-For from anyone."""
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def get_login_stages(self):
        return [("portal.accounts.stages.VerifiedEmailStage" if path == ALLAUTH_EMAIL_STAGE else path)
                for path in super().get_login_stages()]

    # --- mobile numbers ------------------------------------------------------------------------------------------

    def phone_form_field(self, **kwargs):
        return phones.MobileNumberField(**kwargs)

    def set_phone(self, user, phone, verified):
        # An unproven claim by someone else gives way; a verified number never reaches here
        # (allauth answers "already exists" for it without creating anything).
        User.objects.filter(phone=phone, phone_verified=False).exclude(pk=user.pk).update(phone=None)
        user.phone, user.phone_verified = phone, verified
        user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user):
        return (str(user.phone), user.phone_verified) if user.phone else None

    def set_phone_verified(self, user, phone):
        # Whoever typed this number earlier without proving it loses the claim.
        User.objects.filter(phone=phone, phone_verified=False).exclude(pk=user.pk).update(phone=None)
        user.phone, user.phone_verified = phone, True
        user.save(update_fields=["phone", "phone_verified"])

    def get_user_by_phone(self, phone):
        return User.objects.filter(phone=phone, phone_verified=True, is_active=True).first()

    def _send_code_text(self, phone, template, context, params):
        refusal = phones.code_refusal(phone)
        if refusal:
            # Nothing is texted; she reads why on the problem page (429), not a "code sent" message.
            raise ServiceError("too_many_codes", refusal, 429)
        send_text(phone, template, context, sms=params)

    def send_verification_code_sms(self, user, phone, code, **kwargs):
        purpose = "login_code" if self._is_login_code(user) else "verification_code"
        self._send_code_text(phone, f"account/messages/{purpose}", {"code": code}, {"code": code})

    def _is_login_code(self, user):
        """allauth texts both sign-up verification and sign-in codes through one method:
        a user whose number is already verified is signing in."""
        return bool(user and user.phone_verified)

    def send_unknown_account_sms(self, phone, **kwargs):
        # The same "code sent" answer as for a known number, so numbers cannot be probed.
        self._send_code_text(phone, "account/messages/unknown_account", {}, {})

    def send_account_already_exists_sms(self, phone):
        self._send_code_text(phone, "account/messages/account_already_exists", {}, {})

    def mask(self, phone):
        return sms.mask(phone)
