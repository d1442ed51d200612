"""/me/ (the signed-in user's dashboard), /me/profile/ and /privacy/."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from portal.accounts.models import SeekerProfile

from .factories import UserFactory

pytestmark = pytest.mark.django_db

VALID_PROFILE = {
    "school": "华中师范大学",
    "major": "汉语言文学",
    "degree": "bachelor",
    "graduation_year": "2025",
    "city": "武汉",
    "preferences": "教育、出版方向，希望在武汉工作",
}


@pytest.fixture(autouse=True)
def _site(home_page):
    return home_page


@pytest.fixture
def alice():
    return UserFactory(email="alice@example.com")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def zh(message):
    with translation.override(settings.LANGUAGE_CODE):
        return str(translation.gettext(message))


def html_lang(response):
    match = re.search(r"<html[^>]*\blang=\"([^\"]+)\"", response.content.decode())
    return match and match.group(1)


@pytest.mark.parametrize("path", ["/me/", "/me/profile/", "/en/me/"])
def test_anonymous_visitors_are_sent_to_log_in(client, path):
    response = client.get(path)

    assert response.status_code == 302
    location = response["Location"]
    login_path = "/en/accounts/login/" if path.startswith("/en/") else "/accounts/login/"
    assert location.split("?")[0] == login_path
    assert f"next={path}" in location.replace("%2F", "/")


def test_the_dashboard_shows_her_email(alice_client):
    response = alice_client.get("/me/")

    assert response.status_code == 200
    assert "alice@example.com" in response.content.decode()
    assert html_lang(response) == "zh-Hans"
    assert response.context["profile"] is None


def test_the_dashboard_shows_only_her_own_profile(alice_client):
    other = UserFactory(email="other@example.com")
    SeekerProfile.objects.create(user=other, school="别人的学校")

    html = alice_client.get("/me/").content.decode()

    assert "别人的学校" not in html
    assert "other@example.com" not in html


def test_a_valid_profile_is_saved(alice_client, alice):
    response = alice_client.post("/me/profile/", VALID_PROFILE)

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    profile = SeekerProfile.objects.get()
    assert profile.user == alice
    assert profile.school == "华中师范大学"
    assert profile.major == "汉语言文学"
    assert profile.degree == SeekerProfile.Degree.BACHELOR
    assert profile.graduation_year == 2025
    assert profile.city == "武汉"
    assert profile.preferences == VALID_PROFILE["preferences"]

    dashboard = alice_client.get("/me/")
    html = dashboard.content.decode()
    assert "华中师范大学" in html
    assert "2025" in html
    assert escape(zh("Your profile has been saved.")) in html

    # Editing again changes the same row.
    alice_client.post("/me/profile/", {**VALID_PROFILE, "city": "宜昌"})
    assert SeekerProfile.objects.get().city == "宜昌"


@pytest.mark.parametrize("year", ["3000", "1949", "2101"])
def test_an_impossible_graduation_year_is_refused_and_nothing_is_saved(alice_client, year):
    response = alice_client.post("/me/profile/", {**VALID_PROFILE, "graduation_year": year})

    assert response.status_code == 200
    message = zh("Please enter a year between 1950 and 2100.")
    assert response.context["form"].errors["graduation_year"] == [message]
    html = response.content.decode()
    assert escape(message) in html
    # What she typed stays in the form.
    assert 'value="华中师范大学"' in html
    assert not SeekerProfile.objects.exists()


def test_a_refused_edit_leaves_the_saved_profile_unchanged(alice_client, alice):
    SeekerProfile.objects.create(user=alice, school="武汉大学", graduation_year=2024)

    response = alice_client.post("/me/profile/", {**VALID_PROFILE, "graduation_year": "3000"})

    assert response.status_code == 200
    profile = SeekerProfile.objects.get()
    assert (profile.school, profile.graduation_year) == ("武汉大学", 2024)


@pytest.mark.parametrize(
    "field, value",
    [("graduation_year", "二〇二五"), ("degree", "professor"), ("school", "校" * 121)],
)
def test_other_bad_profile_input_is_refused(alice_client, field, value):
    response = alice_client.post("/me/profile/", {**VALID_PROFILE, field: value})

    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert errors
    html = response.content.decode()
    for error in errors:
        assert escape(error) in html
    assert not SeekerProfile.objects.exists()


def test_the_profile_form_cannot_be_pointed_at_another_user(alice_client, alice):
    other = UserFactory(email="other@example.com")

    alice_client.post("/me/profile/", {**VALID_PROFILE, "user": other.pk})

    assert SeekerProfile.objects.get().user == alice
    assert not SeekerProfile.objects.filter(user=other).exists()


def test_the_dashboard_is_in_english_under_en(alice_client):
    response = alice_client.get("/en/me/")

    assert response.status_code == 200
    assert html_lang(response) == "en"
    html = response.content.decode()
    assert "alice@example.com" in html
    assert "My profile" in html
    assert 'href="/en/me/profile/"' in html


def test_the_profile_form_is_in_english_under_en(alice_client):
    response = alice_client.post("/en/me/profile/", {**VALID_PROFILE, "graduation_year": "3000"})

    assert response.status_code == 200
    assert html_lang(response) == "en"
    assert "Please enter a year between 1950 and 2100." in response.content.decode()
    assert not SeekerProfile.objects.exists()


@pytest.mark.parametrize("path, lang", [("/privacy/", "zh-Hans"), ("/en/privacy/", "en")])
def test_the_privacy_notice_is_public(client, path, lang):
    response = client.get(path)

    assert response.status_code == 200
    assert html_lang(response) == lang
    assert settings.PRIVACY_NOTICE_VERSION in response.content.decode()


def test_the_privacy_notice_renders_for_a_signed_in_user_too(alice_client):
    response = alice_client.get("/privacy/")

    assert response.status_code == 200
    assert settings.PRIVACY_NOTICE_VERSION in response.content.decode()


def heading(response):
    return re.search(r"<h1>(.*?)</h1>", response.content.decode(), re.S).group(1).strip()


def test_she_is_greeted_by_the_name_she_gave_never_by_her_email_prefix(client):
    nameless = UserFactory(email="xiaomei2026@example.com", display_name="")
    client.force_login(nameless)
    assert heading(client.get("/me/")) == "你好"
    assert heading(client.get("/en/me/")) == "Hello"
    named = UserFactory(email="mei@example.com", display_name="小美")
    client.force_login(named)
    assert heading(client.get("/me/")) == "小美，你好"
