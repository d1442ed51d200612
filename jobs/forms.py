import datetime
import html

import nh3
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import DISTRICTS, Education, FamilyFriendly, Industry, JobType
from .models import CV, Application, JobPosting
from .uploads import MAX_CV_BYTES


def plain_text(value):
    """Text as typed, without any markup: tags go, script and style contents with them."""
    return html.unescape(nh3.clean(value or "", tags=set())).strip()


DISTRICT_CHOICES = [(district, district) for district in DISTRICTS]


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


class JobFilterForm(forms.Form):
    """The /jobs/ filters. Invalid values are reported and ignored, never a 500."""

    district = forms.ChoiceField(label=_("District"), choices=[("", _("All districts"))] + DISTRICT_CHOICES,
                                 required=False)
    industry = forms.ChoiceField(label=_("Industry"), choices=[("", _("All industries"))] + Industry.choices,
                                 required=False)
    job_type = forms.ChoiceField(label=_("Job type"), choices=[("", _("All types"))] + JobType.choices,
                                 required=False)
    education = forms.ChoiceField(label=_("Education"), choices=[("", _("Any"))] + Education.choices,
                                  required=False)
    salary_min = forms.IntegerField(label=_("Salary from"), min_value=0, max_value=1_000_000, required=False)
    salary_max = forms.IntegerField(label=_("Salary up to"), min_value=0, max_value=1_000_000, required=False)
    posted_within = forms.TypedChoiceField(
        label=_("Posted within"), coerce=int, required=False, empty_value=None,
        choices=[("", _("Any time")), (1, _("24 hours")), (3, _("3 days")), (7, _("7 days")), (30, _("30 days"))],
    )

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("salary_min"), cleaned.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error("salary_max", _("The upper salary must not be below the lower one."))
        return cleaned

    def filter(self, queryset):
        data = self.cleaned_data if self.is_valid() else {
            name: value for name, value in getattr(self, "cleaned_data", {}).items() if name not in self.errors
        }
        if data.get("district"):
            queryset = queryset.filter(district=data["district"])
        for name in ("industry", "job_type", "education"):
            if data.get(name):
                queryset = queryset.filter(**{name: data[name]})
        # A job matches a salary range when their ranges overlap.
        if data.get("salary_min") is not None:
            queryset = queryset.filter(salary_max__gte=data["salary_min"])
        if data.get("salary_max") is not None:
            queryset = queryset.filter(salary_min__lte=data["salary_max"])
        if data.get("posted_within"):
            queryset = queryset.filter(
                published_at__gte=timezone.now() - datetime.timedelta(days=data["posted_within"]))
        return queryset


class ApplyForm(forms.Form):
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

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("cv_file")
        if upload and upload.size > MAX_CV_BYTES:
            self.add_error("cv_file", _("The file is larger than 5 MB."))
        if not upload and not cleaned.get("existing_cv") and "cv_file" not in self.errors:
            self.add_error("cv_file", _("Please attach a CV."))
        cleaned["cover_note"] = plain_text(cleaned.get("cover_note", ""))
        return cleaned


class RejectForm(forms.Form):
    comment = forms.CharField(label=_("Why is it rejected?"), widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=2000)


class ApplicationStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=[
        (value, label) for value, label in Application.Status.choices
        if value not in (Application.Status.SUBMITTED, Application.Status.WITHDRAWN)
    ])
