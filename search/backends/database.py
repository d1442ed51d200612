"""Job search on the database (SQLite or PostgreSQL): the embedded default,
and the fallback while Elasticsearch is down.

Every query token (search/tokens.py) must be one of the posting's index tokens
(JobSearchToken, an indexed lookup), as Elasticsearch's `cross_fields` match
with operator `and` requires. Filters, facet counts and the order of the page
come from the in-memory index of listed postings (search/memory_index.py):
each facet is counted without its own filter, as a popcount of bitmaps, so a
search costs the same few queries and about the same time at 1,000 postings
as at 100,000: the index's freshness check, one lookup per query token and the
postings of the page.
"""

import heapq
from datetime import timedelta
from functools import reduce
from itertools import islice
from operator import and_, or_

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone

from jobs.models import JobPosting

from .. import memory_index
from ..facets import FACETS, POSTED_FACET, SALARY_FACET, VALUE_FACETS
from ..jobs import SORT_NEWEST, SORT_SALARY, SUGGESTIONS, Results
from ..tokens import highlight, query_tokens

TITLE_FRAGMENT = None  # whole title
DESCRIPTION_FRAGMENT = 100
# Up to this many matches, the salary sort orders them itself; beyond, it walks the index's salary order.
SORT_MATCHES_DIRECTLY = 2_000

ENTRY = "search_entry__"  # JobPosting → JobSearchEntry


def _all(conditions):
    conditions = [condition for condition in conditions if condition is not None]
    return reduce(and_, conditions) if conditions else None


def _empty_facets():
    return {facet.name: [{"value": value, "count": 0} for value in facet.values] for facet in FACETS}


class DatabaseBackend:
    name = "database"

    def _filters(self, index, request, now):
        """{facet name: bitmap of the rows its filter lets through} for each facet the request filters on."""
        filters = {}
        for facet in VALUE_FACETS:
            if values := request.selected.get(facet.name):
                filters[facet.name] = reduce(or_, [index.values[facet.name][value] for value in values])
        if request.has_salary_filter():
            filters[SALARY_FACET.name] = index.salary_overlapping(request.salary_min, request.salary_max)
        if request.posted_within:
            filters[POSTED_FACET.name] = index.published_from(now - timedelta(days=request.posted_within))
        return filters

    def _facets(self, index, matching, filters, now):
        """Each facet's counts over the matching rows that pass every *other* facet's filter."""
        posted = {str(days): index.published_from(now - timedelta(days=int(days)))
                  for days in POSTED_FACET.values}
        facets = {}
        for facet in FACETS:
            rows = reduce(and_, [bits for name, bits in filters.items() if name != facet.name], matching)
            values = posted if facet is POSTED_FACET else index.values[facet.name]
            facets[facet.name] = [{"value": value, "count": (rows & values[value]).bit_count()}
                                  for value in facet.values]
        return facets

    def _page(self, index, selected, request, tokens):
        """Job ids of the requested page of `selected`, in the request's order."""
        start, stop = request.offset, request.offset + request.per_page
        sort = request.effective_sort
        if sort == SORT_NEWEST or (sort != SORT_SALARY and not tokens):
            # Rows are numbered oldest first: newest is the highest bits down.
            rows = list(islice(memory_index.rows_descending(selected), stop))
        elif sort == SORT_SALARY and selected.bit_count() > SORT_MATCHES_DIRECTLY:
            data = selected.to_bytes((selected.bit_length() + 7) // 8, "little")
            rows = list(islice((row for row in index.by_salary if memory_index.has_row(data, row)), stop))
        elif sort == SORT_SALARY:
            rows = heapq.nlargest(stop, memory_index.rows_descending(selected),
                                  key=lambda row: (index.salary_max.values_of[row], index.salary_min.values_of[row],
                                                   row))
        else:
            # Relevance: titles holding more of the query tokens first, then newest.
            wanted = [f" {token} " for token in tokens]
            titles = index.title_tokens
            rows = heapq.nlargest(stop, memory_index.rows_descending(selected),
                                  key=lambda row: (sum(token in titles[row] for token in wanted), row))
        return [index.job_ids[row] for row in rows[start:stop]]

    def search(self, request):
        now = timezone.now()
        tokens = query_tokens(request.query)
        if request.query and not tokens:
            return Results(hits=[], total=0, facets=_empty_facets(), request=request)
        using = JobPosting.objects.db
        index = memory_index.current(now, using)
        matching = index.visible(now)
        for token in tokens:
            matching &= index.holding(token, using)
        if request.published_after:
            matching &= index.published_after(request.published_after)
        filters = self._filters(index, request, now)
        selected = reduce(and_, filters.values(), matching)
        total = selected.bit_count()
        facets = self._facets(index, matching, filters, now)
        hits = []
        if request.offset < total:
            ids = self._page(index, selected, request, tokens)
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
