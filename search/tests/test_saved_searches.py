"""Saving and deleting searches, the /me/ section, and daily alerts."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from portal.accounts.tests.factories import UserFactory
from portal.notifications.models import OutboundMessage
from search.alerts import send_due_alerts
from search.models import AlertedJob, SavedSearch

from .factories import JobPostingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def test_saving_needs_login_and_post(client, user):
    response = client.post("/search/saved/", {"q": "会计"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(user)
    assert client.get("/search/saved/", {"q": "会计"}).status_code == 405
    assert not SavedSearch.objects.exists()


def test_saving_checks_csrf(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post("/search/saved/", {"q": "会计"}).status_code == 403


def test_save_a_search_once_and_go_back(signed_in, user):
    params = {"q": " 会计 ", "city": ["永川", "江北"], "salary_min": "4000", "next": "/jobs/?q=会计"}
    response = signed_in.post("/search/saved/", params)
    assert response.status_code == 302 and response["Location"] == "/jobs/?q=%E4%BC%9A%E8%AE%A1"
    signed_in.post("/search/saved/", params)
    saved = SavedSearch.objects.get(user=user)
    assert saved.query == "会计"
    assert saved.filters == {"city": ["永川", "江北"], "salary_min": ["4000"]}


def test_bad_search_is_not_saved(signed_in):
    response = signed_in.post("/search/saved/", {"salary_min": "abc", "next": "https://evil.example/"}, follow=True)
    assert not SavedSearch.objects.exists()
    # The problem page, not a redirect (and never to the foreign `next`).
    assert (response.status_code, response.redirect_chain) == (400, [])
    assert "5000" in response.content.decode()  # the message names the expected form


def test_delete_only_her_own(signed_in, user):
    mine = SavedSearch.objects.create(user=user, query="会计")
    theirs = SavedSearch.objects.create(user=UserFactory(), query="物流")
    assert signed_in.post(f"/search/saved/{theirs.pk}/delete/").status_code == 404
    assert signed_in.post(f"/search/saved/{mine.pk}/delete/").status_code == 302
    assert list(SavedSearch.objects.all()) == [theirs]


def test_dashboard_lists_saved_searches(signed_in, user):
    SavedSearch.objects.create(user=user, query="<b>会计</b>", filters={"city": ["永川"]})
    body = signed_in.get("/me/").content.decode()
    assert "&lt;b&gt;会计&lt;/b&gt;" in body
    assert "/jobs/?q=%3Cb%3E%E4%BC%9A%E8%AE%A1%3C%2Fb%3E&amp;city=%E6%B0%B8%E5%B7%9D" in body


def test_alerts_send_new_matching_jobs_once(user):
    saved = SavedSearch.objects.create(user=user, query="会计", filters={"city": ["永川"]},
                                       created_at=timezone.now() - timedelta(days=2))
    old = JobPostingFactory(title="会计主管", published_at=timezone.now() - timedelta(days=3))
    new = JobPostingFactory(title="财务会计助理", published_at=timezone.now() - timedelta(hours=5))
    JobPostingFactory(title="财务会计", district="江北", published_at=timezone.now() - timedelta(hours=5))
    JobPostingFactory(title="仓储专员", published_at=timezone.now() - timedelta(hours=5))

    assert send_due_alerts() == 1
    email = OutboundMessage.objects.get()
    assert email.to == [user.email] and "财务会计助理" in email.body and "会计主管" not in email.body
    assert list(AlertedJob.objects.values_list("job_id", flat=True)) == [new.pk]
    # The beat task runs again the same day: nothing new, nothing sent.
    assert send_due_alerts() == 0
    # A job she was already sent, republished later, is not sent again; a new one is.
    new.published_at = timezone.now()
    new.save()
    newer = JobPostingFactory(title="会计文员", published_at=timezone.now())
    tomorrow = timezone.now() + timedelta(days=1)
    assert send_due_alerts(now=tomorrow) == 1
    latest = OutboundMessage.objects.latest("pk")
    assert "会计文员" in latest.body and "财务会计助理" not in latest.body
    assert set(AlertedJob.objects.values_list("job_id", flat=True)) == {new.pk, newer.pk}
    assert old.pk not in set(AlertedJob.objects.values_list("job_id", flat=True))
    saved.refresh_from_db()
    assert saved.last_alerted_at == tomorrow
