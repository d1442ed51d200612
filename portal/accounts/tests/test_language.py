"""Her language: remembered from the pages she reads, changeable on her account
page, and the one every message to her is written in."""

import pytest

from portal.accounts.models import User
from portal.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(client):
    user = UserFactory(email="alice@example.com")
    client.force_login(user)
    return user


def language_of(user):
    return User.objects.values_list("language", flat=True).get(pk=user.pk)


def test_the_language_she_reads_the_site_in_is_remembered(client, alice, home_page):
    assert language_of(alice) == "zh-hans"
    client.get("/en/me/")
    assert language_of(alice) == "en"
    client.get("/me/")
    assert language_of(alice) == "zh-hans"


@pytest.mark.parametrize("path", ["/api/v1/me", "/healthz", "/cms/"])
def test_addresses_without_a_language_leave_it_alone(client, alice, path):
    client.get("/en/me/")
    client.get(path, HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert language_of(alice) == "en"


def test_she_chooses_her_name_and_language(client, alice):
    response = client.post("/me/account/", {"display_name": "小美", "language": "en"})
    assert (response.status_code, response["Location"]) == (302, "/en/me/")
    client.get(response["Location"])
    alice.refresh_from_db()
    assert (alice.display_name, alice.language) == ("小美", "en")


def test_an_unknown_language_is_refused_and_changes_nothing(client, alice):
    response = client.post("/me/account/", {"display_name": "小美", "language": "fr"})
    assert response.status_code == 200
    assert response.context["form"].errors["language"]
    alice.refresh_from_db()
    assert (alice.display_name, alice.language) == ("", "zh-hans")


def test_signing_up_on_the_english_pages_makes_her_english(client, tasks_in_process):
    from portal.accounts.tests.factories import PASSWORD

    client.post("/en/accounts/signup/", {"email": "bea@example.com", "password1": PASSWORD,
                                         "password2": PASSWORD, "privacy_consent": "on"})
    assert User.objects.get(email="bea@example.com").language == "en"
