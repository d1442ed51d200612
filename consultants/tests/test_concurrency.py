"""One slot, many takers: exactly one booking, on PostgreSQL (where the database
itself refuses overlaps) and through real HTTP on every database. A slot the
queue holds for someone goes to her alone, however many try to take it."""

import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client

from consultants import services
from consultants.models import Booking, QueueRequest
from portal.accounts.tests.factories import UserFactory
from portal.tests.crowd import post_all_at_once, post_each_at_once, tokens_for

from .factories import ConsultantFactory, local_slot, make_booking, one_slot_consultant, queue_up

PARALLEL = 30


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_requests_for_one_slot_make_exactly_one_booking(requires_postgres):
    consultant = ConsultantFactory()
    start = local_slot(consultant, 3, 10)
    seekers = [UserFactory() for _ in range(PARALLEL)]
    body = {"consultant_id": consultant.pk, "start": start.isoformat(), "mode": "online", "topic": "面试焦虑"}
    barrier = threading.Barrier(PARALLEL)
    results = []

    def request(seeker):
        client = Client()
        client.force_login(seeker)
        try:
            barrier.wait()
            response = client.post("/api/v1/bookings", body, content_type="application/json",
                                   REMOTE_ADDR=f"10.0.0.{seeker.pk % 250}")
            results.append((response.status_code, response.json().get("code")))
        finally:
            connection.close()

    threads = [threading.Thread(target=request, args=(seeker,)) for seeker in seekers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [(201, None)] + [(409, "slot_taken")] * (PARALLEL - 1), results
    assert Booking.objects.filter(consultant=consultant).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_overlapping_bookings_of_different_lengths(requires_postgres):
    consultant = ConsultantFactory()
    start = local_slot(consultant, 3, 10)
    make_booking(consultant, start=start)  # 10:00–10:50
    seeker = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(consultant=consultant, seeker=seeker, start=start + timedelta(minutes=40),
                               end=start + timedelta(minutes=160), mode="online", topic="绕过服务")
    # Touching ends do not overlap, cancelled bookings do not count, nor another consultant's.
    Booking.objects.create(consultant=consultant, seeker=seeker, start=start + timedelta(minutes=50),
                           end=start + timedelta(minutes=70), mode="online", topic="紧接着")
    Booking.objects.create(consultant=consultant, seeker=seeker, start=start, end=start + timedelta(minutes=20),
                           mode="online", topic="已取消", status="cancelled")
    make_booking(ConsultantFactory(), start=start)


@pytest.mark.django_db(transaction=True)
def test_thirty_people_booking_one_slot_over_http_make_one_booking(live_server):
    consultant = ConsultantFactory()
    start = local_slot(consultant, 3, 10)
    body = {"consultant_id": consultant.pk, "start": start.isoformat(), "mode": "online", "topic": "面试焦虑"}
    seekers = [UserFactory() for _ in range(PARALLEL)]

    responses = post_all_at_once(live_server.url, "/api/v1/bookings", tokens_for(seekers), body)

    # A 500 answers an HTML page: its start stands in for the code, so that a failure shows it.
    outcomes = sorted((status, out.get("code") if isinstance(out, dict) else out) for status, out in responses)
    assert outcomes == [(201, None)] + [(409, "slot_taken")] * (PARALLEL - 1), outcomes
    booking = Booking.objects.get(consultant=consultant)
    winner = next(seeker for seeker, (status, _) in zip(seekers, responses, strict=True) if status == 201)
    assert (booking.seeker, booking.start) == (winner, start)


def held_slot():
    """A full calendar whose one booking is cancelled: the slot is held for the first in her queue."""
    consultant, start = one_slot_consultant()
    booking = services.book(UserFactory(), consultant.pk, start, "online", "面试焦虑")
    [request] = queue_up(consultant, 1)
    services.cancel_by_seeker(booking, booking.seeker)
    request.refresh_from_db()
    assert request.status == QueueRequest.Status.OFFERED
    return consultant, start, request


def grab_requests(consultant, start, request, others):
    """Her accept (twice, as a double tap would) and everyone else's booking of the held slot."""
    accept = (f"/api/v1/queue-offers/{request.pk}/accept", request.seeker, {"mode": "online", "topic": "劳动合同"})
    book = {"consultant_id": consultant.pk, "start": start.isoformat(), "mode": "online", "topic": "面试焦虑"}
    return [accept, accept] + [("/api/v1/bookings", seeker, book) for seeker in others]


def assert_she_alone_booked_it(consultant, start, request, outcomes):
    theirs, others = outcomes[:2], outcomes[2:]
    assert sorted(theirs) == [(201, None), (409, "no_offer")], theirs
    assert others == [(409, "slot_taken")] * len(others), others
    booking = Booking.objects.get(consultant=consultant, status=Booking.Status.CONFIRMED)
    assert (booking.seeker, booking.start) == (request.seeker, start)
    request.refresh_from_db()
    assert (request.status, request.booking) == (QueueRequest.Status.BOOKED, booking)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_held_slot_goes_to_her_when_others_book_it_at_the_same_moment(requires_postgres):
    consultant, start, request = held_slot()
    calls = grab_requests(consultant, start, request, [UserFactory() for _ in range(PARALLEL - 2)])
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def call(index):
        path, seeker, body = calls[index]
        client = Client()
        client.force_login(seeker)
        try:
            barrier.wait()
            response = client.post(path, body, content_type="application/json")
            outcomes[index] = (response.status_code, response.json().get("code"))
        finally:
            connection.close()

    threads = [threading.Thread(target=call, args=(index,)) for index in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert_she_alone_booked_it(consultant, start, request, outcomes)


@pytest.mark.django_db(transaction=True)
def test_a_held_slot_goes_to_her_when_others_book_it_at_the_same_moment_over_http(live_server):
    consultant, start, request = held_slot()
    calls = grab_requests(consultant, start, request, [UserFactory() for _ in range(PARALLEL - 2)])
    tokens = tokens_for([seeker for _path, seeker, _body in calls])

    responses = post_each_at_once(live_server.url, [(path, token, body) for (path, _seeker, body), token
                                                    in zip(calls, tokens, strict=True)])

    outcomes = [(status, out.get("code") if isinstance(out, dict) else out) for status, out in responses]
    assert_she_alone_booked_it(consultant, start, request, outcomes)
