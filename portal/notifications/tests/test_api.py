"""GET /api/v1/me/notifications and marking read over JSON: the centre's data,
hers only, by session or personal token."""

import pytest
from django.test import Client

from portal.accounts.tests.factories import UserFactory
from portal.accounts.tokens import issue_token
from portal.notifications.kinds import Kind
from portal.notifications.models import Notification

from .conftest import make_entry

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/notifications"


def test_she_gets_her_notifications_newest_first(client, alice, settings):
    older = make_entry(alice, "报名成功", minutes_ago=30, read=True, url="/courses/interview/", body="您已报名。")
    newer = make_entry(alice, "职位提醒", minutes_ago=1, url="/en/jobs/3/", kind=Kind.JOB_ALERT)
    bare = make_entry(alice, "没有链接", minutes_ago=60, url="")
    make_entry(UserFactory(), "别人的")
    data = client.get(URL).json()
    assert (data["total"], data["unread"], data["page"], data["pages"]) == (3, 2, 1, 1)
    assert [item["id"] for item in data["results"]] == [newer.pk, older.pk, bare.pk]
    first, second, third = data["results"]
    assert first == {"id": newer.pk, "kind": "job_alert", "title": "职位提醒", "body": "职位提醒。",
                     "url": f"{settings.SITE_URL}/en/jobs/3/", "created_at": first["created_at"], "read": False}
    assert (second["url"], second["body"], second["read"]) == (
        f"{settings.SITE_URL}/courses/interview/", "您已报名。", True)
    assert third["url"] is None
    assert first["created_at"].startswith(newer.created_at.isoformat()[:19])


def test_pages_of_twenty(client, alice):
    for minute in range(23):
        make_entry(alice, f"通知{minute}", minutes_ago=minute)
    second = client.get(URL, {"page": 2}).json()
    assert (second["page"], second["pages"], second["total"]) == (2, 2, 23)
    assert [item["title"] for item in second["results"]] == ["通知20", "通知21", "通知22"]
    bad = client.get(URL, {"page": 0})
    assert bad.status_code == 400 and bad.json()["code"] == "invalid"


def test_marking_one_read_returns_it(client, alice):
    entry = make_entry(alice)
    response = client.post(f"{URL}/{entry.pk}/read")
    assert response.status_code == 200
    assert (response.json()["id"], response.json()["read"]) == (entry.pk, True)
    assert Notification.objects.get(pk=entry.pk).read_at is not None
    assert client.get(URL).json()["unread"] == 0


def test_marking_all_read(client, alice):
    for _ in range(3):
        make_entry(alice)
    make_entry(alice, read=True)
    theirs = make_entry(UserFactory())
    assert client.post(f"{URL}/read-all").json() == {"marked": 3, "unread": 0}
    assert client.post(f"{URL}/read-all").json() == {"marked": 0, "unread": 0}
    assert Notification.objects.get(pk=theirs.pk).read_at is None


@pytest.mark.parametrize("pk", ["theirs", 999_999, 0, 2**63])
def test_another_users_notification_is_404(client, alice, pk):
    theirs = make_entry(UserFactory())
    response = client.post(f"{URL}/{theirs.pk if pk == 'theirs' else pk}/read")
    assert response.status_code == 404
    # Past 2⁶³ the edge answers before the endpoint (portal/edge.py), in its own words.
    assert response.json()["code"] == "not_found"
    if pk != 2**63:
        assert response.json()["detail"] == "此通知不存在。"
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_a_token_works_and_nobody_else_gets_in(db):
    user = UserFactory()
    make_entry(user, "令牌读取")
    anonymous = Client()
    assert anonymous.get(URL).status_code == 401
    assert anonymous.post(f"{URL}/read-all").status_code == 401
    with_token = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(user, 'phone')}")
    assert [item["title"] for item in with_token.get(URL).json()["results"]] == ["令牌读取"]


def test_the_session_needs_csrf_for_changes(alice):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    make_entry(alice)
    assert browser.get(URL).status_code == 200
    assert browser.post(f"{URL}/read-all").status_code in (401, 403)
    assert Notification.objects.filter(read_at__isnull=True).count() == 1
