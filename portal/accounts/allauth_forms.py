"""allauth's sign-up and login forms as the portal uses them (ACCOUNT_FORMS).

Kept apart from forms.py: allauth builds its sign-up form on top of
ConsentSignupForm (ACCOUNT_SIGNUP_FORM_CLASS), which it imports from there.
"""

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
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


class LoginForm(AllauthLoginForm):
    """Her mobile number or her email address, and her password (or a code, from
    the link below the form)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("Mobile number or email")
        login.widget.attrs.update({"placeholder": "138 1234 5678", "autocomplete": "username"})
