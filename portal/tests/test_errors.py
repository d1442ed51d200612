"""One service error: the same refusal reads as the problem page on the site and
as {detail, code} in the API, with the same status, whichever app refuses."""

import pytest
from django.test import RequestFactory

from consultants.tests.factories import ConsultantFactory, make_booking
from jobs import applications as job_applications
from jobs.tests.factories import JobPostingFactory, pdf_upload
from portal.accounts.tests.factories import UserFactory
from portal.accounts.tokens import issue_token
from portal.confirmation import CONFIRMING
from portal.errors import Conflict, ServiceError, back_url, problem_page

pytestmark = pytest.mark.django_db


def test_the_problem_page_carries_the_status_message_and_field_details(home_page):
    request = RequestFactory().get("/", HTTP_REFERER="http://testserver/jobs/?q=x")
    error = ServiceError("invalid", "有些条件不对。", 400, errors=[{"field": "salary_min", "message": "请填写数字"}])
    response = problem_page(request, error)
    body = response.content.decode()
    assert response.status_code == 400
    assert "有些条件不对。" in body and "请填写数字" in body
    assert 'href="http://testserver/jobs/?q=x"' in body


def test_the_back_link_never_leaves_the_site():
    request = RequestFactory().get("/", HTTP_REFERER="https://evil.example/")
    assert back_url(request) == "/"


def test_subclasses_keep_one_signature():
    error = Conflict("slot_taken", "已被预约")
    assert (error.code, error.message, error.status) == ("slot_taken", "已被预约", 409)
    assert ServiceError("x", "y", 418).status == 418


@pytest.fixture
def withdrawn(client, home_page):
    seeker = UserFactory()
    application = job_applications.apply(JobPostingFactory().pk, seeker, upload=pdf_upload())
    job_applications.withdraw(application.pk, seeker)
    return seeker, application


def test_a_refused_action_on_the_site_is_the_problem_page(client, withdrawn):
    seeker, application = withdrawn
    client.force_login(seeker)
    response = client.post(f"/jobs/applications/{application.pk}/withdraw/", CONFIRMING)
    assert response.status_code == 409
    assert "该申请已无法撤回。" in response.content.decode()
    assert "problem.html" in [template.name for template in response.templates]


def test_the_same_kind_of_refusal_in_the_api_is_detail_and_code(client, home_page):
    seeker = UserFactory()
    booking = make_booking(ConsultantFactory(), seeker=seeker)
    token = issue_token(seeker)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert client.delete(f"/api/v1/bookings/{booking.pk}", **headers).status_code == 204
    again = client.delete(f"/api/v1/bookings/{booking.pk}", **headers)
    assert again.status_code == 409
    assert set(again.json()) == {"detail", "code"} and again.json()["code"] == "not_confirmed"
