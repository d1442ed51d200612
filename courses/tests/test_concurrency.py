"""Capacity under concurrent requests: through the test client on PostgreSQL,
and through real HTTP on a live server on every database (on SQLite, writers
must queue for the database's one write lock instead of failing)."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from portal.accounts.tests.factories import UserFactory
from portal.notifications.models import OutboundMessage
from portal.notifications.tasks import flush_outbox
from portal.tests.crowd import post_all_at_once, tokens_for

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


CROWD = 20


@pytest.mark.django_db(transaction=True)
def test_a_crowd_enrolling_over_http_fills_the_seats_and_queues_the_rest(live_server, make_course):
    session = make_course(capacity=SEATS).sessions.get()
    users = [UserFactory() for _ in range(CROWD)]

    responses = post_all_at_once(live_server.url, f"/api/v1/sessions/{session.pk}/enrolments", tokens_for(users))

    assert [status for status, _ in responses] == [201] * CROWD, responses
    bodies = [body for _, body in responses]
    assert sorted(body["status"] for body in bodies) == ["enrolled"] * SEATS + ["waitlisted"] * (CROWD - SEATS)
    assert sorted(body["waitlist_position"] for body in bodies if body["status"] == "waitlisted") == list(
        range(1, CROWD - SEATS + 1))
    rows = Enrolment.objects.filter(session=session)
    assert rows.count() == CROWD and rows.values("user").distinct().count() == CROWD
    assert rows.filter(status=EnrolmentStatus.ENROLLED).count() == SEATS
    # The confirmations were sent after each commit, none left behind by a locked database.
    enrolled = {user.email for user, body in zip(users, bodies, strict=True) if body["status"] == "enrolled"}
    assert sorted(message.to[0] for message in mail.outbox) == sorted(enrolled)
    assert not OutboundMessage.objects.exclude(status=OutboundMessage.Status.SENT).exists()
    # And the scheduled flush afterwards finds nothing to send again.
    flush_outbox(older_than_seconds=0)
    assert len(mail.outbox) == len(enrolled)
