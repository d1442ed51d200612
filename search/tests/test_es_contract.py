"""The Elasticsearch side as data: mapping and analysis, query bodies, bulk
actions and Wagtail's site-search index settings. No node is needed."""

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.utils import timezone

from search.documents import alias_name, job_index
from search.indexing import action_for, delete_action, index_action, swap_allowed
from search.jobs import parse_request
from search.sync import version_of

from .factories import JobPostingFactory

TEXT = {"type": "text", "analyzer": "job_text", "search_analyzer": "job_query"}


def test_index_mapping_and_analysis():
    body = job_index("jinguo-jobs-20260101").to_dict()
    assert body["settings"] == {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "max_result_window": 10_000,
        "analysis": {
            "analyzer": {
                "job_text": {"type": "custom", "tokenizer": "standard",
                             "filter": ["cjk_width", "lowercase", "cjk_bigram_with_unigrams"]},
                "job_query": {"type": "custom", "tokenizer": "standard",
                              "filter": ["cjk_width", "lowercase", "cjk_bigram"]},
            },
            "filter": {"cjk_bigram_with_unigrams": {"type": "cjk_bigram", "output_unigrams": True}},
        },
    }
    properties = body["mappings"]["properties"]
    for name in ("title", "employer_name", "description", "requirements", "benefits"):
        assert properties[name] == TEXT
    for name in ("city", "district", "industry", "job_type", "education", "family_friendly"):
        assert properties[name] == {"type": "keyword"}
    assert properties["title_suggest"] == {"type": "completion"}
    assert properties["salary_min"] == properties["salary_max"] == properties["job_id"] == {"type": "integer"}
    assert properties["published_at"]["type"] == properties["expires_at"]["type"] == "date"


def test_smartcn_option_uses_the_plugin_tokenizer():
    from search.documents import text_analyzers

    index_side, query_side = text_analyzers("smartcn")
    assert index_side.get_definition() == {"type": "custom", "tokenizer": "smartcn_tokenizer",
                                           "filter": ["lowercase"]}
    assert query_side is index_side


def test_alias_carries_the_prefix():
    assert alias_name() == f"{settings.ELASTICSEARCH_INDEX_PREFIX}-jobs"


def test_query_body_for_keyword_two_facets_sort_and_page():
    from search.backends.elasticsearch import build_search

    request = parse_request({"q": "会计", "city": "永川", "industry": "finance", "sort": "newest", "page": "2"})
    city = {"terms": {"district": ["永川"]}}
    industry = {"terms": {"industry": ["finance"]}}
    both = {"bool": {"filter": [city, industry]}}

    def salary(low, high=None):
        ranges = [{"range": {"salary_max": {"gte": low}}}]
        if high is not None:
            ranges.append({"range": {"salary_min": {"lte": high}}})
        return {"bool": {"filter": ranges}}

    assert build_search(request).to_dict() == {
        "query": {"bool": {
            "must": [{"multi_match": {
                "query": "会计", "type": "cross_fields", "operator": "and",
                "fields": ["title^3", "employer_name^2", "description", "requirements", "benefits"]}}],
            "filter": [{"range": {"published_at": {"lte": "now"}}}, {"range": {"expires_at": {"gt": "now"}}}],
        }},
        "post_filter": both,
        "aggs": {
            "city": {"filter": {"bool": {"filter": [industry]}},
                     "aggs": {"values": {"terms": {"field": "district", "size": 16}}}},
            "industry": {"filter": {"bool": {"filter": [city]}},
                         "aggs": {"values": {"terms": {"field": "industry", "size": 12}}}},
            "job_type": {"filter": both, "aggs": {"values": {"terms": {"field": "job_type", "size": 3}}}},
            "education": {"filter": both, "aggs": {"values": {"terms": {"field": "education", "size": 4}}}},
            "family_friendly": {"filter": both,
                                "aggs": {"values": {"terms": {"field": "family_friendly", "size": 7}}}},
            "salary": {"filter": both, "aggs": {"values": {"filters": {"filters": {
                "lt3k": salary(0, 2999), "3k-5k": salary(3000, 4999), "5k-8k": salary(5000, 7999),
                "8k-12k": salary(8000, 11999), "gte12k": salary(12000)}}}}},
            "posted_within": {"filter": both, "aggs": {"values": {"filters": {"filters": {
                str(days): {"range": {"published_at": {"gte": f"now-{days}d"}}} for days in (1, 3, 7, 30)}}}}},
        },
        "highlight": {"encoder": "html", "pre_tags": ["<mark>"], "post_tags": ["</mark>"], "fields": {
            "title": {"number_of_fragments": 0},
            "description": {"fragment_size": 100, "number_of_fragments": 1}}},
        "sort": [{"published_at": "desc"}, {"job_id": "desc"}],
        "track_total_hits": True,
        "_source": False,
        "from": 20,
        "size": 20,
    }


