"""The catalog, the course page, the enrol/cancel/accept views, the .ics feed,
/me/ and the home page slot."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from .. import services
from ..models import CourseCategory, Enrolment, EnrolmentStatus
from .conftest import make_session


def test_catalog_filters_by_category_format_dates_and_free_seats(client, make_course, make_user):
    etiquette = CourseCategory.objects.create(name="职场礼仪", slug="etiquette")
    interview = make_course(title="面试技巧实战", capacity=1, starts_in=timedelta(days=2))
    make_course(title="职场礼仪入门", category_=etiquette, format="online", starts_in=timedelta(days=20))
    services.enrol(make_user(), interview.sessions.get().pk)  # now full

    def titles(query=""):
        response = client.get("/courses/" + query)
        assert response.status_code == 200
        return [course.title for course in response.context["courses"]]

    assert titles() == ["面试技巧实战", "职场礼仪入门"]
    assert titles("?category=etiquette") == ["职场礼仪入门"]
    assert titles("?format=offline") == ["面试技巧实战"]
    assert titles("?free=on") == ["职场礼仪入门"]
    day = timezone.localdate() + timedelta(days=2)
    assert titles(f"?from={day}&to={day}") == ["面试技巧实战"]


def test_catalog_card_shows_next_session_and_seats_left(client, make_course):
    make_course(capacity=3)
    html = client.get("/courses/").content.decode()
    assert "3 个名额" in html or "3 seats left" in html


def test_bad_filters_get_a_message_and_are_ignored(client, make_course):
    make_course()
    response = client.get("/courses/?from=not-a-date&category=nonsense")
    assert response.status_code == 200
    form = response.context["filter_form"]
    assert "from" in form.errors and "category" in form.errors
    assert len(response.context["courses"]) == 1


def test_catalog_in_english_and_paginated_with_filters_kept(client, make_course):
    for _ in range(13):
        make_course()
    response = client.get("/en/courses/?format=offline")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="en"' in html and "13 courses" in html
    assert "?format=offline&amp;page=2" in html


def test_online_link_only_for_people_enrolled(client, make_course, user, make_user):
    session = make_course(format="online").sessions.get()
    session.online_url = "https://meeting.example.cn/j/secret"
    session.save()
    course_url = session.course.url
    assert "j/secret" not in client.get(course_url).content.decode()
    client.force_login(make_user())
    assert "j/secret" not in client.get(course_url).content.decode()
    client.force_login(user)
    services.enrol(user, session.pk)
    assert "j/secret" in client.get(course_url).content.decode()


def test_calendar_feed_hides_the_link_from_strangers(client, make_course, user):
    session = make_course().sessions.get()
    session.online_url = "https://meeting.example.cn/j/secret"
    session.save()
    url = reverse("courses:session_calendar", args=[session.pk])
    response = client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    assert "j/secret" not in response.content.decode()
    assert Calendar.from_ical(response.content).walk("VEVENT")[0]["summary"] == "面试技巧实战"
    services.enrol(user, session.pk)
    client.force_login(user)
    assert "j/secret" in client.get(url).content.decode()
    assert client.get(reverse("courses:session_calendar", args=[session.pk + 99])).status_code == 404


def test_enrol_view(client, session, user, make_user):
    url = reverse("courses:enrol", args=[session.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)  # not signed in: to the login page, back to the course afterwards
    assert response.status_code == 302 and "/accounts/login/" in response.url
    client.force_login(user)
    response = client.post(url)
    assert response.status_code == 302 and response.url == session.course.url
    assert Enrolment.objects.get(user=user).status == EnrolmentStatus.ENROLLED

    again = client.post(url)
    assert again.status_code == 409
    assert "已报名" in again.content.decode() or "already signed up" in again.content.decode()
    assert client.post(reverse("courses:enrol", args=[session.pk + 99])).status_code == 404
    assert Enrolment.objects.count() == 1


def test_waitlisted_person_sees_her_position(client, session, make_user):
    for _ in range(2):
        services.enrol(make_user(), session.pk)
    waiting = make_user()
    client.force_login(waiting)
    response = client.post(reverse("courses:enrol", args=[session.pk]), follow=True)
    html = response.content.decode()
    assert "候补名单第 1 位" in html or "number 1 on the waitlist" in html


def test_cancel_and_accept_views_only_for_her_own(client, session, user, make_user):
    enrolment = services.enrol(user, session.pk)
    client.force_login(make_user())
    assert client.post(reverse("courses:cancel", args=[enrolment.pk])).status_code == 404
    assert client.post(reverse("courses:accept_offer", args=[enrolment.pk])).status_code == 404
    client.force_login(user)
    assert client.get(reverse("courses:cancel", args=[enrolment.pk])).status_code == 405
    assert client.post(reverse("courses:accept_offer", args=[enrolment.pk])).status_code == 409
    response = client.post(reverse("courses:cancel", args=[enrolment.pk]), {"next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == reverse("dashboard")
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.CANCELLED


def test_dashboard_lists_her_enrolments_with_offer_and_cancel_buttons(client, session, user, make_user):
    holder = make_user()
    held = services.enrol(holder, session.pk)
    services.enrol(make_user(), session.pk)
    mine = services.enrol(user, session.pk)
    services.cancel(holder, held.pk)  # the seat is offered to her
    client.force_login(user)
    html = client.get("/me/").content.decode()
    assert session.course.title in html
    assert reverse("courses:accept_offer", args=[mine.pk]) in html
    assert reverse("courses:cancel", args=[mine.pk]) in html
    assert reverse("courses:cancel", args=[held.pk]) not in html
    assert client.get("/en/me/").status_code == 200


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_home_page_features_upcoming_courses(client, make_course, prefix):
    make_course(title="面试技巧实战")
    past_only = make_course(title="已结束的课程", sessions=0)
    make_session(past_only, starts_in=timedelta(days=-3))
    html = client.get(prefix + "/").content.decode()
    assert "面试技巧实战" in html and "已结束的课程" not in html
    assert f'href="{prefix}/courses/"' in html
