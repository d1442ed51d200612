from datetime import UTC, datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.validators import single_line

from .choices import Language, Mode, SpecialtyCode
from .models import AvailabilityOverride, AvailabilityRule, Consultant, https_only
from .schedule_changes import overlapping_rule


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
    """The intake: what she wants to talk about, how they meet, what she shares."""

    start = forms.CharField(widget=forms.HiddenInput)
    topic_code = forms.ChoiceField(label=_("Topic"), widget=forms.RadioSelect)
    topic = forms.CharField(label=_("In a few words (optional)"), max_length=120, required=False,
                            validators=[single_line],
                            help_text=_("E.g. interview anxiety, a labour contract, choosing further study."))
    mode = forms.ChoiceField(label=_("Preferred mode"), widget=forms.RadioSelect)
    description = forms.CharField(label=_("A short description"), max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}),
                                  help_text=_("Only you and the consultant can read this."))
    share_profile = forms.BooleanField(
        label=_("Show the consultant my profile (school, major, degree, the work I look for)"), required=False,
        help_text=_("Optional. It helps her prepare; she sees it for this session only."))

    def __init__(self, *args, modes=(), topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = list(modes)
        if len(modes) == 1:
            self.fields["mode"].initial = modes[0][0]
        self.fields["topic_code"].choices = list(topics)

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
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("Stored encrypted and deleted three years after the session. "
                                       "Editors cannot read it."))
    shared = forms.BooleanField(label=_("Let the graduate have this note (in her own data export)"),
                                required=False)


class GraduatesMessageForm(forms.Form):
    reason = forms.CharField(label=_("Your message to the graduates (if you cancel)"), max_length=300,
                             required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MeetingLinkForm(forms.Form):
    meeting_link = forms.URLField(label=_("Meeting link for this session"), required=False,
                                  assume_scheme="https", validators=[https_only],
                                  help_text=_("Leave empty to use your personal meeting room."))


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("How helpful was the session?"), coerce=int,
                                    choices=[(n, str(n)) for n in range(5, 0, -1)], widget=forms.RadioSelect,
                                    help_text=_("5 is very helpful, 1 not at all."))
    comment = forms.CharField(label=_("Anything you want to tell us (optional)"), max_length=2000,
                              required=False, widget=forms.Textarea(attrs={"rows": 4}))


class AppealForm(forms.Form):
    appeal = forms.CharField(label=_("Your message to the editors"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 4}))


class PendingDecisionForm(forms.Form):
    reason = forms.CharField(label=_("Reason, if you decline (the graduate will read it)"), max_length=300,
                             required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ConsultantSettingsForm(forms.ModelForm):
    modes = forms.MultipleChoiceField(label=_("Session modes"), choices=Mode.choices,
                                      widget=forms.CheckboxSelectMultiple)
    languages = forms.MultipleChoiceField(label=_("Languages"), choices=Language.choices,
                                          widget=forms.CheckboxSelectMultiple)
    session_minutes = forms.IntegerField(label=_("Session length (minutes)"), min_value=15, max_value=240)
    buffer_minutes = forms.IntegerField(label=_("Buffer between sessions (minutes)"), min_value=0, max_value=120)
    min_notice_hours = forms.IntegerField(label=_("Minimum notice (hours)"), min_value=0, max_value=336)
    max_per_day = forms.IntegerField(label=_("Maximum sessions per day"), min_value=1, max_value=16)
    meeting_link = forms.URLField(label=_("online meeting room"), required=False, assume_scheme="https",
                                  validators=[https_only],
                                  help_text=_("Your personal meeting room (e.g. Tencent Meeting). "
                                              "You can also set a link per booking."))

    class Meta:
        model = Consultant
        fields = ["session_minutes", "buffer_minutes", "min_notice_hours", "max_per_day", "time_zone",
                  "modes", "languages", "bio", "meeting_link", "venue_address", "venue_room", "venue_directions"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5}), "venue_directions": forms.Textarea(attrs={"rows": 3})}


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

    def clean(self):
        """Hours that overlap hours she already has are refused: two rules for one
        time would hide which one she meant to change later."""
        data = super().clean()
        if self.errors or not self.instance.consultant_id:
            return data
        other = overlapping_rule(self.instance.consultant, data["weekday"], data["start_time"], data["end_time"],
                                 data.get("valid_from"), data.get("valid_to"), exclude_pk=self.instance.pk)
        if other is not None:
            raise forms.ValidationError(
                _("These hours overlap your hours on %(rule)s. Change or remove those first, or choose other "
                  "times.") % {"rule": str(other)}, code="overlap")
        return data


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
