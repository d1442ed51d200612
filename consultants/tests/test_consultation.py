"""A booking that can take place: how they meet per mode, the intake, the crisis
notice, attendance, feedback, the no-show rule and the consultant's notes."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from icalendar import Calendar

from consultants import feedback, noshows, notes, services
from consultants.models import Booking, BookingRestriction, ConsultationNote
from portal.accounts.models import AccessRecord
from portal.accounts.tests.factories import UserFactory
from portal.errors import ServiceError
from portal.notifications.models import Notification, OutboundMessage

from .factories import ConsultantFactory, local_slot, make_booking

pytestmark = pytest.mark.django_db

NUMBER = "+8613812345678"


@pytest.fixture
def consultant():
    return ConsultantFactory(modes=["online", "phone", "in_person"], meeting_link="https://meeting.example.cn/room/7",
                             venue_address="永川区妇女儿童活动中心", venue_room="3 楼 302",
                             venue_directions="乘 3 路公交到兴龙湖站。")


@pytest.fixture
def seeker():
    return UserFactory(phone=NUMBER, phone_verified=True)


def book(consultant, seeker, start=None, **fields):
    fields = {"mode": "online", "topic_code": "job_anxiety", **fields}
    return services.book(seeker, consultant.pk, start or local_slot(consultant, 3, 10), **fields)


def past_booking(consultant, seeker, days_ago=1, **fields):
    start = timezone.now() - timedelta(days=days_ago, hours=2)
    return make_booking(consultant, seeker=seeker, start=start, **fields)


# --- how they meet ---------------------------------------------------------------------------------------------

def test_a_phone_booking_needs_her_verified_number(consultant):
    unverified = UserFactory(phone=NUMBER, phone_verified=False)
    with pytest.raises(ServiceError) as refused:
        book(consultant, unverified, mode="phone")
    assert refused.value.code == "phone_unverified" and not Booking.objects.exists()
    booking = book(consultant, UserFactory(phone="+8613912345678", phone_verified=True), mode="phone")
    assert str(booking.phone) == "+8613912345678"


def test_the_booking_form_points_to_verifying_a_number(client, consultant):
    client.force_login(UserFactory())
    response = client.post(reverse("consultants:book", args=[consultant.pk]), {
        "start": local_slot(consultant, 3, 10).isoformat(), "mode": "phone", "topic_code": "job_anxiety"})
    html = response.content.decode()
    assert response.status_code == 200 and "需要已验证的手机号" in html
    assert reverse("account_change_phone") in html and not Booking.objects.exists()


def test_the_consultant_sees_the_number_masked_then_full_in_the_window_and_each_look_is_logged(
        client, consultant, seeker):
    booking = book(consultant, seeker, mode="phone")
    client.force_login(consultant.user)
    page = client.get(booking.get_absolute_url()).content.decode()
    assert "138****5678" in page and "13812345678" not in page
    full = client.get(reverse("consultants:booking_phone", args=[booking.pk]))
    assert full.status_code == 200 and "+8613812345678" in full.content.decode()
    assert full["Cache-Control"] == "private, no-store"
    record = AccessRecord.objects.get(subject=seeker)
    assert (record.reader, record.what, record.allowed) == (consultant.user, "phone", True)
    # A day after the session, the number is no longer shown, and the attempt is logged too.
    with freeze_time(booking.end + timedelta(hours=25)):
        assert client.get(reverse("consultants:booking_phone", args=[booking.pk])).status_code == 404
    assert list(AccessRecord.objects.filter(subject=seeker).values_list("allowed", flat=True)) == [False, True]


def test_nobody_else_reads_her_number(client, consultant, seeker):
    booking = book(consultant, seeker, mode="phone")
    other = ConsultantFactory()
    for user in (other.user, seeker, UserFactory()):
        client.force_login(user)
        assert client.get(reverse("consultants:booking_phone", args=[booking.pk])).status_code == 404
    # The other consultant's attempt reached the booking? No: she cannot even open it (not hers).
    assert not AccessRecord.objects.filter(allowed=True).exists()


def test_the_graduate_is_told_who_calls_which_number(client, consultant, seeker):
    booking = book(consultant, seeker, mode="phone")
    client.force_login(seeker)
    page = client.get(booking.get_absolute_url()).content.decode()
    assert "咨询师将于" in page and "138****5678" in page


def test_online_sessions_carry_the_link_everywhere(client, consultant, seeker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(consultant, seeker)
    client.force_login(seeker)
    assert "https://meeting.example.cn/room/7" in client.get(booking.get_absolute_url()).content.decode()
    message = next(m for m in mail.outbox if m.to == [seeker.email])
    assert "https://meeting.example.cn/room/7" in message.body
    event = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert str(event["location"]) == str(event["url"]) == "https://meeting.example.cn/room/7"


def test_a_link_for_one_session_replaces_the_room_and_must_be_a_web_address(client, consultant, seeker):
    booking = book(consultant, seeker)
    client.force_login(consultant.user)
    url = reverse("consultants:booking_link", args=[booking.pk])
    assert client.post(url, {"meeting_link": "javascript:alert(1)"}).status_code == 400
    booking.refresh_from_db()
    assert booking.meeting_link == ""
    client.post(url, {"meeting_link": "https://meeting.example.cn/j/42"})
    booking.refresh_from_db()
    assert booking.meeting_link == "https://meeting.example.cn/j/42"
    client.force_login(seeker)
    assert "https://meeting.example.cn/j/42" in client.get(booking.get_absolute_url()).content.decode()


def test_in_person_sessions_carry_the_venue(client, consultant, seeker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(consultant, seeker, mode="in_person")
    client.force_login(seeker)
    page = client.get(booking.get_absolute_url()).content.decode()
    assert "永川区妇女儿童活动中心" in page and "乘 3 路公交" in page
    message = next(m for m in mail.outbox if m.to == [seeker.email])
    event = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert str(event["location"]) == "永川区妇女儿童活动中心 3 楼 302"


# --- intake and the crisis notice --------------------------------------------------------------------------------

def test_the_topic_comes_from_her_specialties(consultant, seeker):
    law = ConsultantFactory(specialty_codes=["law"])
    with pytest.raises(ServiceError) as refused:
        book(law, seeker, topic_code="job_anxiety")
    assert refused.value.code == "bad_topic"
    assert book(law, seeker, topic_code="probation").get_topic_code_display() == "试用期权益"


def test_psychology_bookings_say_where_to_get_help_at_once(client, consultant, seeker,
                                                          django_capture_on_commit_callbacks):
    client.force_login(seeker)
    page = client.get(reverse("consultants:book", args=[consultant.pk])).content.decode()
    assert "12356" in page and "120" in page and "110" in page
    with django_capture_on_commit_callbacks(execute=True):
        book(consultant, seeker)
    assert "12356" in next(m for m in mail.outbox if m.to == [seeker.email]).body
    law = ConsultantFactory(specialty_codes=["law"])
    assert "12356" not in client.get(reverse("consultants:book", args=[law.pk])).content.decode()


def test_her_profile_reaches_the_consultant_only_when_she_shares_it(client, consultant, seeker):
    from portal.accounts.models import SeekerProfile

    SeekerProfile.objects.create(user=seeker, school="重庆文理学院", major="会计")
    private = book(consultant, seeker)
    shared = book(consultant, seeker, start=local_slot(consultant, 4, 10), share_profile=True)
    client.force_login(consultant.user)
    assert "重庆文理学院" not in client.get(private.get_absolute_url()).content.decode()
    assert "重庆文理学院" in client.get(shared.get_absolute_url()).content.decode()


# --- after the session --------------------------------------------------------------------------------------------

def test_attendance_only_after_the_start_and_only_by_her_consultant(client, consultant, seeker):
    upcoming = book(consultant, seeker)
    with pytest.raises(ServiceError) as refused:
        services.set_outcome(upcoming, "completed")
    assert refused.value.status == 409
    past = past_booking(consultant, seeker)
    client.force_login(seeker)
    assert client.post(reverse("consultants:booking_outcome", args=[past.pk]), {"status": "no_show"}).status_code == 404
    client.force_login(ConsultantFactory().user)
    assert client.post(reverse("consultants:booking_outcome", args=[past.pk]), {"status": "no_show"}).status_code == 404
    past.refresh_from_db()
    assert past.status == "confirmed"


def test_attended_asks_for_feedback_once_and_answers_count_only_once(client, consultant, seeker,
                                                                    django_capture_on_commit_callbacks):
    past = past_booking(consultant, seeker)
    with django_capture_on_commit_callbacks(execute=True):
        services.set_outcome(past, "completed")
        services.set_outcome(past, "completed")  # corrected twice: still one request
    requests = OutboundMessage.objects.filter(template="consultants/messages/feedback_request", to=[seeker.email])
    assert requests.count() == 1
    assert Notification.objects.filter(user=seeker, template="consultants/messages/feedback_request").exists()
    client.force_login(seeker)
    url = reverse("consultants:feedback", args=[past.pk])
    assert client.post(url, {"rating": "4", "comment": "很有帮助"}).status_code == 302
    assert client.post(url, {"rating": "5"}).status_code == 409
    assert past.feedback.rating == 4


def test_no_feedback_on_a_session_she_did_not_attend_or_someone_elses(client, consultant, seeker):
    missed = past_booking(consultant, seeker)
    services.set_outcome(missed, "no_show")
    client.force_login(seeker)
    assert client.post(reverse("consultants:feedback", args=[missed.pk]), {"rating": "5"}).status_code == 409
    attended = past_booking(consultant, UserFactory(), days_ago=2)
    services.set_outcome(attended, "completed")
    assert client.get(reverse("consultants:feedback", args=[attended.pk])).status_code == 404


def test_the_consultant_sees_her_average_only_from_five_answers(consultant):
    for number in range(5):
        session = services.set_outcome(past_booking(consultant, UserFactory(), days_ago=number + 1), "completed")
        feedback.give(session, session.seeker, 4 if number else 5)
        expected = None if number < 4 else {"average": 4.2, "count": 5}
        assert feedback.summary_for(consultant) == expected


def test_two_no_shows_put_her_bookings_on_approval_until_lifted(client, consultant, seeker,
                                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for days in (3, 10):
            services.set_outcome(past_booking(consultant, seeker, days_ago=days), "no_show")
    restriction = BookingRestriction.objects.get(seeker=seeker)
    assert (restriction.ends_at - restriction.starts_at).days == 30
    assert OutboundMessage.objects.filter(template="consultants/messages/restriction", to=[seeker.email]).exists()
    pending = book(consultant, seeker)
    assert pending.status == "pending"
    client.force_login(consultant.user)
    client.post(reverse("consultants:booking_decision", args=[pending.pk]), {"decision": "approve"})
    pending.refresh_from_db()
    assert pending.status == "confirmed"
    noshows.lift(restriction, UserFactory())
    assert book(consultant, seeker, start=local_slot(consultant, 4, 10)).status == "confirmed"


def test_old_no_shows_do_not_count(consultant, seeker):
    services.set_outcome(past_booking(consultant, seeker, days_ago=70), "no_show")
    services.set_outcome(past_booking(consultant, seeker, days_ago=3), "no_show")
    assert not BookingRestriction.objects.exists()


def test_a_consultant_who_could_not_come_apologises(consultant, seeker, django_capture_on_commit_callbacks):
    past = past_booking(consultant, seeker)
    with django_capture_on_commit_callbacks(execute=True):
        services.set_outcome(past, "absent")
    [apology] = OutboundMessage.objects.filter(template="consultants/messages/booking", to=[seeker.email])
    assert "抱歉" in apology.subject
    assert not OutboundMessage.objects.filter(template="consultants/messages/booking",
                                              to=[consultant.user.email]).exists()


# --- notes -----------------------------------------------------------------------------------------------------

def test_notes_are_encrypted_in_the_database(consultant, seeker):
    booking = past_booking(consultant, seeker)
    notes.write(booking, consultant.user, "她担心试用期被辞退。")
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM consultants_consultationnote")
        [(stored,)] = cursor.fetchall()
    assert "试用期" not in stored and stored.startswith("fernet:")
    assert ConsultationNote.objects.get().body == "她担心试用期被辞退。"


def test_only_the_author_reads_a_note_and_every_read_is_logged(client, consultant, seeker):
    booking = past_booking(consultant, seeker)
    notes.write(booking, consultant.user, "私人记录")
    assert notes.read(booking, consultant.user).body == "私人记录"
    for other in (ConsultantFactory().user, UserFactory(is_staff=True, is_superuser=True), seeker):
        with pytest.raises(ServiceError) as refused:
            notes.read(booking, other)
        assert refused.value.status == 404
    records = AccessRecord.objects.filter(subject=seeker, what="note")
    assert (records.filter(allowed=True).count(), records.filter(allowed=False).count()) == (1, 3)
    client.force_login(ConsultantFactory().user)
    assert client.post(reverse("consultants:booking_note", args=[booking.pk]), {"note": "x"}).status_code == 404
    assert ConsultationNote.objects.get().body == "私人记录"


def test_notes_are_deleted_after_the_retention_period(consultant, seeker, settings):
    settings.CONSULTANTS_NOTES_RETENTION_DAYS = 3 * 365
    old = past_booking(consultant, seeker, days_ago=3 * 365 + 2)
    recent = past_booking(consultant, seeker, days_ago=3 * 365 - 2)
    for booking in (old, recent):
        notes.write(booking, consultant.user, "记录")
    assert notes.purge_expired() == 1
    assert list(ConsultationNote.objects.values_list("booking_id", flat=True)) == [recent.pk]


def test_notes_are_not_in_the_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/cms/snippets/consultants/consultationnote/").status_code == 404
    assert client.get("/django-admin/consultants/consultationnote/").status_code == 404


# --- availability changes ----------------------------------------------------------------------------------------

def test_blocking_a_day_with_bookings_asks_first_then_cancels_with_a_message(
        client, consultant, seeker, django_capture_on_commit_callbacks):
    booking = book(consultant, seeker)
    day = timezone.localtime(booking.start).date().isoformat()
    client.force_login(consultant.user)
    data = {"add_override": "1", "override-date": day, "override-kind": "block"}
    asked = client.post(reverse("consultants:me_availability"), data)
    assert asked.status_code == 200 and seeker.get_short_name() in asked.content.decode()
    assert not consultant.overrides.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("consultants:me_availability"), {**data, "affected": "cancel", "reason": "临时出差"})
    booking.refresh_from_db()
    assert (booking.status, booking.cancel_reason) == ("cancelled", "临时出差")
    assert consultant.overrides.get().date.isoformat() == day
    assert any("临时出差" in m.body for m in mail.outbox if m.to == [seeker.email])


def test_keeping_the_bookings_only_blocks_new_ones(client, consultant, seeker):
    booking = book(consultant, seeker)
    day = timezone.localtime(booking.start).date().isoformat()
    client.force_login(consultant.user)
    client.post(reverse("consultants:me_availability"),
                {"add_override": "1", "override-date": day, "override-kind": "block", "affected": "keep"})
    booking.refresh_from_db()
    assert booking.status == "confirmed" and consultant.overrides.exists()


def test_removing_weekly_hours_with_bookings_asks_first(client, consultant, seeker):
    booking = book(consultant, seeker)
    rule = consultant.rules.get(weekday=timezone.localtime(booking.start).weekday())
    client.force_login(consultant.user)
    url = reverse("consultants:me_delete_rule", args=[rule.pk])
    assert client.post(url).status_code == 200 and consultant.rules.filter(pk=rule.pk).exists()
    client.post(url, {"affected": "cancel", "reason": ""})  # cancelling needs a message
    assert consultant.rules.filter(pk=rule.pk).exists()
    client.post(url, {"affected": "keep"})
    assert not consultant.rules.filter(pk=rule.pk).exists()
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def test_overlapping_weekly_hours_are_refused(client, consultant):
    client.force_login(consultant.user)
    response = client.post(reverse("consultants:me_availability"), {
        "add_rule": "1", "rule-weekday": "1", "rule-start_time": "15:00", "rule-end_time": "18:00"})
    assert response.status_code == 200 and "重叠" in response.content.decode()
    assert consultant.rules.filter(weekday=1).count() == 1
