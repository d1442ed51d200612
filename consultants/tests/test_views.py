"""Pages: directory, profile, booking flow, her own pages; who may see what."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultants.models import AvailabilityOverride, AvailabilityRule, Booking, ConsultationNote
from portal.accounts.tests.factories import UserFactory

from .factories import ConsultantFactory, english, local_slot, make_booking

pytestmark = pytest.mark.django_db


def test_directory_filters_by_specialty_mode_language_and_open_this_week(client):
    lawyer = ConsultantFactory(display_name="吴律师", specialty_codes=["law"], modes=["phone"], languages=["zh", "en"])
    ConsultantFactory(display_name="林老师", specialty_codes=["psychology"], modes=["online"])
    ConsultantFactory(display_name="无空档", specialty_codes=["law"], modes=["online"], hours=[])
    ConsultantFactory(display_name="已停用", specialty_codes=["law"], is_active=False)
    url = reverse("consultants:directory")

    def names(**query):
        return [c.display_name for c in client.get(url, query).context["consultants"]]

    assert names() == ["吴律师", "无空档", "林老师"]
    assert names(specialty="law") == ["吴律师", "无空档"]
    assert names(mode="phone") == ["吴律师"]
    assert names(language="en") == ["吴律师"]
    assert names(specialty="law", open_this_week="on") == ["吴律师"]
    # Unknown filter values are ignored, not an error.
    assert client.get(url, {"specialty": "astrology"}).status_code == 200
    assert lawyer.get_absolute_url() in client.get(url).content.decode()


def test_directory_query_count_does_not_grow_with_consultants(client, django_assert_max_num_queries):
    url = reverse("consultants:directory") + "?open_this_week=on"
    for _ in range(2):
        make_booking(ConsultantFactory())
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(10):
        consultant = ConsultantFactory(specialty_codes=["law", "career"])
        make_booking(consultant)
        AvailabilityOverride.objects.create(consultant=consultant, date=timezone.localdate() + timedelta(days=2))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["consultants"]) == 12


def test_profile_shows_slots_but_never_intake_answers_or_notes(client):
    consultant = ConsultantFactory(bio="<b>十年经验</b>")
    booking = make_booking(consultant, topic="秘密话题", description="私密描述")
    ConsultationNote.objects.create(booking=booking, author=consultant, body="私人笔记")
    response = client.get(consultant.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "秘密话题" not in html and "私密描述" not in html and "私人笔记" not in html
    assert "&lt;b&gt;十年经验" in html
    assert reverse("consultants:book", args=[consultant.pk]) + "?start=" in html
    inactive = ConsultantFactory(is_active=False)
    assert client.get(inactive.get_absolute_url()).status_code == 404


def test_graduate_books_through_the_form_with_html_escaped(client):
    consultant = ConsultantFactory()
    seeker = UserFactory()
    client.force_login(seeker)
    start = local_slot(consultant, 3, 10)
    url = reverse("consultants:book", args=[consultant.pk])
    assert client.get(url, {"start": start.isoformat()}).status_code == 200
    response = client.post(url, {"start": start.isoformat(), "topic": "<script>alert(1)</script>", "mode": "online",
                                 "topic_code": "job_anxiety", "description": "<img src=x onerror=alert(1)>"})
    booking = Booking.objects.get()
    assert response.status_code == 302 and response["Location"] == booking.get_absolute_url()
    html = client.get(booking.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


@pytest.mark.parametrize("start, message", [
    ("not-a-date", "Choose a slot"),
    ("2020-01-01T02:00:00+00:00", "in the past"),
])
def test_bad_slots_in_the_form_get_a_message_and_book_nothing(client, start, message):
    consultant = ConsultantFactory()
    client.force_login(UserFactory())
    response = client.post(english(reverse("consultants:book", args=[consultant.pk])),
                           {"start": start, "topic": "求职", "mode": "online", "topic_code": "other"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Booking.objects.exists()


def test_booking_pages_are_404_for_everyone_but_seeker_and_consultant(client):
    booking = make_booking(ConsultantFactory(), description="只给顾问看")
    url = booking.get_absolute_url()
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.post(reverse("consultants:booking_cancel", args=[booking.pk])).status_code == 404
    assert client.post(reverse("consultants:booking_note", args=[booking.pk]), {"note": "x"}).status_code == 404
    client.force_login(booking.seeker)
    assert "只给顾问看" in client.get(url).content.decode()
    # The seeker may not write the consultant's note nor mark the outcome.
    assert client.post(reverse("consultants:booking_note", args=[booking.pk]), {"note": "x"}).status_code == 404
    client.force_login(booking.consultant.user)
    assert "只给顾问看" in client.get(url).content.decode()
    booking.refresh_from_db()
    assert booking.status == "confirmed" and not ConsultationNote.objects.exists()


def test_state_changes_need_post(client):
    booking = make_booking(ConsultantFactory())
    client.force_login(booking.seeker)
    assert client.get(reverse("consultants:booking_cancel", args=[booking.pk])).status_code == 405


def test_private_note_is_shown_only_to_the_consultant(client):
    booking = make_booking(ConsultantFactory())
    client.force_login(booking.consultant.user)
    client.post(reverse("consultants:booking_note", args=[booking.pk]), {"note": "需要跟进劳动仲裁"})
    assert "需要跟进劳动仲裁" in client.get(booking.get_absolute_url()).content.decode()
    client.force_login(booking.seeker)
    assert "需要跟进劳动仲裁" not in client.get(booking.get_absolute_url()).content.decode()


def test_after_the_deadline_the_page_says_why_and_cancel_is_refused(client):
    booking = make_booking(ConsultantFactory(), start=timezone.now() + timedelta(hours=3))
    client.force_login(booking.seeker)
    html = client.get(booking.get_absolute_url()).content.decode()
    assert "最晚可在开始前 12 小时" in html
    assert "up to 12 hours before" in client.get(english(booking.get_absolute_url())).content.decode()
    client.post(reverse("consultants:booking_cancel", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def test_self_service_is_only_for_consultants(client):
    client.force_login(UserFactory())
    assert client.get(reverse("consultants:me")).status_code == 404
    assert client.get(reverse("consultants:me_availability")).status_code == 404


def test_consultant_adds_hours_and_an_override_that_ends_before_it_starts_is_refused(client):
    consultant = ConsultantFactory(hours=[])
    client.force_login(consultant.user)
    url = reverse("consultants:me_availability")
    response = client.post(url, {"add_rule": "1", "rule-weekday": "0", "rule-start_time": "09:00",
                                 "rule-end_time": "12:00"})
    assert response.status_code == 302
    assert AvailabilityRule.objects.filter(consultant=consultant).count() == 1
    day = (timezone.localdate() + timedelta(days=5)).isoformat()
    response = client.post(url, {"add_override": "1", "override-date": day, "override-kind": "extra",
                                 "override-start_time": "15:00", "override-end_time": "14:00"})
    assert response.status_code == 200
    assert "结束时间必须晚于开始时间。" in response.content.decode()
    response = client.post(english(url), {"add_rule": "1", "rule-weekday": "1", "rule-start_time": "12:00",
                                         "rule-end_time": "09:00"})
    assert "The end must be after the start." in response.content.decode()
    assert not AvailabilityOverride.objects.exists()
    assert AvailabilityRule.objects.filter(consultant=consultant).count() == 1
    # Another consultant's rule cannot be deleted by her.
    other_rule = ConsultantFactory().rules.first()
    assert client.post(reverse("consultants:me_delete_rule", args=[other_rule.pk])).status_code == 404


def test_calendar_feed_lists_her_bookings_and_stops_when_revoked(client):
    booking = make_booking(ConsultantFactory())
    consultant = booking.consultant
    client.force_login(consultant.user)
    client.post(reverse("consultants:me_calendar"), {"action": "new"})
    consultant.refresh_from_db()
    feed = reverse("consultants:calendar_feed", args=[consultant.calendar_token])
    client.logout()
    response = client.get(feed)
    assert response["Content-Type"].startswith("text/calendar")
    assert f"booking-{booking.pk}@" in response.content.decode()
    assert booking.topic not in response.content.decode()
    client.force_login(consultant.user)
    client.post(reverse("consultants:me_calendar"), {"action": "revoke"})
    assert client.get(feed).status_code == 404


def test_dashboard_lists_her_bookings_and_links_consultants_to_their_pages(client):
    booking = make_booking(ConsultantFactory())
    client.force_login(booking.seeker)
    html = client.get(reverse("dashboard")).content.decode()
    assert booking.get_absolute_url() in html
    client.force_login(booking.consultant.user)
    assert reverse("consultants:me") in client.get(reverse("dashboard")).content.decode()