def test_query_body_relevance_salary_and_no_keyword():
    from search.backends.elasticsearch import build_search

    body = build_search(parse_request({"q": "python", "salary_min": "5000"})).to_dict()
    assert body["sort"] == ["_score", {"published_at": "desc"}, {"job_id": "desc"}]
    assert body["post_filter"] == {"bool": {"filter": [
        {"bool": {"filter": [{"range": {"salary_max": {"gte": 5000}}}]}}]}}
    assert body["aggs"]["salary"]["filter"] == {"match_all": {}}
    body = build_search(parse_request({"sort": "salary"})).to_dict()
    assert body["query"]["bool"]["must"] == [{"match_all": {}}]
    assert "post_filter" not in body
    assert body["sort"][:2] == [{"salary_max": "desc"}, {"salary_min": "desc"}]


@pytest.mark.django_db
def test_bulk_index_action_uses_external_version_from_updated_at():
    job = JobPostingFactory(title="财务会计助理", family_friendly=["maternity"])
    action = index_action(job)
    assert {key: value for key, value in action.items() if key != "_source"} == {
        "_op_type": "index", "_index": alias_name(), "_id": str(job.pk),
        "version": int(job.updated_at.timestamp() * 1_000_000), "version_type": "external"}
    source = action["_source"]
    assert source["job_id"] == job.pk and source["title"] == "财务会计助理"
    assert source["employer_name"] == job.employer.name and source["family_friendly"] == ["maternity"]
    assert source["title_suggest"] == {"input": ["财务会计助理"]}
    # A later save carries a higher version, so an older write arriving late loses.
    job.title = "高级财务会计"
    job.save()
    assert index_action(job)["version"] > action["version"]


@pytest.mark.django_db
def test_bulk_actions_delete_postings_that_are_not_visible():
    now = timezone.now()
    expired = JobPostingFactory(expires_at=now - timedelta(hours=1))
    assert action_for(expired.pk, expired, 0, now) == {
        "_op_type": "delete", "_index": alias_name(), "_id": str(expired.pk),
        "version": version_of(expired.updated_at) + 1, "version_type": "external"}
    draft = JobPostingFactory(status="draft")
    assert action_for(draft.pk, draft, 0, now)["_op_type"] == "delete"
    # A posting deleted from the database: the version recorded at deletion.
    assert action_for(987, None, 1234, now) == delete_action(987, 1234)
    visible = JobPostingFactory()
    assert action_for(visible.pk, visible, 0, now)["_op_type"] == "index"


def test_wagtail_site_search_analysis_in_production_settings():
    """portal.settings.production configures Wagtail's elasticsearch9 backend so
    that its full-text fields are analysed with CJK bigrams (unigrams indexed)."""
    script = ("import json; from django.conf import settings; import django; django.setup(); "
              "print(json.dumps(settings.WAGTAILSEARCH_BACKENDS['default']))")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.production", "SECRET_KEY": "x" * 60,
           "SENSITIVE_DATA_KEYS": Fernet.generate_key().decode(), "ELASTICSEARCH_URL": "http://127.0.0.1:9"}
    output = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True,
                            cwd=settings.BASE_DIR).stdout
    config = json.loads(output.strip().splitlines()[-1])
    assert config["BACKEND"] == "wagtail.search.backends.elasticsearch9"

    from wagtail.search.backends.elasticsearch9 import Elasticsearch9SearchBackend

    from portal.pages.models import NewsPage

    backend = Elasticsearch9SearchBackend({**config, "URLS": ["http://127.0.0.1:9"]})
    analysis = backend.settings["settings"]["analysis"]
    assert analysis["analyzer"]["default"] == {"type": "custom", "tokenizer": "standard",
                                               "filter": ["cjk_width", "lowercase", "cjk_bigram_with_unigrams"]}
    assert analysis["analyzer"]["default_search"] == {"type": "custom", "tokenizer": "standard",
                                                      "filter": ["cjk_width", "lowercase", "cjk_bigram"]}
    assert analysis["filter"]["cjk_bigram_with_unigrams"] == {"type": "cjk_bigram", "output_unigrams": True}
    # Wagtail's own analyzers are kept for autocomplete.
    assert "edgengram_analyzer" in analysis["analyzer"]
    # Full-text fields name no analyzer, so the index's default (above) applies to them.
    mapping = backend.mapping_class(NewsPage).get_mapping()["properties"]
    assert mapping["title"]["type"] == "text" and "analyzer" not in mapping["title"]
    assert mapping["_all_text"] == {"type": "text"}


def test_rebuild_swaps_only_within_ten_percent_of_the_database():
    assert swap_allowed(1000, 1000) and swap_allowed(900, 1000) and swap_allowed(1100, 1000)
    assert not swap_allowed(899, 1000) and not swap_allowed(1101, 1000)
    assert swap_allowed(0, 0) and not swap_allowed(2, 0)


def test_the_suggest_body_matches_title_tokens_not_only_the_start():
    from search.backends.elasticsearch import build_suggest

    body = build_suggest("会计").to_dict()

    query = body["query"]["bool"]
    assert query["filter"] == [{"range": {"published_at": {"lte": "now"}}}, {"range": {"expires_at": {"gt": "now"}}}]
    # The title's search analyser (job_query: cjk_bigram) turns 会计 into the token search uses.
    assert query["must"] == [{"bool": {"should": [
        {"match": {"title": {"query": "会计", "operator": "and"}}},
        {"match_phrase_prefix": {"title": {"query": "会计", "boost": 2}}},
    ], "minimum_should_match": 1}}]
    assert "suggest" not in body
    assert body["_source"] == ["title"]
    assert body["size"] == 30
