from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.translation import get_language

from portal.notifications.services import Recipient, send

from .models import User

# The links allauth puts in its emails' contexts.
LINK_KEYS = ("activate_url", "password_reset_url", "signup_url")


def on_public_site(url):
    """allauth builds its links from the request's host; messages link to SITE_URL."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return settings.SITE_URL + path


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """allauth's emails go the way every message goes (portal.notifications):
        our own templates under the same names (portal/templates/account/email/),
        her language and name when the address has an account, the outbox."""
        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        if user is not None and user.email.lower() == email.lower():
            to = user
        else:  # no account yet, or a second address: write in the language of the page she used
            to = Recipient(email=email, language=get_language() or settings.LANGUAGE_CODE)
        context = {**context, "email": email}
        for key in LINK_KEYS:
            if context.get(key):
                context[key] = on_public_site(context[key])
        send(to, template_prefix, context)
