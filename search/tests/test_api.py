"""GET /api/v1/jobs and /api/v1/jobs/suggest: the search interface over JSON."""

import datetime

import pytest
from django.utils import timezone

from jobs.tests.factories import JobPostingFactory

pytestmark = pytest.mark.django_db


def test_search_returns_hits_highlights_and_facets(client):
    match = JobPostingFactory(title="财务会计助理", district="永川")
    JobPostingFactory(title="会计主管", district="渝中")
    JobPostingFactory(title="平面设计师", requirements="")
    JobPostingFactory(title="过期会计", expires_at=timezone.now() - datetime.timedelta(hours=1))
    body = client.get("/api/v1/jobs", {"q": "会计", "city": "永川"}).json()
    assert body["total"] == 1 and body["degraded"] is False
    (hit,) = body["results"]
    assert hit["id"] == match.pk and hit["url"] == f"/jobs/{match.pk}/"
    assert "<mark>会计</mark>" in hit["highlight"]["title"]
    cities = {bucket["value"]: bucket["count"] for bucket in body["facets"]["city"]}
    # The district facet is counted without its own filter: both 会计 jobs show.
    assert cities["永川"] == 1 and cities["渝中"] == 1


@pytest.mark.parametrize("params", [{"salary_min": "abc"}, {"salary_min": "9000", "salary_max": "1000"},
                                    {"city": "火星"}, {"page": "99999"}, {"q": "会" * 2000}, {"sort": "x"}])
def test_bad_search_input_is_a_400_naming_the_field(client, params):
    response = client.get("/api/v1/jobs", params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and body["errors"]
    assert {error["field"] for error in body["errors"]} <= set(params) | {"salary_max"}


def test_search_syntax_is_plain_text(client):
    JobPostingFactory(title="财务会计助理")
    for query in ['title:(a OR b)*', '\\"', "!!!", "🙂"]:
        response = client.get("/api/v1/jobs", {"q": query})
        assert response.status_code == 200 and response.json()["total"] == 0


def test_suggestions(client):
    JobPostingFactory(title="财务会计助理")
    JobPostingFactory(title="财务分析师")
    JobPostingFactory(title="设计师")
    suggestions = client.get("/api/v1/jobs/suggest", {"q": "财务"}).json()["suggestions"]
    assert sorted(suggestions) == sorted(["财务会计助理", "财务分析师"])
    assert client.get("/api/v1/jobs/suggest", {"q": ""}).json() == {"suggestions": []}
