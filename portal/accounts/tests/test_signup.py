"""Sign-up: consent, the verification email through the outbox, and login only
after the address is confirmed. Bad input gets its message and changes nothing.

Messages are compared in the language the page is served in (Chinese at the
root), looked up through Django's own translation machinery, so the tests hold
whether or not a catalogue translates a given string yet.
"""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from portal.accounts.models import PrivacyConsent, User
from portal.notifications.models import OutboundMessage

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/accounts/signup/"
LOGIN_URL = "/accounts/login/"
URL_RE = re.compile(r"https?://[^\s<>\"']+")


@pytest.fixture(autouse=True)
def _site(home_page):
    return home_page




def signup_data(**overrides):
    data = {
        "email": "alice@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "privacy_consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def zh(message):
    with translation.override(settings.LANGUAGE_CODE):
        return str(translation.gettext(message))


def links_in(text):
    return [unescape(url).rstrip(".,)") for url in URL_RE.findall(text)]


def test_signup_page_has_an_unticked_consent_box_linking_to_the_notice(client):
    response = client.get(SIGNUP_URL)

    assert response.status_code == 200
    html = response.content.decode()
    box = re.search(r"<input[^>]*name=\"privacy_consent\"[^>]*>", html)
    assert box, "no privacy_consent input on the sign-up page"
    assert 'type="checkbox"' in box.group(0)
    assert "checked" not in box.group(0)
    label = re.search(r"<label[^>]*for=\"id_privacy_consent\"[^>]*>(.*?)</label>", html, re.S)
    assert label, "the consent box has no label"
    assert f'href="{reverse("privacy_notice")}"' in label.group(1)
    assert reverse("privacy_notice") == "/privacy/"

    # The link leads to the notice itself.
    assert client.get("/privacy/").status_code == 200


def test_signup_records_consent_and_sends_a_verification_email(
    client, tasks_in_process, django_capture_on_commit_callbacks
):
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(SIGNUP_URL, signup_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(callbacks) == 1

    user = User.objects.get()
    assert user.email == "alice@example.com"
    assert user.check_password(PASSWORD)
    consent = PrivacyConsent.objects.get()
    assert consent.user == user
    assert consent.notice_version == settings.PRIVACY_NOTICE_VERSION
    assert before <= consent.consented_at <= timezone.now()
    address = EmailAddress.objects.get()
    assert (address.user, address.email, address.verified) == (user, "alice@example.com", False)

    # One email, sent through the outbox.
    outbound = OutboundMessage.objects.get()
    assert outbound.status == OutboundMessage.Status.SENT
    assert outbound.attempts == 1
    assert outbound.sent_at is not None
    assert outbound.to == ["alice@example.com"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    assert message.subject == "请确认你的邮箱地址"
    confirm_links = [url for url in links_in(message.body) if "/confirm-email/" in url]
    assert len(confirm_links) == 1, message.body
    assert urlsplit(confirm_links[0]).netloc == "testserver"


def _sign_up(client, django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP_URL, signup_data(**overrides))
    assert response.status_code == 302
    (link,) = [url for url in links_in(mail.outbox[-1].body) if "/confirm-email/" in url]
    return urlsplit(link).path


def login(client, email="alice@example.com", password=PASSWORD):
    return client.post(LOGIN_URL, {"login": email, "password": password})


def test_login_works_only_after_the_address_is_confirmed(client, tasks_in_process, django_capture_on_commit_callbacks):
    confirm_path = _sign_up(client, django_capture_on_commit_callbacks)
    user = User.objects.get()

    # Right password, unconfirmed address: not logged in, sent to "check your email".
    response = login(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert client.get("/me/").status_code == 302

    # GET shows the confirmation page and changes nothing (confirmation is by POST).
    response = client.get(confirm_path)
    assert response.status_code == 200
    assert "alice@example.com" in response.content.decode()
    assert EmailAddress.objects.get(user=user).verified is False

    response = client.post(confirm_path)
    assert response.status_code == 302
    address = EmailAddress.objects.get(user=user)
    assert address.verified is True
    assert address.primary is True
    # Confirming does not log anyone in (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION is off).
    assert "_auth_user_id" not in client.session

    response = login(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert client.session["_auth_user_id"] == str(user.pk)
    page = client.get("/me/")
    assert page.status_code == 200
    assert "alice@example.com" in page.content.decode()


def test_a_confirmation_link_that_was_tampered_with_confirms_nothing(
    client, tasks_in_process, django_capture_on_commit_callbacks
):
    confirm_path = _sign_up(client, django_capture_on_commit_callbacks)
    key = confirm_path.rstrip("/").rsplit("/", 1)[1]
    forged = confirm_path.replace(key, key[:-2] + ("AA" if not key.endswith("AA") else "BB"))

    client.post(forged)

    assert EmailAddress.objects.get().verified is False
    login(client)
    assert "_auth_user_id" not in client.session


BAD_INPUT = [
    pytest.param({"email": "alice@"}, "email", "Enter a valid email address.", id="invalid-email"),
    pytest.param({"email": "alice example.com"}, "email", "Enter a valid email address.", id="email-with-space"),
    pytest.param(
        {"password1": "12345678", "password2": "12345678"},
        "password1",
        "This password is entirely numeric.",
        id="numeric-password",
    ),
    pytest.param(
        {"password1": "password", "password2": "password"},
        "password1",
        "This password is too common.",
        id="common-password",
    ),
    pytest.param(
        {"password1": "Ab-1x", "password2": "Ab-1x"},
        "password1",
        None,  # "too short", a plural message; the field error is checked
        id="short-password",
    ),
    pytest.param(
        {"password2": "Correct-Horse-43"},
        "password2",
        "You must type the same password each time.",
        id="mismatched-passwords",
    ),
    pytest.param(
        {"privacy_consent": None},
        "privacy_consent",
        "Please read and agree to the privacy notice to create an account.",
        id="consent-not-ticked",
    ),
    pytest.param({"email": ""}, "email", "Please enter your mobile number or your email address.",
                 id="neither-email-nor-phone"),
]


@pytest.mark.parametrize("overrides, field, expected", BAD_INPUT)
def test_bad_sign_up_input_is_refused_with_its_message_and_changes_nothing(
    client, django_capture_on_commit_callbacks, overrides, field, expected
):
    UserFactory(email="someone.else@example.com")
    users_before = User.objects.count()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(SIGNUP_URL, signup_data(**overrides))

    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    html = response.content.decode()
    for error in form.errors[field]:
        assert escape(error) in html, f"{error!r} is not shown on the page"
    if expected is not None:
        assert zh(expected) in form.errors[field]
    # What she typed stays; the passwords do not come back.
    if overrides.get("email"):
        assert f'value="{escape(overrides["email"])}"' in html
    assert PASSWORD not in html

    assert User.objects.count() == users_before
    assert not User.objects.filter(email__iexact="alice@example.com").exists()
    assert not PrivacyConsent.objects.exists()
    assert not EmailAddress.objects.filter(email__iexact="alice@example.com").exists()
    assert not OutboundMessage.objects.exists()
    assert callbacks == []
    assert mail.outbox == []
    assert "_auth_user_id" not in client.session


def test_signing_up_again_with_a_used_address_creates_nothing_and_tells_the_owner(
    client, tasks_in_process, django_capture_on_commit_callbacks
):
    """allauth's enumeration protection (ACCOUNT_PREVENT_ENUMERATION, on by
    default, with mandatory verification): the form does not reveal that the
    address has an account. The visitor sees the same "check your email" step
    as after a real sign-up; the owner of the address gets an email saying an
    account exists, with no confirmation link; no second account, no consent."""
    owner = UserFactory(email="alice@example.com")
    owner_password = owner.password

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            SIGNUP_URL, signup_data(email="Alice@Example.com", password1="Other-Horse-77", password2="Other-Horse-77")
        )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == 1
    assert User.objects.get().pk == owner.pk
    owner.refresh_from_db()
    assert owner.password == owner_password
    assert not PrivacyConsent.objects.exists()
    assert EmailAddress.objects.count() == 1
    # The owner is told, through the outbox, and cannot confirm a new account.
    outbound = OutboundMessage.objects.get()
    assert outbound.status == OutboundMessage.Status.SENT
    assert [m.to for m in mail.outbox] == [["alice@example.com"]]
    assert not [url for url in links_in(mail.outbox[0].body) if "/confirm-email/" in url]


def test_a_used_address_is_recognised_whatever_its_case(client, tasks_in_process, django_capture_on_commit_callbacks):
    UserFactory(email="alice@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGNUP_URL, signup_data(email="ALICE@EXAMPLE.COM"))

    assert list(User.objects.values_list("email", flat=True)) == ["alice@example.com"]
    assert not User.objects.filter(email="ALICE@EXAMPLE.COM").exists()
    assert not PrivacyConsent.objects.exists()


def test_a_new_address_is_stored_in_lower_case(client, tasks_in_process, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGNUP_URL, signup_data(email="Bea.Wang@Example.COM"))

    assert User.objects.get().email == "bea.wang@example.com"
    assert EmailAddress.objects.get().email == "bea.wang@example.com"
    assert mail.outbox[0].to == ["bea.wang@example.com"]
