from datetime import UTC, datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Language, Mode, SpecialtyCode
from .models import AvailabilityOverride, AvailabilityRule, Consultant


def parse_slot(value):
    """An ISO 8601 start time with its offset ("…Z" or "…+08:00"), as aware UTC; None when not."""
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        return None
    return moment.astimezone(UTC)


def _any(choices):
    return [("", _("Any"))] + list(choices)


class DirectoryFilterForm(forms.Form):
    specialty = forms.ChoiceField(label=_("Specialty"), choices=_any(SpecialtyCode.choices), required=False)
    mode = forms.ChoiceField(label=_("Mode"), choices=_any(Mode.choices), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=_any(Language.choices), required=False)
    open_this_week = forms.BooleanField(label=_("Has open slots this week"), required=False)


class BookingForm(forms.Form):
    start = forms.CharField(widget=forms.HiddenInput)
    topic = forms.CharField(label=_("Topic"), max_length=120,
                            help_text=_("E.g. interview anxiety, a labour contract, choosing further study."))
    mode = forms.ChoiceField(label=_("Preferred mode"), widget=forms.RadioSelect)
    description = forms.CharField(label=_("A short description"), max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}),
                                  help_text=_("Only you and the consultant can read this."))

    def __init__(self, *args, modes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = list(modes)
        if len(modes) == 1:
            self.fields["mode"].initial = modes[0][0]

    def clean_start(self):
        start = parse_slot(self.cleaned_data["start"])
        if start is None:
            raise forms.ValidationError(_("Choose a slot from the list."))
        return start


class QueueOfferForm(BookingForm):
    """Booking the slot the queue holds for her: the same intake, the start is the offer's."""

    start = None


class RescheduleForm(forms.Form):
    start = forms.CharField(widget=forms.HiddenInput)

    def clean_start(self):
        start = parse_slot(self.cleaned_data["start"])
        if start is None:
            raise forms.ValidationError(_("Choose a slot from the list."))
        return start


class ConsultantCancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason (the graduate will read it)"), max_length=300,
                             widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Private note (only you can read it)"), max_length=5000, required=False,
                           widget=forms.Textarea(attrs={"rows": 4}))


class ConsultantSettingsForm(forms.ModelForm):
    modes = forms.MultipleChoiceField(label=_("Session modes"), choices=Mode.choices,
                                      widget=forms.CheckboxSelectMultiple)
    languages = forms.MultipleChoiceField(label=_("Languages"), choices=Language.choices,
                                          widget=forms.CheckboxSelectMultiple)
    session_minutes = forms.IntegerField(label=_("Session length (minutes)"), min_value=15, max_value=240)
    buffer_minutes = forms.IntegerField(label=_("Buffer between sessions (minutes)"), min_value=0, max_value=120)
    min_notice_hours = forms.IntegerField(label=_("Minimum notice (hours)"), min_value=0, max_value=336)
    max_per_day = forms.IntegerField(label=_("Maximum sessions per day"), min_value=1, max_value=16)

    class Meta:
        model = Consultant
        fields = ["session_minutes", "buffer_minutes", "min_notice_hours", "max_per_day", "time_zone",
                  "modes", "languages", "bio"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}


class TimeInput(forms.TimeInput):
    input_type = "time"


class DateInput(forms.DateInput):
    input_type = "date"


class RuleForm(forms.ModelForm):
    class Meta:
        model = AvailabilityRule
        fields = ["weekday", "start_time", "end_time", "valid_from", "valid_to"]
        widgets = {"start_time": TimeInput(format="%H:%M"), "end_time": TimeInput(format="%H:%M"),
                   "valid_from": DateInput(), "valid_to": DateInput()}


class OverrideForm(forms.ModelForm):
    class Meta:
        model = AvailabilityOverride
        fields = ["date", "kind", "start_time", "end_time"]
        widgets = {"date": DateInput(), "start_time": TimeInput(format="%H:%M"),
                   "end_time": TimeInput(format="%H:%M")}
        help_texts = {"start_time": _("Leave both times empty to block the whole day.")}

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if self.errors:
            return data
        if (start is None) != (end is None):
            raise forms.ValidationError(_("Give both times, or neither to block the whole day."))
        if start is None and data.get("kind") == AvailabilityOverride.Kind.EXTRA:
            raise forms.ValidationError(_("Extra hours need a start and an end time."))
        if start is not None and end <= start:
            self.add_error("end_time", _("The end must be after the start."))
        return data
