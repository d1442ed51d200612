import datetime
import html

import nh3
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.validators import single_line
from resumes import services as resumes

from .choices import DISTRICTS, FamilyFriendly, district_label
from .credit_code import normalise, validate_credit_code
from .models import CV, Application, Employer, Interview, JobPosting
from .screening import SCREENED_FIELDS
from .uploads import MAX_CV_BYTES, validate_licence


def plain_text(value):
    """Text as typed, without any markup: tags go, script and style contents with them."""
    return html.unescape(nh3.clean(value or "", tags=set())).strip()


DISTRICT_CHOICES = [(district, district_label(district)) for district in DISTRICTS]


class JobPostingForm(forms.ModelForm):
    district = forms.ChoiceField(label=_("District"), choices=DISTRICT_CHOICES)
    family_friendly = forms.MultipleChoiceField(
        label=_("Family-friendly benefits"), choices=FamilyFriendly.choices,
        widget=forms.CheckboxSelectMultiple, required=False,
    )
    expires_on = forms.DateField(
        label=_("Open until"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text=_("The posting disappears from the site after this day."),
    )

    class Meta:
        model = JobPosting
        fields = ["title", "district", "industry", "job_type", "salary_min", "salary_max", "education",
                  "experience", "description", "requirements", "benefits", "family_friendly", "how_to_apply"]
        widgets = {field: forms.Textarea(attrs={"rows": 5})
                   for field in ["description", "requirements", "benefits", "how_to_apply"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.expires_at:
            self.initial["expires_on"] = timezone.localtime(self.instance.expires_at).date()
        for name in ("salary_min", "salary_max"):
            self.fields[name].widget.attrs.update({"min": 0, "step": 100, "inputmode": "numeric"})
        # Each screened field is described by the check's findings below it
        # (jobs/templates/jobs/employer/_findings.html), read when it has focus.
        for name in SCREENED_FIELDS:
            self.fields[name].widget.attrs["aria-describedby"] = f"findings-{name}"

    def clean_expires_on(self):
        day = self.cleaned_data["expires_on"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("The expiry date must not be in the past."))
        if day > timezone.localdate() + datetime.timedelta(days=180):
            raise forms.ValidationError(_("A posting can be open for at most 180 days."))
        return day

    def clean(self):
        cleaned = super().clean()
        for name in ("title", "description", "requirements", "benefits", "how_to_apply"):
            if name in cleaned:
                cleaned[name] = plain_text(cleaned[name])
        if not cleaned.get("description") and "description" not in self.errors:
            self.add_error("description", _("Please describe the job."))
        low, high = cleaned.get("salary_min"), cleaned.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error("salary_max", _("The maximum salary must not be below the minimum."))
        return cleaned

    def save(self, commit=True):
        posting = super().save(commit=False)
        day = self.cleaned_data["expires_on"]
        # Open until the end of that day, Beijing time.
        posting.expires_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))
        return posting


def resume_ready(user):
    """Whether she can send her online résumé: she has one and it is complete."""
    resume = resumes.resume_for(user) if user is not None and user.is_authenticated else None
    return resume is not None and resumes.is_complete(resume)


class ApplyForm(forms.Form):
    with_resume = forms.BooleanField(label=_("Send my online résumé"), required=False, initial=True)
    cv_file = forms.FileField(
        label=_("Upload a CV"), required=False,
        help_text=_("PDF or Word (DOCX), at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,application/pdf,"
                                               "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}),
    )
    existing_cv = forms.ModelChoiceField(label=_("Or use a CV you uploaded before"), queryset=CV.objects.none(),
                                         required=False)
    cover_note = forms.CharField(label=_("Cover note"), widget=forms.Textarea(attrs={"rows": 4}),
                                 max_length=3000, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated:
            self.fields["existing_cv"].queryset = CV.objects.filter(owner=user)
        if not self.fields["existing_cv"].queryset.exists():
            del self.fields["existing_cv"]
        if not resume_ready(user):
            del self.fields["with_resume"]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("cv_file")
        if upload and upload.size > MAX_CV_BYTES:
            self.add_error("cv_file", _("The file is larger than 5 MB."))
        if (not upload and not cleaned.get("existing_cv") and not cleaned.get("with_resume")
                and "cv_file" not in self.errors):
            self.add_error("cv_file", _("Please attach a CV or send your online résumé."))
        cleaned["cover_note"] = plain_text(cleaned.get("cover_note", ""))
        return cleaned


class RejectForm(forms.Form):
    comment = forms.CharField(label=_("Why is it rejected?"), widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=2000)


DATETIME_LOCAL = forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"})


def _message_field(label):
    # Screened before anything changes or is sent (applications.check_message).
    return forms.CharField(
        label=label, required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Questions about marriage, children or pregnancy are not allowed."),
    )


class InviteForm(forms.Form):
    """An interview invitation; the rules on its details are in interviews.validate."""

    starts_at = forms.DateTimeField(label=_("Date and time (Beijing time)"), widget=DATETIME_LOCAL,
                                    input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    duration = forms.IntegerField(label=_("Duration (minutes)"), initial=60, min_value=10, max_value=480)
    mode = forms.ChoiceField(label=_("How"), choices=Interview.Mode.choices, initial=Interview.Mode.ONSITE)
    place = forms.CharField(label=_("Address (on site)"), max_length=200, required=False, validators=[single_line])
    link = forms.URLField(label=_("Meeting link (online)"), max_length=500, required=False, assume_scheme="https")
    contact_name = forms.CharField(label=_("Contact person"), max_length=60, validators=[single_line])
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30, required=False)
    note = _message_field(_("Note to the candidate (optional)"))

    def clean(self):
        cleaned = super().clean()
        for name in ("place", "contact_name", "note"):
            cleaned[name] = plain_text(cleaned.get(name, ""))
        return cleaned


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[
        ("offer", _("Send an offer")), ("hired", _("Hired")), ("rejected", _("Not selected"))])
    reason = forms.ChoiceField(label=_("Reason"), required=False,
                               choices=[("", _("Choose…")), *Application.Reason.choices])
    message = _message_field(_("Message to the candidate (optional)"))

    def clean(self):
        cleaned = super().clean()
        cleaned["message"] = plain_text(cleaned.get("message", ""))
        if cleaned.get("decision") == "rejected" and not cleaned.get("reason"):
            self.add_error("reason", _("Please choose the reason she was not selected."))
        return cleaned


class AnswerForm(forms.Form):
    """Her answer to an interview invitation."""

    # The page's accept and decline buttons post their own choice; this form proposes.
    choice = forms.ChoiceField(choices=[("accept", pgettext_lazy("interview invitation", "Accept")),
                                        ("decline", pgettext_lazy("interview invitation", "Decline")),
                                        ("propose", _("Propose another time"))],
                               widget=forms.HiddenInput, initial="propose")
    proposed_start = forms.DateTimeField(label=_("Another time (Beijing time)"), widget=DATETIME_LOCAL,
                                         required=False, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    message = forms.CharField(label=_("Message to the employer (optional)"), required=False, max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        cleaned = super().clean()
        cleaned["message"] = plain_text(cleaned.get("message", ""))
        if cleaned.get("choice") == "propose" and not cleaned.get("proposed_start"):
            self.add_error("proposed_start", _("Please give the time you propose."))
        return cleaned


# ------------------------------------------------------------ employer registration


class EmployerRegistrationForm(forms.ModelForm):
    """An organisation registering to post jobs (jobs/employers.py), or correcting a
    refused registration: bound to that employer, where a new licence is optional."""

    credit_code = forms.CharField(
        label=_("Unified social credit code"), max_length=40,
        help_text=_("The 18 characters printed on the business licence, e.g. 91500118MA5U4K7P9Q."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}),
        # A declared field: the model's uniqueness error takes its message from here.
        error_messages={"unique": _("An organisation with this code is already registered. If you work there, ask "
                                    "the portal's editors to add your account to it.")},
    )
    district = forms.ChoiceField(label=_("District"), choices=[("", _("Choose…")), *DISTRICT_CHOICES])
    licence = forms.FileField(
        label=_("Business licence"),
        help_text=_("A photo or scan of the licence: JPEG, PNG or PDF, at most 10 MB. Only the portal's moderators "
                    "and your organisation's accounts can open it."),
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"}),
    )
    declaration = forms.BooleanField(
        label=_("I may register this organisation, and these details are true."),
    )

    class Meta:
        model = Employer
        fields = ["name", "credit_code", "industry", "size", "district", "description", "contact_name",
                  "contact_phone", "contact_email"]
        labels = {"name": _("Organisation's name"), "description": _("Short introduction")}
        help_texts = {
            "name": _("Exactly as on the business licence."),
            "description": _("What your organisation does and what it offers graduates, in a few sentences."),
            "contact_phone": _("For the moderators' questions about this registration; not shown on the site."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4, "maxlength": 1000})}
        error_messages = {
            "name": {"unique": _("An organisation with this name is already registered. If you work there, ask the "
                                 "portal's editors to add your account to it.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("size", "description", "contact_name", "contact_phone"):
            self.fields[name].required = True
        if self.instance.licence:
            self.fields["licence"].required = False
            self.fields["licence"].help_text = _("Leave this empty to keep the licence you sent (%(name)s), or "
                                                 "choose a new photo or scan: JPEG, PNG or PDF, at most 10 MB.") % {
                "name": self.instance.licence_name}

    def clean_credit_code(self):
        code = normalise(self.cleaned_data["credit_code"])
        validate_credit_code(code)
        return code

    def clean_licence(self):
        upload = self.cleaned_data.get("licence")
        if upload:
            validate_licence(upload)
        return upload

    def clean_description(self):
        text = plain_text(self.cleaned_data["description"])
        if len(text) > 1000:
            raise forms.ValidationError(_("Please keep the introduction under 1,000 characters."))
        return text

    def clean(self):
        cleaned = super().clean()
        for name in ("name", "contact_name"):
            if cleaned.get(name):
                cleaned[name] = plain_text(cleaned[name])
        return cleaned


class RefuseVerificationForm(forms.Form):
    reason = forms.CharField(label=_("Why is the verification refused?"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("The employer reads this, e.g. the licence is unreadable or its name "
                                         "differs from the one registered."))


class VerifyPlacementForm(forms.Form):
    note = forms.CharField(label=_("How was the placement verified?"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("e.g. a phone call with her on 3 March, or the employment contract seen. "
                                       "Required: the federation's figures rest on it."))
