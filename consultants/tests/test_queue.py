"""The queue for full calendars (services, "the queue for full calendars"):
joining and leaving, the slot a cancellation frees offered to the first in
line and held for her, booking it, declining it, the beat passing it on, and
putting someone at the head of the queue."""

from datetime import time, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from consultants import services, tasks
from consultants.models import AvailabilityOverride, Booking, QueueRequest
from portal.accounts.tests.factories import UserFactory
from portal.errors import ServiceError
from portal.notifications.models import Notification, OutboundMessage

from .factories import ConsultantFactory, local_slot, queue_up, reloaded, run_out

pytestmark = pytest.mark.django_db

Status = QueueRequest.Status


def refused(code, call, *args):
    with pytest.raises(ServiceError) as error:
        call(*args)
    assert error.value.code == code, error.value.message
    return error.value


def offers_sent_to(request):
    return OutboundMessage.objects.filter(template="consultants/messages/queue_offer", to=[request.seeker.email])


def test_she_joins_only_a_full_calendar_once_and_sees_her_place(full):
    consultant, booking = full
    first, second = queue_up(consultant, 2)
    assert (first.status, first.place, second.place) == (Status.WAITING, 1, 2)
    assert refused("already_queued", services.join_queue, first.seeker, consultant.pk).status == 409
    assert refused("own_booking", services.join_queue, consultant.user, consultant.pk).status == 400
    with_slots = ConsultantFactory()
    assert refused("has_open_slots", services.join_queue, first.seeker, with_slots.pk).status == 409
    assert refused("unknown_consultant", services.join_queue, first.seeker, 999999).status == 404
    assert QueueRequest.objects.count() == 2


def test_the_database_allows_one_active_request_per_seeker_and_consultant(full):
    consultant, _booking = full
    [request] = queue_up(consultant, 1)
    QueueRequest.objects.filter(pk=request.pk).update(status=Status.EXPIRED)
    QueueRequest.objects.create(consultant=consultant, seeker=request.seeker)  # an ended one does not count
    with pytest.raises(IntegrityError), transaction.atomic():
        QueueRequest.objects.create(consultant=consultant, seeker=request.seeker)


def test_leaving_moves_the_others_up(full):
    consultant, _booking = full
    first, second = queue_up(consultant, 2)
    services.leave_queue(first.seeker, consultant.pk)
    assert reloaded(first).status == Status.CANCELLED
    assert services.queue_place(reloaded(second)) == 1
    assert refused("not_queued", services.leave_queue, first.seeker, consultant.pk).status == 404


@pytest.mark.parametrize("by", ["seeker", "consultant", "portal"])
def test_a_cancellation_offers_the_freed_slot_to_the_first_in_line(full, by, settings):
    settings.CONSULTANTS_QUEUE_OFFER_HOURS = 3
    consultant, booking = full
    first, second = queue_up(consultant, 2)
    if by == "seeker":
        services.cancel_by_seeker(booking, booking.seeker)
    elif by == "consultant":
        services.cancel_by_consultant(booking, "临时出差")
    else:
        services.cancel_future_bookings(consultant)

    first = reloaded(first)
    assert (first.status, first.offered_start, first.offered_end) == (Status.OFFERED, booking.start, booking.end)
    assert first.offer_expires_at - first.offered_at == timedelta(hours=3)
    assert services.queue_place(reloaded(second)) == 1
    # Held for her: nobody sees it open, nobody else can book it.
    assert booking.start not in services.next_open_slots(consultant)
    assert refused("slot_taken", services.book, second.seeker, consultant.pk, booking.start, "online", "求职").status \
        == 409
    assert offers_sent_to(first).count() == 1
    assert Notification.objects.filter(user=first.seeker, kind="offer").count() == 1


def test_the_held_slot_is_busy_in_every_list_of_slots(full, client):
    consultant, booking = full
    queue_up(consultant, 1)
    services.cancel_by_seeker(booking, booking.seeker)
    assert list(services.directory(open_from=timezone.now(), open_to=timezone.now() + timedelta(days=7))) == []
    slots = client.get(f"/api/v1/consultants/{consultant.pk}/slots").json()["slots"]
    assert slots == []


def test_accepting_books_the_held_slot_as_a_normal_booking(full, django_capture_on_commit_callbacks):
    consultant, booking = full
    [request] = queue_up(consultant, 1)
    services.cancel_by_seeker(booking, booking.seeker)
    assert refused("not_found", services.accept_queue_offer, UserFactory(), request.pk, "online", "x").status == 404
    assert refused("bad_mode", services.accept_queue_offer, request.seeker, request.pk, "in_person", "x")
    assert reloaded(request).status == Status.OFFERED  # a refused booking keeps the hold

    with django_capture_on_commit_callbacks(execute=True):
        booked = services.accept_queue_offer(request.seeker, request.pk, "online", " 劳动合同 ", "试用期")
    assert (booked.seeker, booked.start, booked.status, booked.topic) == (
        request.seeker, booking.start, Booking.Status.CONFIRMED, "劳动合同")
    request = reloaded(request)
    assert (request.status, request.booking) == (Status.BOOKED, booked)
    assert OutboundMessage.objects.filter(dedup_key__startswith=f"booking:{booked.pk}:confirmed").count() == 2
    assert refused("no_offer", services.accept_queue_offer, request.seeker, request.pk, "online", "x").status == 409


