"""POST /api/v1/jobs/screen: the Art. 43 check of advert text, for the posting
form's script and any client. It answers findings with offsets into each field,
explains them in the request's language, refuses bad and oversized bodies,
throttles anonymous callers and stores nothing."""

import json
import uuid

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobs.models import DiscriminatoryPhrase
from portal.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/jobs/screen"


@pytest.fixture(autouse=True)
def fresh_throttle():
    """The test client calls from 127.0.0.1; with Redis its count outlives a test."""
    cache.delete("throttle_jobs_screen_anon_127.0.0.1")


def screen(client, body, **extra):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(URL, data, content_type="application/json", **extra)


def test_findings_carry_field_offsets_phrase_category_and_explanation(client):
    body = {"title": "销售经理", "description": "负责客户拓展。男性优先，能出差。",
            "requirements": "请注明婚育情况。", "benefits": "五险一金，产假按国家规定。",
            "how_to_apply": "入职体检含孕检。"}
    response = screen(client, body)
    assert response.status_code == 200
    findings = response.json()["findings"]
    assert [(f["field"], f["phrase"], f["category"]) for f in findings] == [
        ("description", "男性优先", "gender"),
        ("requirements", "注明婚育情况", "marriage"),
        ("how_to_apply", "孕检", "pregnancy"),
    ]
    for finding in findings:
        assert body[finding["field"]][finding["start"]:finding["end"]] == finding["phrase"]
        assert set(finding) == {"field", "start", "end", "phrase", "category", "explanation"}
        assert finding["explanation"]


def test_offsets_count_code_points_and_see_through_spaces(client):
    text = "😀 招聘：男 性 优 先"
    (finding,) = screen(client, {"description": text}).json()["findings"]
    assert text[finding["start"]:finding["end"]] == finding["phrase"] == "男 性 优 先"
    assert finding["start"] == 5  # the emoji is one code point (two UTF-16 units)


def test_clean_text_and_any_subset_of_fields(client):
    assert screen(client, {"description": "我们是女性友好企业，男女不限。"}).json() == {"findings": []}
    assert screen(client, {}).json() == {"findings": []}
    assert screen(client, {"title": "限男性"}).json()["findings"][0]["field"] == "title"


def test_editors_phrases_count(client):
    DiscriminatoryPhrase.objects.create(phrase="身高一米七", category="gender")
    findings = screen(client, {"requirements": "要求身高一米七以上。"}).json()["findings"]
    assert [f["phrase"] for f in findings] == ["身高一米七"]


@pytest.mark.parametrize(("extra", "language"), [
    ({}, "zh"),
    ({"QUERY_STRING": "lang=en"}, "en"),
    ({"QUERY_STRING": "lang=zh-Hans"}, "zh"),
    ({"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}, "en"),
    ({"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}, "zh"),
    ({"QUERY_STRING": "lang=en", "HTTP_ACCEPT_LANGUAGE": "zh-CN"}, "en"),
    ({"QUERY_STRING": "lang=xx"}, "zh"),
])
def test_explanation_is_in_the_request_language(client, extra, language):
    (finding,) = screen(client, {"description": "男性优先"}, **extra).json()["findings"]
    if language == "en":
        assert finding["explanation"].startswith("Art. 43 of the Law on the Protection of Women's Rights")
    else:
        assert finding["explanation"].startswith("《妇女权益保障法》第四十三条")


def test_each_kind_of_finding_names_its_item_in_chinese(client):
    findings = screen(client, {"description": "男性优先，已婚已育，入职体检含孕检。"}).json()["findings"]
    explanations = {f["category"]: f["explanation"] for f in findings}
    assert "第（一）项" in explanations["gender"]
    assert "第（四）项" in explanations["marriage"]
    assert "第（三）项" in explanations["pregnancy"]


def test_more_than_20000_characters_in_all_is_413(client):
    at_limit = {"description": "字" * 10_000, "requirements": "字" * 10_000}
    assert screen(client, at_limit).status_code == 200
    response = screen(client, {**at_limit, "title": "字"})
    assert response.status_code == 413
    assert response.json()["code"] == "too_large" and response.json()["detail"]
    # Beyond what Django reads into memory: refused before it is parsed, the same way.
    huge = screen(client, {"description": "x" * 3_000_000})
    assert huge.status_code == 413 and huge.json()["code"] == "too_large"


@pytest.mark.parametrize(("body", "field"), [
    ({"description": 5}, "description"),
    ({"title": ["男性优先"]}, "title"),
    ({"requirements": {"text": "男性优先"}}, "requirements"),
    ({"benefits": None}, "benefits"),
    ({"description": True}, "description"),
    ({"salary": "8000"}, "salary"),
    ([{"description": "男性优先"}], None),
    ("男性优先", None),
])
def test_wrong_types_and_unknown_fields_are_400_with_field_errors(client, body, field):
    response = screen(client, json.dumps(body))
    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "invalid" and data["detail"]
    assert [error["field"] for error in data["errors"]] == [field]


def test_a_body_that_is_not_json_is_400(client):
    response = screen(client, "{not json")
    assert response.status_code == 400
    assert set(response.json()) >= {"detail", "code"}


def test_get_is_not_allowed(client):
    assert client.get(URL).status_code == 405


def test_anonymous_callers_are_throttled_per_address(client):
    address = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.7"
    for _ in range(30):
        assert screen(client, {"title": "会计"}, REMOTE_ADDR=address).status_code == 200
    response = screen(client, {"title": "会计"}, REMOTE_ADDR=address)
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    # Another address, and a signed-in employer at the same address, still get answers.
    assert screen(client, {"title": "会计"}, REMOTE_ADDR=f"{address}1").status_code == 200
    client.force_login(UserFactory())
    assert screen(client, {"title": "会计"}, REMOTE_ADDR=address).status_code == 200


def test_signed_in_callers_get_more(client):
    user = UserFactory()
    client.force_login(user)
    cache.delete(f"throttle_jobs_screen_user_{user.pk}")
    for _ in range(40):
        assert screen(client, {"title": "会计"}).status_code == 200


def test_a_cache_that_does_not_answer_does_not_stop_the_check(client, monkeypatch):
    from jobs.api import _ScopedThrottle

    def broken(self, request):
        raise ConnectionError("redis is away")

    monkeypatch.setattr(_ScopedThrottle, "allow_request", broken)
    assert screen(client, {"description": "男性优先"}).status_code == 200


@pytest.mark.parametrize("signed_in", [False, True])
def test_nothing_is_written(client, signed_in):
    if signed_in:
        client.force_login(UserFactory())
    with CaptureQueriesContext(connection) as queries:
        assert screen(client, {"description": "男性优先，已婚已育。"}).status_code == 200
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT",
                                                                                       "RELEASE"))]
    assert writes == []


def test_described_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/jobs/screen"]["post"]
    assert "413" in operation["responses"]
