"""The catalog, the course page, the enrol/cancel/accept views, the .ics feed,
/me/ and the home page slot."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from portal.confirmation import CONFIRM_FIELD, CONFIRMING

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
    cancel = reverse("courses:cancel", args=[enrolment.pk])
    client.force_login(make_user())
    assert client.get(cancel).status_code == 404
    assert client.post(cancel).status_code == 404
    assert client.post(cancel, CONFIRMING).status_code == 404
    assert client.post(reverse("courses:accept_offer", args=[enrolment.pk])).status_code == 404
    client.force_login(user)
    assert client.post(reverse("courses:accept_offer", args=[enrolment.pk])).status_code == 409
    response = client.post(cancel, {"next": "https://evil.example/", **CONFIRMING})
    assert response.status_code == 302 and response.url == reverse("dashboard")
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.CANCELLED


def _is_confirmation_page(response):
    html = response.content.decode()
    return "confirm.html" in [t.name for t in response.templates] and f'name="{CONFIRM_FIELD}"' in html


def test_cancelling_asks_first_and_only_the_confirming_post_cancels(client, session, user, make_user):
    services.enrol(make_user(), session.pk)
    enrolment = services.enrol(user, session.pk)
    waiting = services.enrol(make_user(), session.pk)
    cancel = f"/courses/enrolments/{enrolment.pk}/cancel/"
    client.force_login(user)
    for response in (client.get(cancel), client.post(cancel), client.post(cancel, {"confirm": "no"})):
        assert response.status_code == 200 and _is_confirmation_page(response)
        html = response.content.decode()
        assert "取消报名" in html and session.course.title in html
        assert "你的名额将提供给候补名单上的下一位。" in html
        assert 'href="/me/"' in html  # keep it and go back
    enrolment.refresh_from_db()
    waiting.refresh_from_db()
    assert (enrolment.status, waiting.status) == (EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED)

    response = client.post(cancel, CONFIRMING)
    assert response.status_code == 302 and response.url == "/me/"
    enrolment.refresh_from_db()
    waiting.refresh_from_db()
    assert (enrolment.status, waiting.status) == (EnrolmentStatus.CANCELLED, EnrolmentStatus.OFFERED)


def test_leaving_the_waitlist_and_declining_an_offer_say_what_they_give_up(client, session, make_user):
    holder, offered, waiting = make_user(), make_user(), make_user()
    held = services.enrol(holder, session.pk)
    services.enrol(make_user(), session.pk)
    offer = services.enrol(offered, session.pk)
    place = services.enrol(waiting, session.pk)
    services.cancel(holder, held.pk)  # the seat is offered to `offered`
    client.force_login(waiting)
    html = client.get(f"/courses/enrolments/{place.pk}/cancel/").content.decode()
    assert "确认退出候补" in html and "候补名单上的位置（第 1 位）" in html
    client.force_login(offered)
    html = client.get(f"/courses/enrolments/{offer.pk}/cancel/?next=/courses/").content.decode()
    assert "确认放弃名额" in html and "你的名额将提供给候补名单上的下一位。" in html
    assert 'href="/courses/"' in html and 'name="next" value="/courses/"' in html
    assert set(Enrolment.objects.values_list("status", flat=True)) == {"cancelled", "enrolled", "offered",
                                                                        "waitlisted"}


def test_a_confirmation_page_for_what_can_no_longer_be_cancelled_says_so(client, session, user):
    enrolment = services.enrol(user, session.pk)
    services.cancel(user, enrolment.pk)
    client.force_login(user)
    cancel = f"/courses/enrolments/{enrolment.pk}/cancel/"
    page = client.get(cancel)
    assert page.status_code == 409
    assert "该报名已经取消。" in page.content.decode() and not _is_confirmation_page(page)
    refused = client.post(cancel, CONFIRMING)
    assert refused.status_code == 409 and "problem.html" in [t.name for t in refused.templates]


def test_signed_out_the_confirmation_page_asks_her_to_log_in_first(client, session, user):
    enrolment = services.enrol(user, session.pk)
    response = client.get(f"/courses/enrolments/{enrolment.pk}/cancel/")
    assert response.status_code == 302 and "login" in response.url
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED


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
