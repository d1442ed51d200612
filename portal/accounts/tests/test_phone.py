"""Signing up and in with a mobile number: a texted 6-digit code proves it.

Codes are read from the local SMS backend's outbox, as a developer reads them
under `make run`."""

import logging
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from portal.accounts.models import PrivacyConsent, User
from portal.accounts.tests.factories import PASSWORD, UserFactory
from portal.notifications.models import Channel, OutboundMessage

pytestmark = pytest.mark.django_db

NUMBER = "+8613812345678"
SIGNUP = "/accounts/signup/"
VERIFY = "/accounts/phone/verify/"


def texts(number=NUMBER):
    return OutboundMessage.objects.filter(channel=Channel.SMS, to=[number]).order_by("pk")


def last_code(number=NUMBER):
    return re.search(r"\b(\d{6})\b", texts(number).last().body).group(1)


def sign_up(client, phone="138 1234 5678", **fields):
    data = {"phone": phone, "password1": PASSWORD, "password2": PASSWORD, "privacy_consent": "on", **fields}
    return client.post(SIGNUP, data)


@pytest.fixture(autouse=True)
def _sent_as_each_step_commits(tasks_in_process, home_page, django_capture_on_commit_callbacks, monkeypatch):
    """Texts are sent in-process (the local backend) when each request's work commits,
    as under `make run`; the test's own transaction would otherwise hold them back."""
    from django.test import client as test_client

    request = test_client.Client.request

    def committing(self, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return request(self, **kwargs)

    monkeypatch.setattr(test_client.Client, "request", committing)


def test_sign_up_with_a_mobile_number_verifies_it_by_a_texted_code(client, caplog):
    with caplog.at_level(logging.INFO, logger="portal.notifications.sms"):
        response = sign_up(client)
    assert (response.status_code, response["Location"]) == (302, VERIFY)
    [text] = texts()
    assert text.template == "account/messages/verification_code" and text.status == "sent"
    assert re.search(r"\b\d{6}\b", text.body)
    # The log names the number masked, never in full.
    assert "138****5678" in caplog.text and "13812345678" not in caplog.text
    user = User.objects.get()
    assert (str(user.phone), user.phone_verified, user.email) == (NUMBER, False, None)
    assert "_auth_user_id" not in client.session

    response = client.post(VERIFY, {"code": last_code()})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)
    user.refresh_from_db()
    assert user.phone_verified
    assert PrivacyConsent.objects.filter(user=user).exists()


@pytest.mark.parametrize("phone, message", [
    ("12345", "请填写中国大陆手机号"),
    ("+1 415 555 0100", "请填写中国大陆手机号"),  # a foreign number
    ("023 6868 1234", "这不是手机号"),  # a Chongqing landline
    ("abc", "请填写中国大陆手机号"),
])
def test_a_bad_number_is_refused_in_chinese_and_nothing_is_created(client, phone, message):
    response = sign_up(client, phone=phone)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors["phone"])
    assert not User.objects.exists() and not OutboundMessage.objects.exists()


def test_a_number_in_use_gets_the_same_answer_and_creates_nothing(client):
    owner = UserFactory(phone=NUMBER, phone_verified=True)
    response = sign_up(client)
    # Exactly what a new number gets: the code page. The owner is told by text instead.
    assert (response.status_code, response["Location"]) == (302, VERIFY)
    assert list(User.objects.all()) == [owner]
    assert [text.template for text in texts()] == ["account/messages/account_already_exists"]


def test_an_unverified_claim_does_not_block_the_number(client):
    squatter = UserFactory(phone=NUMBER, phone_verified=False)
    sign_up(client)
    client.post(VERIFY, {"code": last_code()})
    squatter.refresh_from_db()
    assert squatter.phone is None
    assert User.objects.get(phone=NUMBER, phone_verified=True) != squatter


def test_three_wrong_codes_end_the_attempt(client):
    sign_up(client)
    code = last_code()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(2):
        response = client.post(VERIFY, {"code": wrong})
        assert response.status_code == 200 and response.context["form"].errors
    response = client.post(VERIFY, {"code": wrong})
    # The third wrong code ends it: the right one no longer works, a new one must be asked for.
    assert response.status_code == 302 and response["Location"] != "/me/"
    client.post(VERIFY, {"code": code})
    assert "_auth_user_id" not in client.session
    assert not User.objects.get().phone_verified


def test_an_expired_code_is_refused(client):
    sign_up(client)
    code = last_code()
    with freeze_time(timezone.now() + timedelta(minutes=11)):
        client.post(VERIFY, {"code": code})
    assert "_auth_user_id" not in client.session
    assert not User.objects.get().phone_verified


def test_a_number_gets_one_code_a_minute_and_ten_a_day(settings):
    # allauth's own per-number limits would refuse first; switched off to reach ours,
    # which counts every text of every sign-in step in the outbox.
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "request_login_code": "100/m/ip"}
    UserFactory(phone=NUMBER, phone_verified=True)
    start = timezone.now()
    for attempt in range(10):
        with freeze_time(start + timedelta(minutes=2 * attempt)):
            assert Client().post(reverse("account_request_login_code"), {"phone": NUMBER}).status_code == 302
    assert texts().count() == 10
    with freeze_time(start + timedelta(minutes=18, seconds=30)):  # 30 s after the tenth
        soon = Client().post(reverse("account_request_login_code"), {"phone": NUMBER})
    with freeze_time(start + timedelta(hours=2)):
        eleventh = Client().post(reverse("account_request_login_code"), {"phone": NUMBER})
    assert soon.status_code == eleventh.status_code == 429
    assert "一分钟内" in soon.content.decode() and "每日上限" in eleventh.content.decode()
    assert texts().count() == 10
    with freeze_time(start + timedelta(days=1, minutes=1)):
        assert Client().post(reverse("account_request_login_code"), {"phone": NUMBER}).status_code == 302
    assert texts().count() == 11


def test_sign_in_by_password_and_by_code(client):
    user = UserFactory(phone=NUMBER, phone_verified=True)
    response = client.post("/accounts/login/", {"login": "138-1234-5678", "password": PASSWORD})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)
    client.logout()

    response = client.post(reverse("account_request_login_code"), {"phone": "13812345678"})
    assert response.status_code == 302
    assert texts().last().template == "account/messages/login_code"
    response = client.post(reverse("account_confirm_login_code"), {"code": last_code()})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_a_failing_provider_keeps_the_text_and_the_page_answers(client, settings):
    settings.SMS_BACKEND = "portal.accounts.tests.test_phone.RefusingBackend"
    response = sign_up(client)
    assert response.status_code == 302
    [text] = texts()
    assert (text.status, text.attempts) == ("pending", 1) and "refused" in text.last_error


class RefusingBackend:
    """A provider that answers every message with an error, as a provider does when it is down."""

    def send(self, message):
        from portal.notifications.sms import SmsError

        raise SmsError("the provider refused it")
