"""Her API tokens on /me/account/: listed with their dates, each revoked after she
confirms; someone else's token is not there for her."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import APIToken

from portal.accounts.tokens import issue_token
from portal.confirmation import CONFIRMING

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def test_her_live_tokens_are_listed_with_their_dates(client):
    her, other = UserFactory(), UserFactory()
    issue_token(her, "我的手机")
    issue_token(other, "别人的电脑")
    revoked = issue_token(her, "旧平板")
    APIToken.objects.filter(user=her, name="旧平板").update(revoked_at="2030-01-01T00:00Z")
    assert revoked
    client.force_login(her)
    page = client.get("/me/account/").content.decode()
    token = APIToken.objects.get(name="我的手机")
    assert "我的手机" in page and token.prefix in page
    assert "别人的电脑" not in page and "旧平板" not in page
    assert f"/me/account/tokens/{token.pk}/revoke/" in page
    assert "从未使用" in page  # last used: never


def test_revoking_asks_first_then_ends_the_token(client):
    her = UserFactory()
    secret = issue_token(her, "我的手机")
    token = APIToken.objects.get(user=her)
    client.force_login(her)
    address = f"/me/account/tokens/{token.pk}/revoke/"
    asked = client.get(address)
    assert asked.status_code == 200 and "我的手机" in asked.content.decode()
    assert client.post(address).status_code == 200  # no confirm: the same question, nothing done
    token.refresh_from_db()
    assert token.revoked_at is None
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200

    done = client.post(address, CONFIRMING)
    assert done.status_code == 302 and done["Location"].endswith("/me/account/#tokens")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    assert "令牌“我的手机”已撤销。" in client.get("/me/account/").content.decode()  # the message, once
    assert "我的手机" not in client.get("/me/account/").content.decode()
    assert client.post(address, CONFIRMING).status_code == 404  # already ended


def test_someone_elses_token_is_404_and_stays(client):
    her, other = UserFactory(), UserFactory()
    issue_token(other, "别人的")
    theirs = APIToken.objects.get(user=other)
    client.force_login(her)
    address = f"/me/account/tokens/{theirs.pk}/revoke/"
    assert client.get(address).status_code == 404
    assert client.post(address, CONFIRMING).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_a_visitor_is_sent_to_log_in(client):
    token = APIToken.objects.get(pk=APIToken.create_token(user=UserFactory(), name="x")[0].pk)
    response = client.post(f"/me/account/tokens/{token.pk}/revoke/", CONFIRMING)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_account_page_costs_the_same_queries_with_more_tokens(client):
    her = UserFactory()
    client.force_login(her)
    issue_token(her, "一")
    client.get("/me/account/")  # the site's caches filled
    with CaptureQueriesContext(connection) as few:
        client.get("/me/account/")
    for number in range(5):
        issue_token(her, f"更多{number}")
    with CaptureQueriesContext(connection) as many:
        assert client.get("/me/account/").status_code == 200
    assert len(many) == len(few)
