"""Confirming her account's deletion: her password, or a code texted to her verified number
when she has no password (she signed up by phone or WeChat)."""

import hashlib
import hmac
import time

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

CODE_SESSION_KEY = "privacy_deletion_code"
CODE_LIFETIME_SECONDS = 10 * 60
CODE_ATTEMPTS = 3


def _digest(code):
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


def remember_code(session, code):
    session[CODE_SESSION_KEY] = {"digest": _digest(code), "until": time.time() + CODE_LIFETIME_SECONDS,
                                 "attempts": 0}


def confirmation_method(user):
    """"password", "code" (no password, a verified number) or None (neither: she must add one first)."""
    if user.has_usable_password():
        return "password"
    if user.phone and user.phone_verified:
        return "code"
    return None


class DeletionForm(forms.Form):
    def __init__(self, user, session, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.session = user, session
        self.method = confirmation_method(user)
        if self.method == "password":
            self.fields["password"] = forms.CharField(
                label=_("Your password"), strip=False, max_length=200,
                widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
        elif self.method == "code":
            self.fields["code"] = forms.CharField(
                label=_("Code from the text message"), max_length=6, min_length=6,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}))

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password. Nothing has been deleted."))
        return password

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        kept = self.session.get(CODE_SESSION_KEY)
        if not kept or kept["until"] < time.time() or kept["attempts"] >= CODE_ATTEMPTS:
            raise forms.ValidationError(_("Please ask for a new code first."))
        if not hmac.compare_digest(kept["digest"], _digest(code)):
            self.session[CODE_SESSION_KEY] = {**kept, "attempts": kept["attempts"] + 1}
            raise forms.ValidationError(_("This code is not right. Nothing has been deleted."))
        del self.session[CODE_SESSION_KEY]
        return code

    def clean(self):
        if self.method is None:
            raise forms.ValidationError(_("Please set a password or verify your mobile number first, "
                                          "so that we can make sure it is you."))
        return super().clean()
