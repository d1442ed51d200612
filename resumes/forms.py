"""The résumé form and its three row sets (education, experience, languages).

Every page works without JavaScript: each set shows one empty row to fill in,
a "remove" box on each saved row, and saving brings her back with a new empty row.
"""

import datetime
import re

from django import forms
from django.forms import formset_factory, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from jobs.choices import DISTRICTS, JobType, district_label

from .models import (
    FIRST_GRADUATION_YEAR,
    LAST_GRADUATION_YEAR,
    SALARY_MAX,
    ExperienceKind,
    LanguageLevel,
    Resume,
    ResumeEntry,
)

MAX_SKILLS, SKILL_MAX = 20, 30
MAX_CERTIFICATES, CERTIFICATE_MAX = 10, 60
MAX_ROWS = 10
MAX_LANGUAGES = 6
FIRST_ENTRY_YEAR = 1970

# 2024-09, 2024.09, 2024/9, 2024年9月
MONTH_RE = re.compile(r"^\s*(\d{4})\s*(?:[-./年])\s*(\d{1,2})\s*月?\s*$")
LIST_SEPARATORS = re.compile(r"[,，、;；\n]+")


class MonthInput(forms.TextInput):
    """<input type="month">: a month picker where the browser has one, and a text
    box taking 2024-09 where it has not (the field reads both)."""

    input_type = "month"

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return f"{value:%Y-%m}"
        return super().format_value(value)


class MonthField(forms.Field):
    """A year and a month, kept as the first day of that month."""

    widget = MonthInput
    default_error_messages = {
        "invalid": _("Enter a year and month such as 2025-06."),
        "range": _("Enter a year between %(first)s and %(last)s."),
    }

    def __init__(self, *, first_year=FIRST_ENTRY_YEAR, last_year=LAST_GRADUATION_YEAR, **kwargs):
        self.first_year, self.last_year = first_year, last_year
        kwargs.setdefault("help_text", _("Year and month, e.g. 2025-06."))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value.replace(day=1)
        match = MONTH_RE.match(str(value))
        if not match or not 1 <= int(match[2]) <= 12:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        year = int(match[1])
        if not self.first_year <= year <= self.last_year:
            raise forms.ValidationError(self.error_messages["range"], code="range",
                                        params={"first": self.first_year, "last": self.last_year})
        return datetime.date(year, int(match[2]), 1)


class ListField(forms.CharField):
    """Short items typed in one box, separated by 、 or commas (or one a line)."""

    joiner = "、"

    def __init__(self, *, max_items, item_max, **kwargs):
        self.max_items, self.item_max = max_items, item_max
        super().__init__(required=False, **kwargs)

    def prepare_value(self, value):
        return self.joiner.join(value) if isinstance(value, list) else value

    def split(self, text):
        return LIST_SEPARATORS.split(text)

    def clean(self, value):
        items = []
        for item in self.split(super().clean(value) or ""):
            item = item.strip()
            if item and item not in items:
                items.append(item)
        if len(items) > self.max_items:
            raise forms.ValidationError(_("List at most %(count)s items."), code="max_items",
                                        params={"count": self.max_items})
        too_long = [item for item in items if len(item) > self.item_max]
        if too_long:
            raise forms.ValidationError(
                _("Each item may have at most %(limit)s characters: “%(item)s” is longer."), code="item_length",
                params={"limit": self.item_max, "item": too_long[0][:20] + "…"},
            )
        return items


class LinesField(ListField):
    """One item a line (certificate names may contain commas)."""

    joiner = "\n"
    widget = forms.Textarea(attrs={"rows": 3})

    def split(self, text):
        return text.splitlines()