def test_declining_passes_the_slot_on_and_with_nobody_left_it_is_open_again(full):
    consultant, booking = full
    first, second = queue_up(consultant, 2)
    services.cancel_by_seeker(booking, booking.seeker)
    assert refused("no_offer", services.decline_queue_offer, second.seeker, second.pk).status == 409
    services.decline_queue_offer(first.seeker, first.pk)
    assert reloaded(first).status == Status.CANCELLED
    assert (reloaded(second).status, second.offered_start) == (Status.OFFERED, booking.start)
    services.leave_queue(second.seeker, consultant.pk)  # leaving with an offer declines it
    assert reloaded(second).status == Status.CANCELLED
    assert booking.start in services.next_open_slots(consultant)


def test_an_offer_that_runs_out_passes_to_the_next_once(full, django_capture_on_commit_callbacks):
    consultant, booking = full
    first, second, third = queue_up(consultant, 3)
    services.cancel_by_seeker(booking, booking.seeker)
    run_out(first)
    assert refused("offer_expired", services.accept_queue_offer, first.seeker, first.pk, "online", "x").status == 409

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.expire_queue_offers.apply().get() == 1
        assert tasks.expire_queue_offers.apply().get() == 0  # the beat runs again: nothing new
    assert reloaded(first).status == Status.EXPIRED
    assert (reloaded(second).status, second.offered_start) == (Status.OFFERED, booking.start)
    assert reloaded(third).status == Status.WAITING
    assert offers_sent_to(second).count() == 1
    run_out(second)
    services.expire_queue_offers()
    run_out(reloaded(third))
    services.expire_queue_offers()
    assert {reloaded(r).status for r in (first, second, third)} == {Status.EXPIRED}
    assert booking.start in services.next_open_slots(consultant)  # nobody left: simply open again


def test_the_window_closes_when_her_notice_begins(full):
    consultant, booking = full
    [request] = queue_up(consultant, 1)
    # Her notice now begins between one and two hours from now: the offer ends then, not in two hours.
    hours_to_start = int((booking.start - timezone.now()).total_seconds() // 3600)
    consultant.min_notice_hours = hours_to_start - 1
    consultant.save()
    services.cancel_by_seeker(booking, booking.seeker)
    request = reloaded(request)
    assert request.offer_expires_at == booking.start - timedelta(hours=hours_to_start - 1)
    assert request.offer_expires_at < request.offered_at + timedelta(hours=2)


def test_nothing_is_offered_for_a_slot_inside_her_notice_period(full):
    consultant, booking = full
    [request] = queue_up(consultant, 1)
    consultant.min_notice_hours = int((booking.start - timezone.now()).total_seconds() // 3600) + 1
    consultant.save()
    services.cancel_by_consultant(booking, "临时出差")
    assert reloaded(request).status == Status.WAITING
    assert not OutboundMessage.objects.filter(template="consultants/messages/queue_offer").exists()


def test_a_slot_that_has_begun_is_not_passed_on(full):
    consultant, booking = full
    first, second = queue_up(consultant, 2)
    services.cancel_by_seeker(booking, booking.seeker)
    # The beat runs late, after the freed slot has begun.
    assert services.expire_queue_offers(now=booking.start + timedelta(hours=1)) == 1
    assert (reloaded(first).status, reloaded(second).status) == (Status.EXPIRED, Status.WAITING)


def test_nothing_is_offered_when_the_portal_cancels_for_a_deactivated_consultant(full):
    consultant, booking = full
    [request] = queue_up(consultant, 1)
    consultant.is_active = False
    consultant.save()
    services.cancel_future_bookings(consultant)
    assert reloaded(booking).status == Booking.Status.CANCELLED
    assert reloaded(request).status == Status.WAITING
    assert not OutboundMessage.objects.filter(template="consultants/messages/queue_offer").exists()


def test_a_moved_booking_offers_the_time_it_left(full):
    consultant, booking = full
    [request] = queue_up(consultant, 1)
    day = (timezone.localdate() + timedelta(days=5))
    AvailabilityOverride.objects.create(consultant=consultant, date=day, kind="extra", start_time=time(14),
                                        end_time=time(15))
    services.reschedule(booking, booking.seeker, local_slot(consultant, 5, 14))
    assert (reloaded(request).status, request.offered_start) == (Status.OFFERED, booking.start)


def test_booking_directly_ends_her_wait(full):
    consultant, booking = full
    [request] = queue_up(consultant, 1)
    AvailabilityOverride.objects.create(consultant=consultant, date=timezone.localdate() + timedelta(days=5),
                                        kind="extra", start_time=time(14), end_time=time(15))
    booked = services.book(request.seeker, consultant.pk, local_slot(consultant, 5, 14), "online", "求职")
    assert (reloaded(request).status, request.booking) == (Status.BOOKED, booked)


def test_queue_first_puts_her_at_the_head_and_gets_the_next_freed_slot(full):
    consultant, booking = full
    first, second = queue_up(consultant, 2)
    missed = UserFactory()  # the consultant could not attend her session
    put_first = services.queue_first(consultant, missed)
    assert put_first.put_first and services.queue_place(put_first) == 1
    assert [services.queue_place(reloaded(r)) for r in (first, second)] == [2, 3]
    moved = services.queue_first(consultant, second.seeker)  # already waiting: moved to the head
    assert moved.pk == second.pk and services.queue_place(reloaded(second)) == 1
    services.cancel_by_seeker(booking, booking.seeker)
    assert reloaded(second).status == Status.OFFERED
    assert services.queue_first(consultant, second.seeker).status == Status.OFFERED  # her offer stays
