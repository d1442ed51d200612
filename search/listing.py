"""What the /jobs/ page shows of a search: facet groups with labels, counts and
links that add or remove one value, keeping everything else the visitor chose."""

from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from jobs.choices import SALARY_BANDS

from .jobs import POSTED_FACET, POSTED_WITHIN_DAYS, SALARY_FACET, TERM_FACETS, salary_band_range

FACET_TITLES = {
    "city": _("District"),
    "industry": _("Industry"),
    "job_type": _("Job type"),
    "education": _("Education level"),
    "family_friendly": _("Family-friendly benefits"),
    SALARY_FACET: _("Monthly salary"),
    POSTED_FACET: _("Posted within"),
}


@dataclass
class FacetOption:
    label: str
    count: int
    selected: bool
    url: str


def _url(params):
    pairs = [(name, value) for name, values in params.items() for value in values if value not in ("", None)]
    return "?" + urlencode(pairs) if pairs else "?"


def _toggled(params, name, value):
    """The parameters with `value` of a multi-valued facet switched on or off."""
    changed = {key: list(values) for key, values in params.items()}
    values = changed.setdefault(name, [])
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    return changed


def _replaced(params, **single):
    changed = {key: list(values) for key, values in params.items()}
    for name, value in single.items():
        changed[name] = [] if value is None else [str(value)]
    return changed


def facet_groups(search_request, facets):
    """[(title, name, [FacetOption])] for the page, in a fixed order."""
    params = search_request.as_params()
    groups = []
    for name, (_field, choices) in TERM_FACETS.items():
        counts = {bucket["value"]: bucket["count"] for bucket in facets.get(name, [])}
        chosen = set(getattr(search_request, name))
        options = [
            FacetOption(str(label), counts.get(value, 0), value in chosen, _url(_toggled(params, name, value)))
            for value, label in choices
            if counts.get(value, 0) or value in chosen
        ]
        groups.append((FACET_TITLES[name], name, options))

    counts = {bucket["value"]: bucket["count"] for bucket in facets.get(SALARY_FACET, [])}
    options = []
    for key, label, _low, _high in SALARY_BANDS:
        low, high = salary_band_range(key)
        selected = (search_request.salary_min, search_request.salary_max) == (low, high)
        target = _replaced(params, salary_min=None, salary_max=None) if selected else _replaced(
            params, salary_min=low, salary_max=high)
        if counts.get(key, 0) or selected:
            options.append(FacetOption(str(label), counts.get(key, 0), selected, _url(target)))
    groups.append((FACET_TITLES[SALARY_FACET], SALARY_FACET, options))

    counts = {str(bucket["value"]): bucket["count"] for bucket in facets.get(POSTED_FACET, [])}
    options = []
    for days in POSTED_WITHIN_DAYS:
        selected = search_request.posted_within == days
        label = ngettext("Last %(days)d day", "Last %(days)d days", days) % {"days": days}
        target = _replaced(params, posted_within=None if selected else days)
        if counts.get(str(days), 0) or selected:
            options.append(FacetOption(label, counts.get(str(days), 0), selected, _url(target)))
    groups.append((FACET_TITLES[POSTED_FACET], POSTED_FACET, options))
    return [(title, name, options) for title, name, options in groups if options]


def page_of(results):
    """The attributes includes/pagination.html reads, for a search's Results."""
    number = results.request.page
    return SimpleNamespace(
        number=number,
        has_other_pages=results.num_pages > 1,
        has_previous=results.has_previous,
        has_next=results.has_next,
        previous_page_number=number - 1,
        next_page_number=number + 1,
        paginator=SimpleNamespace(num_pages=results.num_pages),
    )