class ResumeForm(forms.ModelForm):
    graduation = MonthField(label=_("Graduation (year and month)"), required=False,
                            first_year=FIRST_GRADUATION_YEAR, last_year=LAST_GRADUATION_YEAR)
    skills = ListField(label=_("Skills"), max_items=MAX_SKILLS, item_max=SKILL_MAX,
                       help_text=_("Separate them with commas, e.g. Excel, bookkeeping software, Mandarin level 2A."))
    certificates = LinesField(label=_("Certificates"), max_items=MAX_CERTIFICATES, item_max=CERTIFICATE_MAX,
                              help_text=_("One a line. Courses you attended on this portal are added by themselves."))
    desired_job_types = forms.MultipleChoiceField(label=_("Desired job types"), choices=JobType.choices,
                                                  widget=forms.CheckboxSelectMultiple, required=False)
    desired_districts = forms.MultipleChoiceField(label=_("Desired districts"),
                                                  choices=[(d, district_label(d)) for d in DISTRICTS],
                                                  widget=forms.CheckboxSelectMultiple, required=False)

    class Meta:
        model = Resume
        fields = ["full_name", "school", "major", "degree", "graduation", "statement", "skills", "certificates",
                  "desired_job_types", "desired_districts", "salary_min", "salary_max",
                  "contact_phone", "contact_email"]
        labels = {"full_name": _("Full name"), "statement": _("About me (a short statement)"),
                  "salary_min": _("Desired monthly salary from (CNY)"),
                  "salary_max": _("Desired monthly salary up to (CNY)")}
        widgets = {"statement": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "contact_phone": _("Shown to an employer only after you accept its interview invitation."),
            "contact_email": _("Shown to an employer only after you accept its interview invitation."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("school", "major", "degree"):
            # Optional in the database so she can save a draft; is_complete() asks for them.
            self.fields[name].required = False
        for name in ("salary_min", "salary_max"):
            self.fields[name].widget.attrs.update({"min": 0, "max": SALARY_MAX, "step": 100})

    def clean(self):
        data = super().clean()
        low, high = data.get("salary_min"), data.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error("salary_max", _("The upper end must not be below the lower end."))
        return data


class EntryForm(forms.ModelForm):
    section = None  # set by the subclasses
    start = MonthField(label=_("From"))
    end = MonthField(label=_("Until"), required=False, help_text=_("Leave empty if it is ongoing."))

    class Meta:
        model = ResumeEntry
        fields = ["organisation", "role", "start", "end", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end must not be before the start."))
        return data

    def save(self, commit=True):
        self.instance.section = self.section
        return super().save(commit)


class EducationForm(EntryForm):
    section = ResumeEntry.Section.EDUCATION

    class Meta(EntryForm.Meta):
        labels = {"organisation": _("School"), "role": _("Major")}


class ExperienceForm(EntryForm):
    section = ResumeEntry.Section.EXPERIENCE
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—")] + ExperienceKind.choices)

    class Meta(EntryForm.Meta):
        fields = ["kind", *EntryForm.Meta.fields]
        labels = {"organisation": _("Employer or organisation"), "role": _("Role")}


def _entry_formset(form):
    return inlineformset_factory(Resume, ResumeEntry, form=form, extra=1, can_delete=True,
                                 max_num=MAX_ROWS, validate_max=True)


EducationFormSet = _entry_formset(EducationForm)
ExperienceFormSet = _entry_formset(ExperienceForm)


class LanguageForm(forms.Form):
    name = forms.CharField(label=_("Language"), max_length=20)
    level = forms.ChoiceField(label=_("Level"), choices=[("", "—")] + LanguageLevel.choices)


LanguageFormSet = formset_factory(LanguageForm, extra=1, can_delete=True, max_num=MAX_LANGUAGES, validate_max=True)


def entry_formsets(data, resume):
    """The education and experience row sets of `resume` (saved or not)."""
    entries = ResumeEntry.objects.all()
    return (
        EducationFormSet(data, instance=resume, prefix="education",
                         queryset=entries.filter(section=ResumeEntry.Section.EDUCATION)),
        ExperienceFormSet(data, instance=resume, prefix="experience",
                          queryset=entries.filter(section=ResumeEntry.Section.EXPERIENCE)),
    )


def language_formset(data, resume):
    return LanguageFormSet(data, prefix="languages", initial=list(resume.languages or []))


def cleaned_languages(formset):
    return [{"name": form.cleaned_data["name"].strip(), "level": form.cleaned_data["level"]}
            for form in formset.forms
            if form.has_changed() and form.cleaned_data and not form.cleaned_data.get("DELETE")]
