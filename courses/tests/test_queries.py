"""The catalog and the course page run a fixed number of queries, however many
courses, sessions and enrolments there are."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.signal_handlers import disable_reference_index_auto_update

from .. import services
from .conftest import make_session


def count_queries(client, url):
    client.get(url)  # warm Wagtail's per-site caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def lean_page_saves(settings):
    """Creating 200 pages is this test's setup, not its subject: skip the search
    and reference indexes they would otherwise update one by one."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**settings.WAGTAILSEARCH_BACKENDS["default"], "AUTO_UPDATE": False}}
    with disable_reference_index_auto_update():
        yield


def test_catalog_queries_do_not_grow_with_courses(client, make_course, lean_page_saves):
    for _ in range(10):
        make_course(sessions=2)
    few = count_queries(client, "/courses/")
    filtered_few = count_queries(client, "/courses/?free=on&format=offline")
    for _ in range(190):
        make_course(sessions=2)
    assert count_queries(client, "/courses/") == few
    assert count_queries(client, "/courses/?free=on&format=offline") == filtered_few


def test_course_page_queries_do_not_grow_with_sessions(client, make_course, make_user):
    user = make_user()
    client.force_login(user)
    course = make_course(sessions=2, capacity=1)
    for session in course.sessions.all():
        services.enrol(make_user(), session.pk)
        services.enrol(user, session.pk)
    few = count_queries(client, course.url)
    for day in range(40):
        session = make_session(course, capacity=1, starts_in=timedelta(days=10 + day))
        services.enrol(user, session.pk)
        services.enrol(make_user(), session.pk)
    assert count_queries(client, course.url) == few
