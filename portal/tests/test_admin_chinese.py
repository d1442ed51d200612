"""The Wagtail admin (/cms/) in Chinese for a Chinese editor: Wagtail's own
catalogue and ours fill every string she meets on the dashboard and in the page
editor, her admin language starts as 简体中文 even when her browser asks for
English, no avatar is fetched from gravatar.com, and 发布 is the main button
where she may publish."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from portal.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Seen in English by a Chinese editor before Wagtail's gaps were filled.
ENGLISH_LEFT = ["Pages created in", "Images", "Documents", "Exploring", "Insert a block", "Show keyboard shortcuts",
                "Save changes", "Autosave is paused", "A network error occurred", "editor guide",
                "JavaScript is required"]


def editor(group="Editors"):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group))
    return user


def visible_text(html):
    html = re.sub(r"<(script|style|template)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def english_in(html):
    text = visible_text(html)
    return [phrase for phrase in ENGLISH_LEFT if phrase in text]


@pytest.fixture
def editor_client(client, home_page):
    client.force_login(editor())
    return client


def test_a_new_editor_gets_the_admin_in_chinese_even_from_an_english_browser(editor_client):
    response = editor_client.get("/cms/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-hans"' in html.lower() or 'lang="zh-Hans"' in html
    assert "控制面板" in html
    assert UserProfile.objects.get().preferred_language == "zh-hans"


def test_an_editor_who_chose_english_keeps_it(client, home_page):
    user = editor()
    UserProfile.objects.create(user=user, preferred_language="en")
    client.force_login(user)

    assert "Dashboard" in client.get("/cms/").content.decode()


def test_the_dashboard_has_no_english_and_no_remote_avatar(editor_client):
    html = editor_client.get("/cms/").content.decode()

    assert english_in(html) == []
    assert "个页面" in html
    assert "gravatar.com" not in html


def test_the_dashboard_shows_what_waits_for_a_moderator(client, home_page):
    from jobs.models import JobPosting
    from jobs.tests.factories import JobPostingFactory

    JobPostingFactory(status=JobPosting.Status.SUBMITTED)
    client.force_login(editor("Moderators"))

    html = client.get("/cms/").content.decode()

    assert re.search(r"<strong>1</strong> 个岗位待审核", html)


def test_the_page_editor_is_in_chinese_with_publish_as_the_main_button(client, home_page):
    """Moderators may publish pages (Wagtail's default page permissions give
    the Editors group add and change, and Moderators publish too)."""
    client.force_login(editor("Moderators"))

    html = client.get(f"/cms/pages/{home_page.pk}/edit/").content.decode()

    assert english_in(html) == []
    # The first button of the action footer is the default one; the rest are under a dropdown.
    footer = html[html.index('<footer class="footer'):]
    first_button = re.search(r"<button[^>]*>.*?</button>", footer, flags=re.S).group(0)
    assert 'name="action-publish"' in first_button
    assert "发布" in visible_text(first_button)


def test_the_page_explorer_and_the_javascript_strings_are_in_chinese(editor_client, home_page):
    explorer = editor_client.get(f"/cms/pages/{home_page.pk}/").content.decode()
    assert english_in(explorer) == []

    catalogue = editor_client.get("/cms/jsi18n/").content.decode()
    assert "插入区块" in catalogue or json.dumps("插入区块")[1:-1] in catalogue


def test_without_publish_permission_saving_a_draft_stays_first(editor_client, home_page):
    """An editor may add and change pages but not publish them: no 发布 at all,
    保存草稿 stays the main button."""
    html = editor_client.get(f"/cms/pages/{home_page.pk}/edit/").content.decode()

    assert 'name="action-publish"' not in html
    footer = html[html.index('<footer class="footer'):]
    assert "保存草稿" in visible_text(re.search(r"<button[^>]*>.*?</button>", footer, flags=re.S).group(0))

