"""Pages: directory, profile, booking flow, her own pages; who may see what."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultants.models import AvailabilityOverride, AvailabilityRule, Booking, ConsultationNote
from portal import dates
from portal.accounts.tests.factories import UserFactory
from portal.confirmation import CONFIRM_FIELD, CONFIRMING

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
    assert client.get(reverse("consultants:booking_cancel", args=[booking.pk])).status_code == 404
    assert client.post(reverse("consultants:booking_cancel", args=[booking.pk]), CONFIRMING).status_code == 404
    assert client.post(reverse("consultants:booking_note", args=[booking.pk]), {"note": "x"}).status_code == 404
    client.force_login(booking.seeker)
    assert "只给顾问看" in client.get(url).content.decode()
    # The seeker may not write the consultant's note nor mark the outcome.
    assert client.post(reverse("consultants:booking_note", args=[booking.pk]), {"note": "x"}).status_code == 404
    client.force_login(booking.consultant.user)
    assert "只给顾问看" in client.get(url).content.decode()
    booking.refresh_from_db()
    assert booking.status == "confirmed" and not ConsultationNote.objects.exists()


def test_state_changes_need_the_confirming_post(client):
    booking = make_booking(ConsultantFactory())
    client.force_login(booking.seeker)
    url = reverse("consultants:booking_cancel", args=[booking.pk])
    assert client.get(url).status_code == 200
    assert client.get(url, CONFIRMING).status_code == 200  # a GET never changes anything, whatever it carries
    assert client.put(url, CONFIRMING).status_code == 405
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def test_private_note_is_shown_only_to_the_consultant(client):
    booking = make_booking(ConsultantFactory())
    client.force_login(booking.consultant.user)
    client.post(reverse("consultants:booking_note", args=[booking.pk]), {"note": "需要跟进劳动仲裁"})
    assert "需要跟进劳动仲裁" in client.get(booking.get_absolute_url()).content.decode()
    client.force_login(booking.seeker)
    assert "需要跟进劳动仲裁" not in client.get(booking.get_absolute_url()).content.decode()


def test_after_the_deadline_the_page_says_why_and_cancel_is_refused(client):
    booking = make_booking(ConsultantFactory(), start=timezone.now() + timedelta(hours=3))
    cancel = reverse("consultants:booking_cancel", args=[booking.pk])
    client.force_login(booking.seeker)
    html = client.get(booking.get_absolute_url()).content.decode()
    assert "最晚可在开始前 12 小时" in html
    assert "up to 12 hours before" in client.get(english(booking.get_absolute_url())).content.decode()
    page = client.get(cancel)
    assert page.status_code == 409 and "最晚可在开始前 12 小时" in page.content.decode()
    assert not is_confirmation_page(page)
    refused = client.post(cancel, CONFIRMING)
    assert refused.status_code == 409 and "problem.html" in [t.name for t in refused.templates]
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def is_confirmation_page(response):
    return ("confirm.html" in [t.name for t in response.templates]
            and f'name="{CONFIRM_FIELD}"' in response.content.decode())


def test_graduate_cancels_only_after_confirming(client):
    consultant = ConsultantFactory(display_name="林晓雯")
    booking = make_booking(consultant, start=local_slot(consultant, 3, 10))
    client.force_login(booking.seeker)
    url = reverse("consultants:booking_cancel", args=[booking.pk])
    assert url in client.get(booking.get_absolute_url()).content.decode()  # a link on her page
    for response in (client.get(url), client.post(url)):
        html = response.content.decode()
        assert response.status_code == 200 and is_confirmation_page(response)
        assert "取消你与林晓雯" in html and "10:00" in html and "确认取消咨询" in html
        assert f'href="{booking.get_absolute_url()}"' in html
    booking.refresh_from_db()
    assert booking.status == "confirmed"
    response = client.post(url, CONFIRMING)
    assert response.status_code == 302 and response["Location"] == booking.get_absolute_url()
    booking.refresh_from_db()
    assert (booking.status, booking.cancelled_by) == ("cancelled", "seeker")


def test_consultant_gives_the_reason_on_the_confirmation_page(client):
    booking = make_booking(ConsultantFactory())
    client.force_login(booking.consultant.user)
    url = reverse("consultants:booking_cancel", args=[booking.pk])
    page = client.get(url)
    assert page.status_code == 200 and is_confirmation_page(page) and 'name="reason"' in page.content.decode()
    # From an older page that posted the reason without confirming: asked again, the reason kept.
    again = client.post(url, {"reason": "临时出差"})
    assert again.status_code == 200 and "临时出差" in again.content.decode()
    empty = client.post(url, {"reason": "  ", **CONFIRMING})
    assert empty.status_code == 400 and is_confirmation_page(empty)
    booking.refresh_from_db()
    assert booking.status == "confirmed"
    assert client.post(url, {"reason": "临时出差", **CONFIRMING}).status_code == 302
    booking.refresh_from_db()
    assert (booking.status, booking.cancel_reason, booking.cancelled_by) == ("cancelled", "临时出差", "consultant")
    # Now there is nothing left to cancel: the page says so.
    done = client.get(url)
    assert done.status_code == 409 and not is_confirmation_page(done)


def test_a_tapped_slot_shows_old_and_new_time_and_moves_only_when_confirmed(client):
    consultant = ConsultantFactory()
    old, new = local_slot(consultant, 3, 10), local_slot(consultant, 4, 14)
    booking = make_booking(consultant, start=old)
    client.force_login(booking.seeker)
    url = reverse("consultants:booking_reschedule", args=[booking.pk])
    picker = client.get(url).content.decode()
    link = f"{url}?start={new.isoformat().replace('+', '%2B').replace(':', '%3A')}"
    assert f'href="{link}"' in picker and 'method="post"' not in picker.split("slot-list", 1)[1]
    zone = ZoneInfo(consultant.time_zone)
    old_text = dates.day(old, "zh-hans", zone)
    new_text = dates.day(new, "zh-hans", zone)
    for response in (client.get(url, {"start": new.isoformat()}), client.post(url, {"start": new.isoformat()})):
        html = response.content.decode()
        assert response.status_code == 200 and is_confirmation_page(response)
        assert old_text in html and "10:00" in html and new_text in html and "14:00" in html
        assert f'name="start" value="{new.isoformat()}"' in html
        assert "开始前 12 小时" in html
    booking.refresh_from_db()
    assert (booking.start, booking.sequence) == (old, 0)
    response = client.post(url, {"start": new.isoformat(), **CONFIRMING})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert (booking.start, booking.sequence) == (new, 1)


def test_a_confirmation_page_for_a_slot_that_is_gone_says_so(client):
    consultant = ConsultantFactory()
    booking = make_booking(consultant, start=local_slot(consultant, 3, 10))
    taken = local_slot(consultant, 4, 14)
    make_booking(consultant, start=taken)
    client.force_login(booking.seeker)
    url = reverse("consultants:booking_reschedule", args=[booking.pk])
    page = client.get(url, {"start": taken.isoformat()})
    assert page.status_code == 409 and not is_confirmation_page(page)
    # Confirming anyway is refused above the slots, to choose another, as before.
    response = client.post(url, {"start": taken.isoformat(), **CONFIRMING})
    assert response.status_code == 200 and "consultants/reschedule.html" in [t.name for t in response.templates]
    bad = client.get(url, {"start": "not-a-time"})
    assert bad.status_code == 200 and "consultants/reschedule.html" in [t.name for t in bad.templates]
    booking.refresh_from_db()
    assert booking.start == local_slot(consultant, 3, 10)


def test_someone_elses_booking_cannot_be_moved_or_cancelled(client):
    consultant = ConsultantFactory()
    booking = make_booking(consultant)
    new = local_slot(consultant, 4, 14).isoformat()
    reschedule = reverse("consultants:booking_reschedule", args=[booking.pk])
    cancel = reverse("consultants:booking_cancel", args=[booking.pk])
    client.force_login(UserFactory())
    assert client.get(reschedule, {"start": new}).status_code == 404
    assert client.post(reschedule, {"start": new, **CONFIRMING}).status_code == 404
    assert client.get(cancel).status_code == 404
    assert client.post(cancel, CONFIRMING).status_code == 404
    # Her consultant cannot move it either.
    client.force_login(consultant.user)
    assert client.post(reschedule, {"start": new, **CONFIRMING}).status_code == 404
    booking.refresh_from_db()
    assert (booking.status, booking.sequence) == ("confirmed", 0)


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
