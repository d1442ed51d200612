"""Capacity under concurrent requests, on PostgreSQL with real transactions on
separate connections (SQLite serialises writers by itself)."""

import threading

import pytest
from django.db import connection
from django.test import Client

from portal.accounts.tests.factories import UserFactory

from ..models import Enrolment, EnrolmentStatus

PARALLEL = 24
SEATS = 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_enrolments_never_exceed_capacity(requires_postgres, make_course):
    session = make_course(capacity=SEATS).sessions.get()
    clients = []
    for _ in range(PARALLEL):
        client = Client()
        client.force_login(UserFactory())
        clients.append(client)
    barrier = threading.Barrier(PARALLEL)
    responses = [None] * PARALLEL

    def enrol(index):
        try:
            barrier.wait()
            responses[index] = clients[index].post(f"/api/v1/sessions/{session.pk}/enrolments")
        finally:
            connection.close()

    threads = [threading.Thread(target=enrol, args=(i,)) for i in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [r.status_code for r in responses] == [201] * PARALLEL
    statuses = [r.json()["status"] for r in responses]
    assert statuses.count("enrolled") == SEATS
    assert statuses.count("waitlisted") == PARALLEL - SEATS
    assert Enrolment.objects.filter(session=session, status=EnrolmentStatus.ENROLLED).count() == SEATS
    # The waitlist has one consistent order: positions 1..n, in the order the rows were written.
    positions = {r.json()["id"]: r.json()["waitlist_position"] for r in responses if r.json()["status"] == "waitlisted"}
    waiting = list(
        Enrolment.objects.filter(session=session, status=EnrolmentStatus.WAITLISTED).order_by("created_at", "pk")
    )
    assert [positions[e.pk] for e in waiting] == list(range(1, PARALLEL - SEATS + 1))
    assert [e.pk for e in waiting] == sorted(e.pk for e in waiting)
    assert max(e.created_at for e in Enrolment.objects.filter(status=EnrolmentStatus.ENROLLED)) <= waiting[0].created_at
