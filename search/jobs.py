"""Job search: the one interface the /jobs/ page, the API and the alerts call.

    request = parse_request(request.GET)        # raises SearchError with a message per field
    results = execute(request)                  # Results(hits, total, facets, highlights, degraded)
    results = search("会计", {"city": ["永川"]}, sort="newest", page=2)   # the same, from Python
    suggest("会计")                              # up to 10 titles

The backend comes from settings: Elasticsearch when ELASTICSEARCH_URL is set,
the database otherwise. When Elasticsearch does not answer, the database backend
answers instead and the Results say `degraded=True`.
"""

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.errors import ServiceError

from .facets import POSTED_WITHIN_DAYS, VALUE_FACETS

logger = logging.getLogger(__name__)

PER_PAGE = 20
# Elasticsearch's index.max_result_window: no backend pages deeper than this.
MAX_RESULT_WINDOW = 10_000
MAX_QUERY_LENGTH = 200
MAX_SALARY = 1_000_000
SUGGESTIONS = 10

SORT_RELEVANCE, SORT_NEWEST, SORT_SALARY = "relevance", "newest", "salary"
SORTS = {SORT_RELEVANCE: _("Best match"), SORT_NEWEST: _("Newest"), SORT_SALARY: _("Highest salary")}


class SearchError(ServiceError):
    """Bad search input. `errors` maps each query-string parameter to a message;
    the API lists them as `errors: [{field, message}]`."""

    def __init__(self, errors):
        self.errors = {name: str(message) for name, message in errors.items()}
        super().__init__("invalid", _("The request has invalid fields."), 400,
                         errors=[{"field": name, "message": message} for name, message in self.errors.items()])


@dataclass(frozen=True)
class SearchRequest:
    query: str = ""
    # {name of a facet chosen by value (facets.VALUE_FACETS): its chosen values}, only those with a choice.
    selected: dict = field(default_factory=dict)
    salary_min: int | None = None
    salary_max: int | None = None
    posted_within: int | None = None
    sort: str = ""
    page: int = 1
    per_page: int = PER_PAGE
    # Only postings published after this moment (job alerts; not a query-string parameter).
    published_after: datetime | None = None

    @property
    def effective_sort(self):
        if self.sort in (SORT_NEWEST, SORT_SALARY):
            return self.sort
        return SORT_RELEVANCE if self.query else SORT_NEWEST

    @property
    def offset(self):
        return (self.page - 1) * self.per_page

    def has_salary_filter(self):
        return self.salary_min is not None or self.salary_max is not None

    def as_params(self):
        """Query-string parameters that parse_request turns back into this request (page 1)."""
        params = {}
        if self.query:
            params["q"] = [self.query]
        for name, values in self.selected.items():
            params[name] = list(values)
        for name in ("salary_min", "salary_max", "posted_within"):
            if getattr(self, name) is not None:
                params[name] = [str(getattr(self, name))]
        if self.sort:
            params["sort"] = [self.sort]
        return params


