"""django-axes: five wrong passwords for one account from one client lock that
pair out for AXES_COOLOFF_TIME, during which even the right password is refused;
other accounts from the same client, and the same account from elsewhere, are
not affected.

Time passing is simulated by moving the recorded attempts back in the database,
which is exactly what the cool-off is computed from (attempt_time), so the
configured AXES_COOLOFF_TIME itself is what is tested.
"""

from datetime import timedelta

import pytest
from axes.conf import settings as axes_settings
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
WRONG = "Wrong-Horse-00"


@pytest.fixture(autouse=True)
def _site(home_page):
    return home_page


@pytest.fixture
def alice():
    return UserFactory(email="alice@example.com")


def login(client, email, password, ip="127.0.0.1"):
    return client.post(LOGIN_URL, {"login": email, "password": password}, REMOTE_ADDR=ip)


def lockout_heading():
    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext("Too many failed logins")


def is_lockout_page(response):
    return response.status_code == axes_settings.AXES_HTTP_RESPONSE_CODE and lockout_heading() in (
        response.content.decode()
    )


def fail_until_locked(client, email):
    """The configured number of wrong passwords; returns the responses."""
    return [login(client, email, WRONG) for _ in range(settings.AXES_FAILURE_LIMIT)]


def test_the_lockout_is_configured_as_documented():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    assert axes_settings.AXES_HTTP_RESPONSE_CODE == 429
    assert settings.AXES_LOCKOUT_TEMPLATE == "account/lockout.html"


def test_five_wrong_passwords_lock_the_account_out_even_for_the_right_password(client, alice):
    responses = fail_until_locked(client, "alice@example.com")

    # The first four are ordinary "wrong password" answers on the login form.
    for response in responses[:-1]:
        assert response.status_code == 200
        assert response.context["form"].non_field_errors()
        assert not is_lockout_page(response)
    # The fifth failure already answers with the lockout page.
    assert is_lockout_page(responses[-1])

    response = login(client, "alice@example.com", PASSWORD)

    assert is_lockout_page(response)
    html = response.content.decode()
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert str(minutes) in html
    assert f'href="{reverse("account_reset_password")}"' in html
    assert escape(PASSWORD) not in html
    assert "_auth_user_id" not in client.session
    assert client.get("/me/").status_code == 302

    # The address is matched whatever its case or surrounding spaces.
    assert is_lockout_page(login(client, "  ALICE@example.com ", PASSWORD))
    assert "_auth_user_id" not in client.session


def test_the_right_password_works_again_after_the_cool_off(client, alice):
    fail_until_locked(client, "alice@example.com")
    assert is_lockout_page(login(client, "alice@example.com", PASSWORD))
    cooloff = settings.AXES_COOLOFF_TIME

    # A minute short of the cool-off: still locked.
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - cooloff + timedelta(minutes=1))
    assert is_lockout_page(login(client, "alice@example.com", PASSWORD))
    assert "_auth_user_id" not in client.session

    # The cool-off has passed.
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - cooloff - timedelta(seconds=1))
    response = login(client, "alice@example.com", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert client.session["_auth_user_id"] == str(alice.pk)
    # A success clears the slate (AXES_RESET_ON_SUCCESS): the count starts over.
    assert not AccessAttempt.objects.filter(username="alice@example.com").exists()


def test_axes_reset_lifts_the_lockout(client, alice):
    from axes.utils import reset

    fail_until_locked(client, "alice@example.com")
    assert is_lockout_page(login(client, "alice@example.com", PASSWORD))

    assert reset(username="alice@example.com") >= 1

    response = login(client, "alice@example.com", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_another_account_from_the_same_client_is_not_locked(client, alice):
    bea = UserFactory(email="bea@example.com")
    fail_until_locked(client, "alice@example.com")
    assert is_lockout_page(login(client, "alice@example.com", PASSWORD))

    # A wrong password for her is an ordinary error, not the lockout...
    response = login(client, "bea@example.com", WRONG)
    assert response.status_code == 200
    assert not is_lockout_page(response)
    # ...and the right one logs her in.
    response = login(client, "bea@example.com", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert client.session["_auth_user_id"] == str(bea.pk)

    # Alice stays locked out from this client.
    client.post(reverse("account_logout"))
    assert is_lockout_page(login(client, "alice@example.com", PASSWORD))
    assert "_auth_user_id" not in client.session


def test_the_same_account_from_another_client_is_not_locked(client, alice):
    fail_until_locked(client, "alice@example.com")

    response = login(client, "alice@example.com", PASSWORD, ip="198.51.100.7")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_failures_below_the_limit_do_not_lock(client, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "alice@example.com", WRONG).status_code == 200

    response = login(client, "alice@example.com", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_wrong_passwords_for_an_unknown_address_show_the_lockout_too(client):
    """No difference between a real and an invented address: the same lockout."""
    responses = fail_until_locked(client, "nobody@example.com")

    assert is_lockout_page(responses[-1])
    assert is_lockout_page(login(client, "nobody@example.com", WRONG))
