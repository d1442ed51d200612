"""allauth's sign-up and login forms as the portal uses them (ACCOUNT_FORMS).

Kept apart from forms.py: allauth builds its sign-up form on top of
ConsentSignupForm (ACCOUNT_SIGNUP_FORM_CLASS), which it imports from there.
"""

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.socialaccount.forms import SignupForm as AllauthSocialSignupForm
from django.utils.translation import gettext_lazy as _

from .models import User


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form (with ConsentSignupForm's fields as its base).

    An address that already has an account gets the same answer as a new one
    ("check your email") and its owner an email saying so: allauth does this
    itself only with mandatory email verification, which we cannot switch on
    for everyone because those who sign up by phone give no address (see
    portal.accounts.stages)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].label = _("Mobile number")
        self.fields["phone"].help_text = _("We text a code to it. You may give your email instead, or both.")
        self.fields["email"].label = _("Email (optional with a mobile number)")

    def validate_unique_email(self, value):
        if User.objects.filter(email__iexact=value).exists():
            self.account_already_exists = True
            return value
        return super().validate_unique_email(value)


class SocialSignupForm(AllauthSocialSignupForm):
    """The sign-up of someone new who came through WeChat (SOCIALACCOUNT_FORMS).

    allauth builds it on ConsentSignupForm too, so she ticks the same privacy
    consent box and it is recorded the same way; nothing creates her account
    before she does (SocialAccountAdapter.is_auto_signup_allowed).

    Her mobile number and email address are both optional here, and unlike on
    the regular sign-up neither is required: her WeChat account is her way in
    (WeChat gives no email address, and no number), so demanding one would only
    stand between her and the portal. Given one, she can also sign in without
    WeChat once it is verified (a texted code, a confirmation email).
    """

    needs_phone_or_email = False


class LoginForm(AllauthLoginForm):
    """Her mobile number or her email address, and her password (or a code, from
    the link below the form)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("Mobile number or email")
        login.widget.attrs.update({"placeholder": "138 1234 5678", "autocomplete": "username"})