@dataclass
class Results:
    hits: list
    total: int
    facets: dict
    highlights: dict = field(default_factory=dict)
    request: SearchRequest = field(default_factory=SearchRequest)
    degraded: bool = False

    @property
    def num_pages(self):
        reachable = min(self.total, MAX_RESULT_WINDOW)
        return max(1, -(-reachable // self.request.per_page))

    @property
    def has_next(self):
        return self.request.page < self.num_pages

    @property
    def has_previous(self):
        return self.request.page > 1


def _values(params, name):
    """Every non-empty value of a parameter, from a QueryDict or a plain dict."""
    if hasattr(params, "getlist"):
        raw = params.getlist(name)
    else:
        raw = params.get(name, [])
        raw = raw if isinstance(raw, (list, tuple)) else [raw]
    return [str(value).strip() for value in raw if value is not None and str(value).strip()]


def _integer(params, name, errors, low, high, message):
    values = _values(params, name)
    if not values:
        return None
    try:
        number = int(values[0])
    except ValueError:
        errors[name] = message
        return None
    if not low <= number <= high:
        errors[name] = message
        return None
    return number


def parse_request(params, per_page=PER_PAGE):
    """Turn query-string parameters (q, one per facet chosen by value: city,
    industry, ...; salary_min, salary_max, posted_within, sort, page) into a
    SearchRequest. Raises SearchError naming every bad parameter."""
    errors = {}
    query = " ".join((_values(params, "q") or [""])[0].split())
    if len(query) > MAX_QUERY_LENGTH:
        errors["q"] = _("Please use at most %(count)d characters.") % {"count": MAX_QUERY_LENGTH}
    selected = {}
    for facet in VALUE_FACETS:
        values = tuple(dict.fromkeys(_values(params, facet.name)))
        if set(values) - set(facet.values):
            errors[facet.name] = _("Unknown value. Please choose from the list.")
        if values:
            selected[facet.name] = values
    salary_message = _("Please enter a monthly salary in yuan, e.g. 5000.")
    salary_min = _integer(params, "salary_min", errors, 0, MAX_SALARY, salary_message)
    salary_max = _integer(params, "salary_max", errors, 0, MAX_SALARY, salary_message)
    if salary_min is not None and salary_max is not None and salary_min > salary_max:
        errors["salary_max"] = _("The maximum salary must not be below the minimum.")
    posted_within = _integer(params, "posted_within", errors, 1, max(POSTED_WITHIN_DAYS),
                             _("Please choose 1, 3, 7 or 30 days."))
    if posted_within is not None and posted_within not in POSTED_WITHIN_DAYS:
        errors["posted_within"] = _("Please choose 1, 3, 7 or 30 days.")
    sort = (_values(params, "sort") or [""])[0]
    if sort and sort not in SORTS:
        errors["sort"] = _("Unknown sort order.")
    last_page = MAX_RESULT_WINDOW // per_page
    page = _integer(params, "page", errors, 1, 10**9, _("Please give a page number from 1."))
    if page is not None and page > last_page:
        errors["page"] = _("Only the first %(count)d results can be shown; please narrow your search.") % {
            "count": MAX_RESULT_WINDOW}
    if errors:
        raise SearchError(errors)
    return SearchRequest(query=query, selected=selected, salary_min=salary_min, salary_max=salary_max,
                         posted_within=posted_within, sort=sort, page=page or 1, per_page=per_page)


def backend():
    """The configured backend."""
    if settings.ELASTICSEARCH_URL:
        from .backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend()
    from .backends.database import DatabaseBackend

    return DatabaseBackend()


def execute(request):
    """Run a SearchRequest on the configured backend, falling back to the database."""
    from .backends.database import DatabaseBackend
    from .backends.elasticsearch import SearchUnavailable

    try:
        return backend().search(request)
    except SearchUnavailable as exc:
        logger.warning("Elasticsearch did not answer a job search (%s); answering from the database.", exc)
        return replace(DatabaseBackend().search(request), degraded=True)


def search(query="", filters=None, sort=None, page=1):
    """search.jobs.search(query, filters, sort, page) -> Results. `filters` uses the
    query-string names (city, industry, ..., salary_min); raises SearchError."""
    params = {"q": query, "sort": sort or "", "page": page, **(filters or {})}
    return execute(parse_request(params))


def suggest(prefix):
    """Up to ten titles of visible postings that hold every search token of
    `prefix` (会计 suggests 财务会计助理) or start with it."""
    from .backends.database import DatabaseBackend
    from .backends.elasticsearch import SearchUnavailable

    prefix = " ".join(str(prefix or "").split())[:50]
    if not prefix:
        return []
    try:
        return backend().suggest(prefix)
    except SearchUnavailable:
        return DatabaseBackend().suggest(prefix)


