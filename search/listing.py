"""What the /jobs/ page shows of a search: facet groups with labels, counts and
links that add or remove one value, keeping everything else the visitor chose."""

from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlencode

from .facets import FACETS, Kind, salary_band_range


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


def _options(facet, search_request, params, counts):
    """(value, count, selected, parameters with the value switched) for each value of a facet."""
    for value in facet.values:
        if facet.kind is Kind.SALARY:
            low, high = salary_band_range(value)
            selected = (search_request.salary_min, search_request.salary_max) == (low, high)
            target = _replaced(params, salary_min=None, salary_max=None) if selected else _replaced(
                params, salary_min=low, salary_max=high)
        elif facet.kind is Kind.POSTED:
            selected = search_request.posted_within == int(value)
            target = _replaced(params, posted_within=None if selected else value)
        else:
            selected = value in search_request.selected.get(facet.name, ())
            target = _toggled(params, facet.name, value)
        yield value, counts.get(value, 0), selected, target


def facet_groups(search_request, facets):
    """[(title, name, [FacetOption])] for the page, in the facets' order: the values
    that count a job or are selected, of the facets that have any."""
    params = search_request.as_params()
    groups = []
    for facet in FACETS:
        counts = {str(bucket["value"]): bucket["count"] for bucket in facets.get(facet.name, [])}
        options = [FacetOption(str(facet.label(value)), count, selected, _url(target))
                   for value, count, selected, target in _options(facet, search_request, params, counts)
                   if count or selected]
        if options:
            groups.append((facet.title, facet.name, options))
    return groups


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


def sort_options(search_request):
    """The sort menu as (value, label, selected). The default order is sent as
    nothing, so that a new keyword is ranked by relevance and a search with no
    keyword by date: its label says which (最相关 with a keyword, 最新 without).
    Without a keyword relevance means nothing and is not offered."""
    from .jobs import SORT_NEWEST, SORT_RELEVANCE, SORTS

    default = SORT_RELEVANCE if search_request.query else SORT_NEWEST
    return [
        ("" if value == default else value, label, value == search_request.effective_sort)
        for value, label in SORTS.items()
        if search_request.query or value != SORT_RELEVANCE
    ]
