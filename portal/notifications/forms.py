from django import forms
from django.utils.translation import gettext_lazy as _

from portal.errors import ServiceError

from . import preferences
from .models import Channel


class ChannelPreferencesForm(forms.Form):
    """For each kind of message she may choose for, whether it also comes by
    email and by SMS (the notification centre always has it). One field a kind,
    named after it (notify-reminder=email&notify-reminder=sms); a kind's boxes
    are offered only for the channels that can reach her."""

    prefix = "notify"

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.has_email, self.has_phone = preferences.reachable(user)
        for kind, channels in preferences.current(user).items():
            self.fields[kind.value] = forms.MultipleChoiceField(
                label=kind.label, required=False, initial=channels, widget=forms.CheckboxSelectMultiple,
                choices=[(channel, Channel(channel).label) for channel in preferences.OPTIONAL],
            )

    def offered(self):
        """[(bound field, its checkboxes she can tick)] for the template."""
        available = {"email": self.has_email, "sms": self.has_phone}
        return [(field, [box for box in field if available[box.data["value"]]]) for field in self]

    def clean(self):
        cleaned = super().clean()
        known = {self.add_prefix(name) for name in self.fields}
        if any(key.startswith(f"{self.prefix}-") and key not in known for key in self.data):
            raise forms.ValidationError(_("There is no such kind of message to choose for."), code="unknown_kind")
        for kind, channels in list(cleaned.items()):
            try:
                preferences.check(self.user, kind, channels)
            except ServiceError as error:
                self.add_error(kind, forms.ValidationError(error.message, code=error.code))
        return cleaned

    def save(self):
        preferences.save(self.user, self.cleaned_data)
