"""The booking service: what may be booked, cancelled and moved, and the emails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from consultants import services
from consultants.models import Booking
from consultants.tasks import send_booking_reminders
from portal.accounts.tests.factories import UserFactory
from portal.errors import ServiceError
from portal.notifications.models import OutboundMessage

from .factories import ConsultantFactory, local_slot, make_booking

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultant():
    return ConsultantFactory()


@pytest.fixture
def seeker():
    return UserFactory()


def book(consultant, seeker, start, **kwargs):
    fields = {"mode": "online", "topic": "面试焦虑", "description": "", **kwargs}
    return services.book(seeker, consultant.pk, start, **fields)


def test_booking_an_open_slot_confirms_it_and_emails_both_with_ics(
        consultant, seeker, django_capture_on_commit_callbacks):
    start = local_slot(consultant, 3, 10)
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(consultant, seeker, start)
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.end - booking.start == timedelta(minutes=50)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([seeker.email, consultant.user.email])
    attachment = mail.outbox[0].attachments[0]
    assert attachment[0] == "booking.ics" and "BEGIN:VEVENT" in str(attachment[1])
    assert start not in services.next_open_slots(consultant)


@pytest.mark.parametrize("days, hour, code", [
    (-1, 10, "in_past"),          # yesterday
    (0, 0, "in_past"),            # midnight today has gone
    (3, 20, "not_available"),     # outside her 09:00–17:00
    (3, 10, None),                # sanity: open
])
def test_slots_outside_availability_or_in_the_past_are_refused(consultant, seeker, days, hour, code):
    start = local_slot(consultant, days, hour)
    if code is None:
        assert book(consultant, seeker, start).pk
        return
    with pytest.raises(ServiceError) as error:
        book(consultant, seeker, start)
    assert error.value.code == code
    assert not Booking.objects.exists()


def test_a_slot_inside_the_notice_period_is_refused(seeker):
    consultant = ConsultantFactory(min_notice_hours=72)
    with pytest.raises(ServiceError) as error:
        book(consultant, seeker, local_slot(consultant, 1, 10))
    assert error.value.code == "too_soon" and "72" in error.value.message
    assert not Booking.objects.exists()


def test_a_misaligned_start_is_not_a_slot(consultant, seeker):
    with pytest.raises(ServiceError) as error:
        book(consultant, seeker, local_slot(consultant, 3, 10, 20))
    assert error.value.code == "not_available"


def test_a_taken_slot_is_a_409_and_nothing_changes(consultant, seeker):
    start = local_slot(consultant, 3, 10)
    make_booking(consultant, start=start)
    with pytest.raises(ServiceError) as error:
        book(consultant, seeker, start)
    assert (error.value.code, error.value.status) == ("slot_taken", 409)
    assert Booking.objects.count() == 1


def test_unknown_inactive_and_wrong_mode_are_refused(consultant, seeker):
    start = local_slot(consultant, 3, 10)
    with pytest.raises(ServiceError) as error:
        services.book(seeker, 999999, start, "online", "x")
    assert error.value.status == 404
    consultant.is_active = False
    consultant.save()
    with pytest.raises(ServiceError) as error:
        book(consultant, seeker, start)
    assert error.value.code == "unknown_consultant"
    consultant.is_active = True
    consultant.save()
    with pytest.raises(ServiceError) as error:
        book(consultant, seeker, start, mode="in_person")
    assert error.value.code == "bad_mode"
    assert not Booking.objects.exists()


def test_seeker_cancels_before_the_deadline_and_the_slot_opens_again(consultant, seeker):
    booking = book(consultant, seeker, local_slot(consultant, 3, 10))
    services.cancel_by_seeker(booking, seeker)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and booking.cancelled_by == "seeker"
    assert booking.start in services.next_open_slots(consultant)


def test_cancelling_after_the_deadline_or_someone_elses_is_refused(consultant, seeker):
    soon = timezone.now() + timedelta(hours=5)
    booking = make_booking(consultant, seeker=seeker, start=soon)
    with pytest.raises(ServiceError) as error:
        services.cancel_by_seeker(booking, seeker)
    assert error.value.code == "too_late" and "12" in error.value.message
    later = make_booking(consultant, start=local_slot(consultant, 4, 10))
    with pytest.raises(ServiceError) as error:
        services.cancel_by_seeker(later, seeker)
    assert error.value.status == 404
    assert set(Booking.objects.values_list("status", flat=True)) == {"confirmed"}


def test_reschedule_moves_the_booking_and_frees_the_old_slot(consultant, seeker, django_capture_on_commit_callbacks):
    old = local_slot(consultant, 3, 10)
    new = local_slot(consultant, 3, 14)
    booking = book(consultant, seeker, old)
    with django_capture_on_commit_callbacks(execute=True):
        services.reschedule(booking, seeker, new)
    booking.refresh_from_db()
    assert (booking.start, booking.sequence) == (new, 1)
    assert old in services.next_open_slots(consultant)
    assert OutboundMessage.objects.filter(dedup_key__startswith=f"booking:{booking.pk}:rescheduled").count() == 2


def test_reschedule_to_a_taken_slot_changes_nothing(consultant, seeker):
    booking = book(consultant, seeker, local_slot(consultant, 3, 10))
    taken = local_slot(consultant, 3, 14)
    make_booking(consultant, start=taken)
    with pytest.raises(ServiceError):
        services.reschedule(booking, seeker, taken)
    booking.refresh_from_db()
    assert booking.start == local_slot(consultant, 3, 10) and booking.sequence == 0


def test_consultant_cancels_with_a_reason(consultant, seeker):
    booking = book(consultant, seeker, local_slot(consultant, 3, 10))
    with pytest.raises(ServiceError):
        services.cancel_by_consultant(booking, "  ")
    services.cancel_by_consultant(booking, "临时出差")
    booking.refresh_from_db()
    assert (booking.status, booking.cancel_reason, booking.cancelled_by) == ("cancelled", "临时出差", "consultant")


def test_outcome_only_after_the_start(consultant):
    booking = make_booking(consultant)
    with pytest.raises(ServiceError):
        services.set_outcome(booking, Booking.Status.COMPLETED)
    past = make_booking(consultant, start=timezone.now() - timedelta(hours=2))
    services.set_outcome(past, Booking.Status.NO_SHOW)
    past.refresh_from_db()
    assert past.status == "no_show"


def test_deactivating_cancels_future_bookings_and_notifies(consultant, django_capture_on_commit_callbacks):
    future = make_booking(consultant)
    past = make_booking(consultant, start=timezone.now() - timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.cancel_future_bookings(consultant) == 1
    future.refresh_from_db()
    past.refresh_from_db()
    assert (future.status, future.cancelled_by, past.status) == ("cancelled", "portal", "confirmed")
    assert future.seeker.email in [m.to[0] for m in mail.outbox]


def test_reminders_are_queued_once_even_when_the_beat_runs_twice(consultant):
    tomorrow = make_booking(consultant, start=timezone.now() + timedelta(hours=20))
    within_hour = make_booking(consultant, start=timezone.now() + timedelta(minutes=40))
    make_booking(consultant, start=timezone.now() + timedelta(days=3))
    send_booking_reminders()
    send_booking_reminders()
    keys = sorted(OutboundMessage.objects.values_list("dedup_key", flat=True))
    assert keys == sorted([
        f"booking:{tomorrow.pk}:reminder_24h:0:seeker", f"booking:{tomorrow.pk}:reminder_24h:0:consultant",
        f"booking:{within_hour.pk}:reminder_1h:0:seeker", f"booking:{within_hour.pk}:reminder_1h:0:consultant",
    ])


def test_a_moved_booking_moves_her_calendar_event(consultant, seeker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(consultant, seeker, local_slot(consultant, 3, 10))
        services.reschedule(booking, seeker, local_slot(consultant, 3, 14))
        services.cancel_by_seeker(booking, seeker)
    events = [Calendar.from_ical(message.attachments[0][1]) for message in mail.outbox if message.to == [seeker.email]]
    assert [str(calendar["method"]) for calendar in events] == ["REQUEST", "REQUEST", "CANCEL"]
    components = [calendar.walk("VEVENT")[0] for calendar in events]
    assert {str(component["uid"]) for component in components} == {f"booking-{booking.pk}@testserver"}
    assert [component.decoded("sequence") for component in components] == [0, 1, 2]
    assert components[1].decoded("dtstart") == local_slot(consultant, 3, 14)
