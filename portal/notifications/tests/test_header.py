"""The unread count in the header of every page: one COUNT query, whatever she
has, and nothing for a visitor."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.accounts.tests.factories import UserFactory

from .conftest import make_entry

pytestmark = pytest.mark.django_db


def header(client, path):
    html = client.get(path).content.decode()
    return html[html.index('<header class="site-header">'):html.index("</header>")]


@pytest.mark.parametrize("path", ["/", "/me/", "/me/account/", "/me/notifications/", "/en/jobs/"])
def test_every_page_shows_her_unread_count(client, alice, home_page, path):
    for _ in range(3):
        make_entry(alice)
    make_entry(alice, read=True)
    make_entry(UserFactory())
    bar = header(client, path)
    assert '<span class="notification-link__count">3</span>' in bar
    label = "Notifications: 3 unread" if path.startswith("/en/") else "通知：3 条未读"
    assert f'aria-label="{label}"' in bar


def test_no_count_when_all_is_read(client, alice, home_page):
    make_entry(alice, read=True)
    bar = header(client, "/")
    assert 'href="/me/notifications/"' in bar
    assert "notification-link__count" not in bar and "aria-label=\"通知" not in bar


def test_a_large_count_is_shortened(client, alice, home_page):
    for _ in range(100):
        make_entry(alice)
    assert '<span class="notification-link__count">99+</span>' in header(client, "/")


def test_visitors_have_no_count_and_no_query_for_it(client, home_page):
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        bar = header(client, "/")
    assert "notification" not in bar
    assert not [query for query in queries if "notifications_notification" in query["sql"]]


def notification_queries(client, path):
    client.get(path)  # warm Wagtail's per-site caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries), [query["sql"] for query in queries if "notifications_notification" in query["sql"]]


@pytest.mark.parametrize("path", ["/", "/me/"])
def test_the_count_is_one_count_query_however_many_she_has(client, alice, home_page, path):
    make_entry(alice)
    few, counted = notification_queries(client, path)
    assert len(counted) == 1 and "COUNT(" in counted[0].upper()
    for minute in range(49):
        make_entry(alice, minutes_ago=minute)
    assert notification_queries(client, path) == (few, counted)


def test_the_centre_page_runs_as_many_queries_with_50_entries_as_with_1(client, alice):
    make_entry(alice)
    few, _ = notification_queries(client, "/me/notifications/")
    for minute in range(49):
        make_entry(alice, minutes_ago=minute, read=minute % 2 == 0)
    many, _ = notification_queries(client, "/me/notifications/")
    assert many == few
