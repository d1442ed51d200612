"""One slot, many takers: exactly one booking, on PostgreSQL (where the database
itself refuses overlaps) and through real HTTP on every database."""

import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client

from consultants.models import Booking
from portal.accounts.tests.factories import UserFactory
from portal.tests.crowd import post_all_at_once, tokens_for

from .factories import ConsultantFactory, local_slot, make_booking

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
