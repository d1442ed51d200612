from django import forms
from django.conf import settings
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import PrivacyConsent, SeekerProfile, User


class ConsentSignupForm(forms.Form):
    """Extra sign-up fields; allauth's sign-up form inherits from this class.

    Consent is explicit: an unticked box by default, required, and recorded with
    the version of the notice she read and the time she agreed.
    """

    # allauth puts its own fields after ours unless told; consent comes last.
    field_order = ["phone", "email", "password1", "password2", "privacy_consent"]

    privacy_consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("Please read and agree to the privacy notice to create an account.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["privacy_consent"].label = format_html(
            _('I have read and agree to the <a href="{}" target="_blank" rel="noopener">privacy notice</a>'),
            reverse_lazy("privacy_notice"),
        )

    # allauth lists phone and email as optional; on the regular sign-up she
    # needs one of them to sign in again. (Not on the WeChat sign-up, whose
    # form sets this to False: see allauth_forms.SocialSignupForm.)
    needs_phone_or_email = True

    def clean(self):
        cleaned = super().clean()
        if self.needs_phone_or_email and "phone" in self.fields and not cleaned.get("phone") \
                and not cleaned.get("email") \
                and not self.has_error("phone") and not self.has_error("email"):
            self.add_error("email", forms.ValidationError(
                _("Please enter your mobile number or your email address."), code="no_login"))
        return cleaned

    def signup(self, request, user):
        PrivacyConsent.objects.create(user=user, notice_version=settings.PRIVACY_NOTICE_VERSION)
        # Her messages, starting with the confirmation email, follow the page she signed up on.
        user.language = get_language() or settings.LANGUAGE_CODE
        user.save(update_fields=["language"])


class SeekerProfileForm(forms.ModelForm):
    class Meta:
        model = SeekerProfile
        fields = ["school", "major", "degree", "graduation_year", "city", "preferences"]
        widgets = {"preferences": forms.Textarea(attrs={"rows": 3})}

    def clean_graduation_year(self):
        year = self.cleaned_data.get("graduation_year")
        if year is not None and not 1950 <= year <= 2100:
            raise forms.ValidationError(_("Please enter a year between 1950 and 2100."))
        return year


class AccountSettingsForm(forms.ModelForm):
    """What she is called and which language the portal writes to her in."""

    class Meta:
        model = User
        fields = ["display_name", "language"]
        help_texts = {
            "display_name": _("How we greet you on the site and in messages."),
            "language": _("Emails and other messages are written in this language."),
        }

