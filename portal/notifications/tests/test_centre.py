"""/me/notifications/: her entries, newest first; opening one marks it read and
takes her to its page; nobody else's entry can be seen or touched."""

import pytest
from django.utils import timezone

from portal.accounts.tests.factories import UserFactory
from portal.notifications.models import Notification

from .conftest import make_entry

pytestmark = pytest.mark.django_db


def unread_ids(user):
    return set(Notification.objects.filter(user=user, read_at__isnull=True).values_list("pk", flat=True))


def test_she_sees_her_entries_newest_first_with_the_unread_marked(client, alice):
    older = make_entry(alice, "课程报名成功", minutes_ago=60, read=True, body="您已报名面试技巧实战。")
    newer = make_entry(alice, "课程提醒", minutes_ago=5, url="/courses/interview/")
    make_entry(UserFactory(), "别人的通知")
    response = client.get("/me/notifications/")
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [newer, older]
    html = response.content.decode()
    assert "别人的通知" not in html
    assert html.index("课程提醒") < html.index("课程报名成功")
    assert "您已报名面试技巧实战。" in html
    assert html.count('class="tag notification__unread"') == 1
    assert f'action="/me/notifications/{newer.pk}/open/"' in html
    assert f'datetime="{timezone.localtime(newer.created_at).isoformat()}"' in html


def test_the_list_is_paginated(client, alice):
    for minute in range(25):
        make_entry(alice, f"通知{minute:02d}", minutes_ago=minute)
    first = client.get("/me/notifications/")
    assert [entry.title for entry in first.context["page_obj"]][:2] == ["通知00", "通知01"]
    assert len(first.context["page_obj"]) == 20
    assert 'rel="next" href="?page=2"' in first.content.decode()
    second = client.get("/me/notifications/?page=2")
    assert [entry.title for entry in second.context["page_obj"]] == [f"通知{m}" for m in range(20, 25)]
    # Nonsense page numbers answer a page, not an error.
    assert client.get("/me/notifications/?page=abc").status_code == 200


def test_reading_the_list_changes_nothing(client, alice):
    entry = make_entry(alice)
    client.get("/me/notifications/")
    client.get(f"/me/notifications/{entry.pk}/open/")
    assert unread_ids(alice) == {entry.pk}


def test_opening_an_entry_marks_it_read_and_goes_to_its_page(client, alice):
    entry = make_entry(alice, url="/consultants/bookings/7/")
    other = make_entry(alice)
    response = client.post(f"/me/notifications/{entry.pk}/open/")
    assert (response.status_code, response["Location"]) == (302, "/consultants/bookings/7/")
    assert unread_ids(alice) == {other.pk}
    # Opening it again keeps the moment she first read it.
    first_read = Notification.objects.get(pk=entry.pk).read_at
    client.post(f"/me/notifications/{entry.pk}/open/")
    assert Notification.objects.get(pk=entry.pk).read_at == first_read


def test_the_link_follows_the_language_she_reads_in(client, alice):
    entry = make_entry(alice, url="/me/")
    response = client.post(f"/en/me/notifications/{entry.pk}/open/")
    assert response["Location"] == "/en/me/"


@pytest.mark.parametrize("url", ["", "https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"])
def test_an_entry_never_sends_her_off_the_site(client, alice, url):
    entry = make_entry(alice, url=url)
    response = client.post(f"/me/notifications/{entry.pk}/open/")
    assert (response.status_code, response["Location"]) == (302, "/me/notifications/")
    assert unread_ids(alice) == set()


@pytest.mark.parametrize("pk", ["theirs", 999_999, 2**63, 2**70])
def test_another_users_entry_or_an_unknown_id_is_404(client, alice, pk):
    theirs = make_entry(UserFactory())
    target = theirs.pk if pk == "theirs" else pk
    response = client.post(f"/me/notifications/{target}/open/")
    assert response.status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_mark_all_as_read(client, alice):
    mine = [make_entry(alice) for _ in range(3)]
    theirs = make_entry(UserFactory())
    page = client.get("/me/notifications/").content.decode()
    assert 'action="/me/notifications/read-all/"' in page and "你有 3 条未读通知。" in page
    assert client.get("/me/notifications/read-all/").status_code == 405
    response = client.post("/me/notifications/read-all/", follow=True)
    assert response.redirect_chain == [("/me/notifications/", 302)]
    assert unread_ids(alice) == set() and len(mine) == 3
    assert unread_ids(theirs.user) == {theirs.pk}
    html = response.content.decode()
    assert "全部通知已标为已读。" in html
    assert 'action="/me/notifications/read-all/"' not in html


def test_the_empty_centre_says_what_will_appear(client, alice):
    html = client.get("/en/me/notifications/").content.decode()
    assert "No notifications yet." in html


def test_visitors_are_asked_to_log_in(client, db):
    response = client.get("/me/notifications/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
