"""Job search on the database (SQLite or PostgreSQL): the embedded default,
and the fallback while Elasticsearch is down.

Every query token (search/tokens.py) must be one of the posting's index tokens
(JobSearchToken, an indexed lookup), as Elasticsearch's `cross_fields` match
with operator `and` requires. Filters, facets and sorting read the narrow
JobSearchEntry rows of the postings that JobPosting.objects.visible() selects.
A search costs three queries whatever the data size: the total with every
facet count, the page of ids, the postings of that page.
"""

from datetime import timedelta
from functools import reduce
from operator import and_, or_

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils import timezone

from jobs.choices import SALARY_BANDS
from jobs.models import JobPosting

from ..jobs import (
    POSTED_FACET,
    POSTED_WITHIN_DAYS,
    SALARY_FACET,
    SORT_NEWEST,
    SORT_SALARY,
    SUGGESTIONS,
    TERM_FACETS,
    Results,
    salary_band_range,
)
from ..models import TOKEN_MAX_LENGTH, JobSearchEntry, JobSearchToken
from ..tokens import highlight, query_tokens

TITLE_FRAGMENT = None  # whole title
DESCRIPTION_FRAGMENT = 100


def _all(conditions):
    conditions = [condition for condition in conditions if condition is not None]
    return reduce(and_, conditions) if conditions else None


def _term_condition(name, value):
    if name == "family_friendly":
        return Q(family_friendly__contains=f" {value} ")
    return Q(**{TERM_FACETS[name][0]: value})


def _salary_condition(salary_min, salary_max):
    """Postings whose salary range overlaps [salary_min, salary_max]."""
    condition = Q()
    if salary_min is not None:
        condition &= Q(salary_max__gte=salary_min)
    if salary_max is not None:
        condition &= Q(salary_min__lte=salary_max)
    return condition


def _posted_condition(days, now):
    return Q(published_at__gte=now - timedelta(days=days))


def _count(condition):
    return Count("pk", filter=condition) if condition is not None else Count("pk")


def _facet_buckets(now):
    """(facet name, value, condition) for every facet value that is counted."""
    for name, (_field, choices) in TERM_FACETS.items():
        for value, _label in choices:
            yield name, value, _term_condition(name, value)
    for key, _label, _low, _high in SALARY_BANDS:
        yield SALARY_FACET, key, _salary_condition(*salary_band_range(key))
    for days in POSTED_WITHIN_DAYS:
        yield POSTED_FACET, str(days), _posted_condition(days, now)


class DatabaseBackend:
    name = "database"

    def _matching(self, request, tokens, now):
        entries = JobSearchEntry.objects.all()
        if request.query and not tokens:
            return entries.none()
        # Token lookups first, so that the planner may start from the postings holding them.
        for token in tokens:
            holders = JobSearchToken.objects.filter(token=token[:TOKEN_MAX_LENGTH]).values("job_id")
            entries = entries.filter(job__in=holders)
        entries = entries.filter(job__in=JobPosting.objects.visible(now).values("pk"))
        if request.published_after:
            entries = entries.filter(published_at__gt=request.published_after)
        return entries

    def _filters(self, request, now):
        """{facet name: condition} for each facet the request filters on."""
        filters = {}
        for name, values in request.term_filters().items():
            filters[name] = reduce(or_, [_term_condition(name, value) for value in values])
        if request.has_salary_filter():
            filters[SALARY_FACET] = _salary_condition(request.salary_min, request.salary_max)
        if request.posted_within:
            filters[POSTED_FACET] = _posted_condition(request.posted_within, now)
        return filters

    def _counts(self, entries, filters, now):
        """The total and each facet's counts, every facet ignoring its own filter, in one query."""
        buckets = list(_facet_buckets(now))
        aggregates = {"total": _count(_all(filters.values()))}
        for number, (name, _value, condition) in enumerate(buckets):
            others = [other for other_name, other in filters.items() if other_name != name]
            aggregates[f"b{number}"] = _count(_all([*others, condition]))
        counts = entries.aggregate(**aggregates)
        facets = {name: [] for name in [*TERM_FACETS, SALARY_FACET, POSTED_FACET]}
        for number, (name, value, _condition) in enumerate(buckets):
            facets[name].append({"value": value, "count": counts[f"b{number}"]})
        return counts["total"], facets

    def _ordered(self, entries, request, tokens):
        sort = request.effective_sort
        if sort == SORT_SALARY:
            return entries.order_by("-salary_max", "-salary_min", "-published_at", "-job_id")
        if sort == SORT_NEWEST or not tokens:
            return entries.order_by("-published_at", "-job_id")
        title_matches = [
            Case(When(title_tokens__contains=f" {token} ", then=Value(1)), default=Value(0),
                 output_field=IntegerField())
            for token in tokens
        ]
        score = reduce(lambda a, b: a + b, title_matches)
        return entries.annotate(title_score=score).order_by("-title_score", "-published_at", "-job_id")

    def search(self, request):
        now = timezone.now()
        tokens = query_tokens(request.query)
        entries = self._matching(request, tokens, now)
        filters = self._filters(request, now)
        total, facets = self._counts(entries, filters, now)
        hits = []
        if request.offset < total:
            selected = entries.filter(_all(filters.values())) if filters else entries
            ordered = self._ordered(selected, request, tokens).values_list("job_id", flat=True)
            ids = list(ordered[request.offset:request.offset + request.per_page])
            postings = JobPosting.objects.visible(now).select_related("employer").in_bulk(ids)
            hits = [postings[pk] for pk in ids if pk in postings]
        return Results(hits=hits, total=total, facets=facets, highlights=self.highlights(hits, tokens),
                       request=request)

    def highlights(self, hits, tokens):
        """{job id: {field: escaped HTML with <mark>}} for the fields that matched."""
        found = {}
        if not tokens:
            return found
        for job in hits:
            fragments = {}
            if "<mark>" in (title := highlight(job.title, tokens, TITLE_FRAGMENT)):
                fragments["title"] = title
            if description := highlight(job.description, tokens, DESCRIPTION_FRAGMENT):
                fragments["description"] = description
            if fragments:
                found[job.pk] = fragments
        return found

    def suggest(self, prefix):
        titles = (JobPosting.objects.visible().filter(title__istartswith=prefix)
                  .order_by("title").values_list("title", flat=True).distinct())
        return list(titles[:SUGGESTIONS])
