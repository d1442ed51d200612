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

from jobs.choices import SALARY_BANDS
from jobs.models import JobPosting

from ..documents import alias_name
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
    ranges = []
    if salary_min is not None:
        ranges.append(Q("range", salary_max={"gte": salary_min}))
    if salary_max is not None:
        ranges.append(Q("range", salary_min={"lte": salary_max}))
    return Q("bool", filter=ranges)


def _posted_filter(days):
    return Q("range", published_at={"gte": f"now-{days}d"})


def _filters(request):
    """{facet name: query} for each facet the request filters on."""
    filters = {}
    for name, values in request.term_filters().items():
        filters[name] = Q("terms", **{TERM_FACETS[name][0]: list(values)})
    if request.has_salary_filter():
        filters[SALARY_FACET] = _salary_filter(request.salary_min, request.salary_max)
    if request.posted_within:
        filters[POSTED_FACET] = _posted_filter(request.posted_within)
    return filters


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
    for name, (field, choices) in TERM_FACETS.items():
        others = _all(query for other, query in filters.items() if other != name)
        search.aggs.bucket(name, "filter", filter=others).bucket("values", "terms", field=field, size=len(choices))
    others = _all(query for other, query in filters.items() if other != SALARY_FACET)
    search.aggs.bucket(SALARY_FACET, "filter", filter=others).bucket("values", A("filters", filters={
        key: _salary_filter(*salary_band_range(key)) for key, *_rest in SALARY_BANDS}))
    others = _all(query for other, query in filters.items() if other != POSTED_FACET)
    search.aggs.bucket(POSTED_FACET, "filter", filter=others).bucket("values", A("filters", filters={
        str(days): _posted_filter(days) for days in POSTED_WITHIN_DAYS}))
    search = (search.highlight_options(encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"])
              .highlight("title", number_of_fragments=0)
              .highlight("description", fragment_size=DESCRIPTION_FRAGMENT, number_of_fragments=1))
    search = search.sort(*_sort(request)).source(False).extra(track_total_hits=True)
    return search[request.offset:request.offset + request.per_page]


def _facets(aggregations):
    facets = {}
    for name, (_field, choices) in TERM_FACETS.items():
        counts = {bucket["key"]: bucket["doc_count"] for bucket in aggregations[name]["values"]["buckets"]}
        facets[name] = [{"value": value, "count": counts.get(value, 0)} for value, _label in choices]
    for name in (SALARY_FACET, POSTED_FACET):
        buckets = aggregations[name]["values"]["buckets"]
        facets[name] = [{"value": key, "count": bucket["doc_count"]} for key, bucket in buckets.items()]
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
        search = Search(using=client(), index=alias_name()).source(False).suggest(
            "titles", prefix, completion={"field": "title_suggest", "size": SUGGESTIONS, "skip_duplicates": True})
        try:
            response = search.execute()
        except ES_ERRORS as exc:
            raise SearchUnavailable(str(exc)) from exc
        return [option.text for option in response.suggest.titles[0].options]
