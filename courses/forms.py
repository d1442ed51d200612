from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CourseCategory, CourseFormat


class CatalogFilterForm(forms.Form):
    """The catalog's filters, read from the query string (same names as the API's)."""

    category = forms.ChoiceField(label=_("Category"), required=False)
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("Any format"))] + list(CourseFormat.choices),
    )
    free = forms.BooleanField(label=_("Only sessions with free seats"), required=False)

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories"))] + [(c.slug, c.label) for c in categories]
        # "from" and "to" are Python keywords, hence added here rather than as attributes.
        self.fields["from"] = forms.DateField(
            label=_("Sessions from"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        )
        self.fields["to"] = forms.DateField(
            label=_("Sessions until"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        )
        self.order_fields(["category", "format", "from", "to", "free"])

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and end < start:
            self.add_error("to", _("The end date must not be before the start date."))
            cleaned.pop("to", None)
        return cleaned

    def filters(self):
        """The valid filters as keyword arguments of services.filter_courses; invalid ones are left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "category": data.get("category") or None,
            "format": data.get("format") or None,
            "date_from": data.get("from"),
            "date_to": data.get("to"),
            "free_seats": bool(data.get("free")),
        }


def categories():
    return list(CourseCategory.objects.all())
