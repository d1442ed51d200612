"""Job search on the database (SQLite or PostgreSQL): the embedded default,
and the fallback while Elasticsearch is down.

Every query token (search/tokens.py) must be one of the posting's index tokens
(JobSearchToken, an indexed lookup), as Elasticsearch's `cross_fields` match
with operator `and` requires. Searches start from JobPosting.objects.visible()
joined to the narrow JobSearchEntry rows: filters, facets and sorting read the
entry's copies of the posting's fields.

Facet counts: each facet is counted without its own filter. The facets the
request does not filter on all count the same rows (every filter applied), so
one query counts them and the total together; each filtered facet needs one
more query, over the rows matching every *other* filter, counting only its own
values. Every query is one scan with a conditional count per facet value,
written as SQL over the scan's few entry columns: building ~50 ORM aggregate
expressions cost more time than the database spent counting. A search costs
1 + (number of filtered facets) count queries, the page of ids and the postings
of that page.
"""

from datetime import timedelta
from functools import reduce
from operator import and_, or_

from django.db import connections
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone

from jobs.models import JobPosting

from ..facets import FACETS, POSTED_FACET, SALARY_FACET, VALUE_FACETS, Kind, salary_band_range
from ..jobs import SORT_NEWEST, SORT_SALARY, SUGGESTIONS, Results
from ..models import TOKEN_MAX_LENGTH, JobSearchToken
from ..tokens import highlight, query_tokens

TITLE_FRAGMENT = None  # whole title
DESCRIPTION_FRAGMENT = 100

ENTRY = "search_entry__"  # JobPosting → JobSearchEntry


def _all(conditions):
    conditions = [condition for condition in conditions if condition is not None]
    return reduce(and_, conditions) if conditions else None


# Each facet value selects postings in two forms that must agree: a Q on JobPosting
# for filtering (the *_condition functions) and SQL over the entry columns that a
# count query selects (the *_sql methods of _Counter).

def _value_condition(facet, value):
    if facet.kind is Kind.TAGS:
        # Tags are stored as " maternity flexible " (JobSearchEntry.family_friendly).
        return Q(**{f"{ENTRY}{facet.field}__contains": f" {value} "})
    return Q(**{ENTRY + facet.field: value})


def _salary_condition(salary_min, salary_max):
    """Postings whose salary range overlaps [salary_min, salary_max]."""
    low_field, high_field = SALARY_FACET.fields
    condition = Q()
    if salary_min is not None:
        condition &= Q(**{f"{ENTRY}{high_field}__gte": salary_min})
    if salary_max is not None:
        condition &= Q(**{f"{ENTRY}{low_field}__lte": salary_max})
    return condition


def _posted_condition(days, now):
    return Q(**{f"{ENTRY}{POSTED_FACET.field}__gte": now - timedelta(days=days)})


def _empty_facets():
    return {facet.name: [{"value": value, "count": 0} for value in facet.values] for facet in FACETS}


class _Counter:
    """SQL for conditional counts over a subquery that selects entry columns as c_<column>."""

    def __init__(self, connection):
        self.connection = connection
        self.ops = connection.ops
        self.filter_clause = connection.features.supports_aggregate_filter_clause

    def column(self, name):
        return self.ops.quote_name(f"c_{name}")

    def count(self, condition):
        if condition is None:
            return "COUNT(*)", []
        sql, params = condition
        if self.filter_clause:
            return f"COUNT(*) FILTER (WHERE {sql})", params
        return f"COUNT(CASE WHEN {sql} THEN 1 END)", params

    def value_sql(self, facet, value):
        if facet.kind is Kind.TAGS:
            # As the `contains` lookup writes it.
            pattern = f"%{self.ops.prep_for_like_query(f' {value} ')}%"
            return f"{self.column(facet.field)} {self.connection.operators['contains']}", [pattern]
        return f"{self.column(facet.field)} = %s", [value]

    def salary_sql(self, key):
        low_field, high_field = SALARY_FACET.fields
        low, high = salary_band_range(key)
        sql, params = f"{self.column(high_field)} >= %s", [low]
        if high is not None:
            sql, params = f"{sql} AND {self.column(low_field)} <= %s", [*params, high]
        return sql, params

    def posted_sql(self, days, now):
        since = self.ops.adapt_datetimefield_value(now - timedelta(days=days))
        return f"{self.column(POSTED_FACET.field)} >= %s", [since]

    def condition(self, facet, value, now):
        """SQL selecting the rows of one facet value."""
        if facet.kind is Kind.SALARY:
            return self.salary_sql(value)
        if facet.kind is Kind.POSTED:
            return self.posted_sql(int(value), now)
        return self.value_sql(facet, value)

    def branch(self, rows, facets, now, total=False):
        """SQL counting each value of `facets` (and with `total`, every row) among
        `rows`, a JobPosting queryset, as one row: (sql, params, [(facet name, value)
        or None for the total, per column])."""
        columns = dict.fromkeys(column for facet in facets for column in facet.fields)
        inner_sql, inner_params = (rows.order_by()
                                   .values(**{f"c_{column}": F(ENTRY + column) for column in columns})
                                   .query.sql_with_params())
        selects, params, slots = [], [], []
        if total:
            selects.append("COUNT(*)")
            slots.append(None)
        for facet in facets:
            for value in facet.values:
                sql, condition_params = self.count(self.condition(facet, value, now))
                selects.append(sql)
                params.extend(condition_params)
                slots.append((facet.name, value))
        return f"SELECT {', '.join(selects)} FROM ({inner_sql}) facet_rows", [*params, *inner_params], slots

    def run(self, branches):
        """Run several `branch` counts in one query: (total or None, {facet: [{"value", "count"}]})."""
        width = max(len(slots) for _sql, _params, slots in branches)
        parts, params = [], []
        for number, (sql, branch_params, slots) in enumerate(branches):
            # Every branch as (branch number, its counts, NULL padding) so that UNION ALL lines them up.
            padding = "".join(", NULL" for _ in range(width - len(slots)))
            parts.append(f"SELECT {number} AS branch, counts_{number}.*{padding} FROM ({sql}) counts_{number}")
            params.extend(branch_params)
        with self.connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            rows = cursor.fetchall()
        total, facets = None, {}
        for row in rows:
            _sql, _params, slots = branches[row[0]]
            for slot, count in zip(slots, row[1:], strict=False):
                if slot is None:
                    total = count
                else:
                    facets.setdefault(slot[0], []).append({"value": slot[1], "count": count or 0})
        return total, facets


