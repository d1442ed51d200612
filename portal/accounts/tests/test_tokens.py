"""Tokens she controls: listed, revocable, expiring, ended by a new password,
and the token endpoint answers JSON even when the account is locked out."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import APIToken

from portal.accounts.tokens import issue_token

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def bearer(token):
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def test_she_lists_and_revokes_her_tokens_but_not_anothers():
    her, other = UserFactory(), UserFactory()
    phone, laptop = issue_token(her, "phone"), issue_token(her, "laptop")
    theirs = issue_token(other, "theirs")
    listed = bearer(phone).get("/api/v1/auth/tokens").json()
    assert sorted(t["name"] for t in listed) == ["laptop", "phone"]
    assert all("token" not in t and t["expires_at"] for t in listed)
    laptop_id = next(t["id"] for t in listed if t["name"] == "laptop")
    other_id = APIToken.objects.get(user=other).pk

    assert bearer(phone).delete(f"/api/v1/auth/tokens/{other_id}").status_code == 404
    assert bearer(theirs).get("/api/v1/me").status_code == 200
    assert bearer(phone).delete(f"/api/v1/auth/tokens/{laptop_id}").status_code == 204
    assert bearer(laptop).get("/api/v1/me").status_code == 401
    assert bearer(phone).delete(f"/api/v1/auth/tokens/{laptop_id}").json()["code"] == "token_not_found"
    assert [t["name"] for t in bearer(phone).get("/api/v1/auth/tokens").json()] == ["phone"]


def test_a_token_expires_after_its_lifetime(settings):
    user = UserFactory()
    token = issue_token(user, "old")
    assert bearer(token).get("/api/v1/me").status_code == 200
    APIToken.objects.filter(user=user).update(created=timezone.now() - timedelta(days=91))
    assert bearer(token).get("/api/v1/me").status_code == 401
    settings.API_TOKEN_LIFETIME = timedelta(days=120)
    assert bearer(token).get("/api/v1/me").status_code == 200


def test_a_new_password_ends_her_tokens():
    user = UserFactory()
    token = issue_token(user, "phone")
    user.display_name = "改名不影响"
    user.save()
    assert bearer(token).get("/api/v1/me").status_code == 200
    user.set_password("Another-Horse-43")
    user.save()
    assert bearer(token).get("/api/v1/me").status_code == 401


def test_a_password_reset_by_form_ends_her_tokens(client):
    user = UserFactory()
    token = issue_token(user, "phone")
    client.force_login(user)
    response = client.post("/accounts/password/change/", {
        "oldpassword": PASSWORD, "password1": "Another-Horse-43", "password2": "Another-Horse-43"})
    assert response.status_code == 302
    assert bearer(token).get("/api/v1/me").status_code == 401


def test_deleting_her_account_ends_her_tokens():
    user = UserFactory()
    issue_token(user, "phone")
    user.delete()
    assert not APIToken.objects.exists()


def test_the_token_endpoint_answers_json_when_locked_out(client):
    user = UserFactory()
    for _ in range(5):
        wrong = client.post("/api/v1/auth/token", {"email": user.email, "password": "wrong"},
                            content_type="application/json")
    assert wrong["Content-Type"].startswith("application/json")
    locked = client.post("/api/v1/auth/token", {"email": user.email, "password": PASSWORD},
                         content_type="application/json")
    assert locked.status_code == 429 and locked["Content-Type"].startswith("application/json")
    assert locked.json()["code"] == "locked_out" and locked.json()["detail"]
