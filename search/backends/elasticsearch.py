"""Job search on Elasticsearch (elasticsearch.dsl).

Visibility is part of every query (published_at <= now < expires_at) as well as
of the index contents, so a posting that expired since the last reconciliation
is never returned. Facet filters go into `post_filter`; each facet is an
aggregation filtered by all the *other* facets' filters, so its counts ignore
its own selection.
"""

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch
from elasticsearch.dsl import A, Q, Search

from jobs.models import JobPosting

from ..documents import alias_name
from ..facets import FACETS, POSTED_FACET, SALARY_FACET, VALUE_FACETS, Kind, salary_band_range
from ..jobs import SORT_NEWEST, SORT_SALARY, SUGGESTIONS, Results

# Short, single attempts: a dead node must turn into the database fallback fast.
REQUEST_TIMEOUT = 2
TEXT_FIELDS = ["title^3", "employer_name^2", "description", "requirements", "benefits"]
DESCRIPTION_FRAGMENT = 100
ES_ERRORS = (TransportError, ApiError)

_clients = {}


class SearchUnavailable(Exception):
    """Elasticsearch did not answer (down, unreachable, index missing)."""


def client():
    url = settings.ELASTICSEARCH_URL
    if url not in _clients:
        _clients[url] = Elasticsearch(url, request_timeout=REQUEST_TIMEOUT, max_retries=0, retry_on_timeout=False)
    return _clients[url]


def _salary_filter(salary_min, salary_max):
    """Postings whose salary range overlaps [salary_min, salary_max]."""
    low_field, high_field = SALARY_FACET.fields
    ranges = []
    if salary_min is not None:
        ranges.append(Q("range", **{high_field: {"gte": salary_min}}))
    if salary_max is not None:
        ranges.append(Q("range", **{low_field: {"lte": salary_max}}))
    return Q("bool", filter=ranges)


def _posted_filter(days):
    return Q("range", **{POSTED_FACET.field: {"gte": f"now-{days}d"}})


def _filters(request):
    """{facet name: query} for each facet the request filters on."""
    filters = {}
    for facet in VALUE_FACETS:
        if values := request.selected.get(facet.name):
            # A keyword field holds a tag list as several terms: `terms` matches any of them.
            filters[facet.name] = Q("terms", **{facet.field: list(values)})
    if request.has_salary_filter():
        filters[SALARY_FACET.name] = _salary_filter(request.salary_min, request.salary_max)
    if request.posted_within:
        filters[POSTED_FACET.name] = _posted_filter(request.posted_within)
    return filters


def _aggregation(facet):
    """The buckets that count a facet's values."""
    if facet.kind is Kind.SALARY:
        return A("filters", filters={key: _salary_filter(*salary_band_range(key)) for key in facet.values})
    if facet.kind is Kind.POSTED:
        return A("filters", filters={value: _posted_filter(int(value)) for value in facet.values})
    return A("terms", field=facet.field, size=len(facet.options))


def _all(queries):
    queries = list(queries)
    return Q("bool", filter=queries) if queries else Q("match_all")


def _sort(request):
    sort = request.effective_sort
    if sort == SORT_SALARY:
        return [{"salary_max": "desc"}, {"salary_min": "desc"}, {"published_at": "desc"}, {"job_id": "desc"}]
    if sort == SORT_NEWEST or not request.query:
        return [{"published_at": "desc"}, {"job_id": "desc"}]
    return ["_score", {"published_at": "desc"}, {"job_id": "desc"}]


def build_search(request, using=None):
    """The Search for a SearchRequest (tested as data in test_es_contract.py)."""
    visible = [Q("range", published_at={"lte": "now"}), Q("range", expires_at={"gt": "now"})]
    if request.published_after:
        visible.append(Q("range", published_at={"gt": request.published_after.isoformat()}))
    if request.query:
        match = Q("multi_match", query=request.query, fields=TEXT_FIELDS, type="cross_fields", operator="and")
    else:
        match = Q("match_all")
    search = Search(using=using, index=alias_name()).query(Q("bool", must=[match], filter=visible))
    filters = _filters(request)
    if filters:
        search = search.post_filter(_all(filters.values()))
    for facet in FACETS:
        others = _all(query for other, query in filters.items() if other != facet.name)
        search.aggs.bucket(facet.name, "filter", filter=others).bucket("values", _aggregation(facet))
    search = (search.highlight_options(encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"])
              .highlight("title", number_of_fragments=0)
              .highlight("description", fragment_size=DESCRIPTION_FRAGMENT, number_of_fragments=1))
    search = search.sort(*_sort(request)).source(False).extra(track_total_hits=True)
    return search[request.offset:request.offset + request.per_page]


def build_suggest(prefix, using=None):
    """Visible postings whose title holds every token of `prefix` through the
    title's own analysers, as search matches them (会计 → 财务会计助理), or
    whose title starts with it (a word half typed); those first, then newest.
    Not the completion suggester: it matches only the start of a title.
    A few more hits than suggestions, since two postings may share a title."""
    visible = [Q("range", published_at={"lte": "now"}), Q("range", expires_at={"gt": "now"})]
    matching = Q("bool", should=[Q("match", title={"query": prefix, "operator": "and"}),
                                 Q("match_phrase_prefix", title={"query": prefix, "boost": 2})],
                 minimum_should_match=1)
    search = Search(using=using, index=alias_name()).query(Q("bool", must=[matching], filter=visible))
    search = search.source(["title"]).sort("_score", {"published_at": "desc"}, {"job_id": "desc"})
    return search[:SUGGESTIONS * 3]


def _bucket_counts(buckets):
    """{value: count} from a terms aggregation's list of the values it found, or
    from a filters aggregation's buckets by key."""
    if isinstance(buckets, dict):
        return {key: bucket["doc_count"] for key, bucket in buckets.items()}
    return {bucket["key"]: bucket["doc_count"] for bucket in buckets}


def _facets(aggregations):
    """{facet name: [{"value", "count"}]} with every value, in the facet's order."""
    facets = {}
    for facet in FACETS:
        counts = _bucket_counts(aggregations[facet.name]["values"]["buckets"])
        facets[facet.name] = [{"value": value, "count": counts.get(value, 0)} for value in facet.values]
    return facets


class ElasticsearchBackend:
    name = "elasticsearch"

    def search(self, request):
        try:
            response = build_search(request, using=client()).execute()
        except ES_ERRORS as exc:
            raise SearchUnavailable(str(exc)) from exc
        ids = [int(hit.meta.id) for hit in response]
        postings = JobPosting.objects.visible().select_related("employer").in_bulk(ids)
        highlights = {}
        for hit in response:
            fragments = getattr(hit.meta, "highlight", None)
            if fragments:
                highlights[int(hit.meta.id)] = {field: list(values)[0] for field, values in fragments.to_dict().items()}
        return Results(
            hits=[postings[pk] for pk in ids if pk in postings],
            total=response.hits.total.value,
            facets=_facets(response.aggregations.to_dict()),
            highlights=highlights,
            request=request,
        )

    def suggest(self, prefix):
        try:
            response = build_suggest(prefix, using=client()).execute()
        except ES_ERRORS as exc:
            raise SearchUnavailable(str(exc)) from exc
        return list(dict.fromkeys(hit.title for hit in response))[:SUGGESTIONS]