class DatabaseBackend:
    name = "database"

    def _matching(self, request, tokens, now):
        """Visible postings with a search entry that hold every query token; None when nothing can match."""
        if request.query and not tokens:
            return None
        postings = JobPosting.objects.visible(now).filter(search_entry__isnull=False)
        # Token lookups first, so that the planner may start from the postings holding them.
        for token in tokens:
            holders = JobSearchToken.objects.filter(token=token[:TOKEN_MAX_LENGTH]).values("job_id")
            postings = postings.filter(pk__in=holders)
        if request.published_after:
            postings = postings.filter(**{f"{ENTRY}published_at__gt": request.published_after})
        return postings

    def _filters(self, request, now):
        """{facet name: condition} for each facet the request filters on."""
        filters = {}
        for facet in VALUE_FACETS:
            if values := request.selected.get(facet.name):
                filters[facet.name] = reduce(or_, [_value_condition(facet, value) for value in values])
        if request.has_salary_filter():
            filters[SALARY_FACET.name] = _salary_condition(request.salary_min, request.salary_max)
        if request.posted_within:
            filters[POSTED_FACET.name] = _posted_condition(request.posted_within, now)
        return filters

    def _counts(self, postings, filters, now):
        """The total and each facet's counts, every facet ignoring its own filter, in one query."""
        counter = _Counter(connections[postings.db])
        unfiltered = [facet for facet in FACETS if facet.name not in filters]
        branches = [counter.branch(postings.filter(_all(filters.values())) if filters else postings,
                                   unfiltered, now, total=True)]
        for facet in FACETS:
            if facet.name in filters:
                others = _all([condition for other, condition in filters.items() if other != facet.name])
                branches.append(counter.branch(postings.filter(others) if others is not None else postings,
                                               [facet], now))
        total, facets = counter.run(branches)
        return total, {facet.name: facets[facet.name] for facet in FACETS}

    def _ordered(self, postings, request, tokens):
        sort = request.effective_sort
        if sort == SORT_SALARY:
            return postings.order_by(f"-{ENTRY}salary_max", f"-{ENTRY}salary_min", f"-{ENTRY}published_at", "-pk")
        if sort == SORT_NEWEST or not tokens:
            return postings.order_by(f"-{ENTRY}published_at", "-pk")
        title_matches = [
            Case(When(**{f"{ENTRY}title_tokens__contains": f" {token} "}, then=Value(1)), default=Value(0),
                 output_field=IntegerField())
            for token in tokens
        ]
        score = reduce(lambda a, b: a + b, title_matches)
        return postings.annotate(title_score=score).order_by("-title_score", f"-{ENTRY}published_at", "-pk")

    def search(self, request):
        now = timezone.now()
        tokens = query_tokens(request.query)
        postings = self._matching(request, tokens, now)
        if postings is None:
            return Results(hits=[], total=0, facets=_empty_facets(), request=request)
        filters = self._filters(request, now)
        total, facets = self._counts(postings, filters, now)
        hits = []
        if request.offset < total:
            selected = postings.filter(_all(filters.values())) if filters else postings
            ordered = self._ordered(selected, request, tokens).values_list("pk", flat=True)
            ids = list(ordered[request.offset:request.offset + request.per_page])
            found = JobPosting.objects.visible(now).select_related("employer").in_bulk(ids)
            hits = [found[pk] for pk in ids if pk in found]
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
        """Titles holding every query token of what she typed (会计 → 财务会计助理),
        as search matches them, or starting with it (a word half typed: "pyth");
        titles that start with it first."""
        tokens = query_tokens(prefix)
        in_title = _all(Q(**{f"{ENTRY}title_tokens__contains": f" {token} "}) for token in tokens)
        matching = Q(title__istartswith=prefix) | in_title if in_title is not None else Q(title__istartswith=prefix)
        starts = Case(When(title__istartswith=prefix, then=Value(0)), default=Value(1), output_field=IntegerField())
        titles = (JobPosting.objects.visible().filter(matching).annotate(starts=starts)
                  .order_by("starts", "title").values_list("title", flat=True))
        # distinct() would need `starts` in the SELECT on PostgreSQL; a few extra rows are dropped here.
        return list(dict.fromkeys(titles[:SUGGESTIONS * 3]))[:SUGGESTIONS]
