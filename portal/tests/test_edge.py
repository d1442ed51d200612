"""Bad input refused at the edge (portal/edge.py): each case used to answer 500."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from consultants.tests.factories import ConsultantFactory
from portal.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def refused_json(response, status, code):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == code and response.json()["detail"]


@pytest.mark.parametrize("url", [
    "/api/v1/jobs/suggest?q=a%00b",
    "/api/v1/courses?category=a%00b",
    "/api/v1/jobs?q=%01abc",
])
def test_control_characters_in_api_queries_are_a_400(client, url):
    refused_json(client.get(url), 400, "control_character")


def test_a_nul_in_the_jobs_page_query_is_a_400_page(client, home_page):
    response = client.get("/jobs/?q=%00abc")
    assert response.status_code == 400
    assert "控制字符" in response.content.decode()


@pytest.mark.parametrize("query", ["from=9999-12-31T00:00:00Z", "from=0001-01-01T00:00:00Z&to=0001-01-08T00:00:00Z"])
def test_slot_dates_outside_the_calendar_we_serve_are_a_400(client, query):
    consultant = ConsultantFactory()
    refused_json(client.get(f"/api/v1/consultants/{consultant.pk}/slots?{query}"), 400, "date_out_of_range")


def test_other_edge_dates_are_refused_too(client, home_page):
    refused_json(client.get("/api/v1/consultants?available_from=0001-01-01T00:00:00Z"), 400, "date_out_of_range")
    assert client.get("/courses/?to=9999-12-31").status_code == 400
    consultant = ConsultantFactory()
    assert client.get(f"/consultants/{consultant.pk}/book/?start=0001-01-01T00:00:00Z").status_code == 400


def test_a_booking_in_year_one_is_refused_and_nothing_is_booked(client):
    from consultants.models import Booking

    user = UserFactory()
    token = client.post("/api/v1/auth/token", json.dumps({"email": user.email, "password": PASSWORD}),
                        content_type="application/json").json()["token"]
    consultant = ConsultantFactory()
    response = client.post("/api/v1/bookings", json.dumps({
        "consultant_id": consultant.pk, "start": "0001-01-01T09:00:00Z", "mode": "online", "topic": "面试"}),
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    refused_json(response, 400, "date_out_of_range")
    response = client.post("/api/v1/bookings", json.dumps({
        "consultant_id": consultant.pk, "start": "2030-01-01T09:00:00Z", "mode": "online", "topic": "a\u0000b"}),
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    refused_json(response, 400, "control_character")
    assert not Booking.objects.exists()


def test_a_nul_in_a_token_request_is_a_400(client):
    response = client.post("/api/v1/auth/token", json.dumps({"email": "a\u0000@example.com", "password": "x"}),
                           content_type="application/json")
    refused_json(response, 400, "control_character")


def test_a_nul_in_a_form_post_changes_nothing(client):
    user = UserFactory(display_name="小雨")
    client.force_login(user)
    response = client.post("/me/account/", {"display_name": "小\x00雨", "language": "zh-hans"})
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.display_name == "小雨"


@pytest.mark.parametrize("url", ["/api/v1/courses/9223372036854775808", "/api/v1/jobs/99999999999999999999",
                                 "/api/v1/consultants/9223372036854775808/slots"])
def test_ids_past_the_largest_integer_are_a_404(client, url):
    refused_json(client.get(url), 404, "not_found")


def test_an_id_past_the_largest_integer_on_a_page_is_a_404(client, home_page):
    assert client.get("/jobs/9223372036854775808/").status_code == 404


def test_a_body_over_the_limit_is_a_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    body = json.dumps({"email": "x" * (3 * 1024 * 1024), "password": "x"})
    refused_json(client.post("/api/v1/auth/token", body, content_type="application/json"), 413, "too_large")


def test_a_filename_of_a_thousand_characters_is_a_400(client):
    from jobs.models import Application
    from jobs.tests.factories import JobPostingFactory

    job = JobPostingFactory()
    client.force_login(UserFactory())
    upload = SimpleUploadedFile("a" * 1000 + ".pdf", b"%PDF-1.4\n", content_type="application/pdf")
    refused_json(client.post(f"/api/v1/jobs/{job.pk}/applications", {"cv": upload}), 400, "filename_too_long")
    assert not Application.objects.exists()


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
def test_unknown_api_paths_answer_a_json_404_for_every_method(client, method):
    refused_json(getattr(client, method)("/api/v1/no/such/thing"), 404, "not_found")
    refused_json(getattr(client, method)("/api/v2/jobs"), 404, "not_found")


def test_ordinary_text_and_dates_still_pass(client):
    assert client.get("/api/v1/jobs?q=会计\t助理").status_code == 200
    consultant = ConsultantFactory()
    assert client.get(f"/api/v1/consultants/{consultant.pk}/slots?from=2030-01-01T00:00:00Z").status_code == 200
