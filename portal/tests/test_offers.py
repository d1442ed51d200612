"""The one offer logic behind every queue (portal/offers.py), on its own: who is
next, for how long, what passes on when an offer runs out, and that running it
twice does nothing new. The entries here are rows of the consultants' queue,
but nothing in it knows them; the course waitlist runs on it the same way
(courses/tests/test_enrolment.py)."""

from datetime import timedelta

import pytest
from django.db.models import OuterRef
from django.utils import timezone

from consultants.models import QueueRequest
from consultants.tests.factories import ConsultantFactory
from portal import offers
from portal.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WINDOW = timedelta(hours=2)


def line_of(consultant, *ages):
    """One waiting entry per age (how long ago it joined), in the order given."""
    now = timezone.now()
    return [QueueRequest.objects.create(consultant=consultant, seeker=UserFactory(), created_at=now - age)
            for age in ages]


def waiting(consultant):
    return QueueRequest.objects.filter(consultant=consultant, status=QueueRequest.Status.WAITING)


def mark(offered_to):
    def offer(entry, until):
        entry.status, entry.offer_expires_at = QueueRequest.Status.OFFERED, until
        offered_to.append((entry.pk, until))
    return offer


def test_the_first_in_line_are_offered_what_is_free_in_created_at_then_pk_order():
    consultant = ConsultantFactory()
    late, first, tie_a, tie_b = line_of(consultant, timedelta(minutes=1), timedelta(hours=3), timedelta(0),
                                        timedelta(0))
    QueueRequest.objects.filter(pk__in=[tie_a.pk, tie_b.pk]).update(created_at=timezone.now() - timedelta(hours=1))
    now = timezone.now()
    offered_to = []

    entries = offers.offer_next(waiting(consultant), 3, window=WINDOW, now=now, offer=mark(offered_to))

    assert [entry.pk for entry in entries] == [first.pk, tie_a.pk, tie_b.pk]
    assert offered_to == [(first.pk, now + WINDOW), (tie_a.pk, now + WINDOW), (tie_b.pk, now + WINDOW)]
    assert late.pk not in [pk for pk, _until in offered_to]


def test_the_window_ends_at_the_latest_moment_and_nothing_is_offered_once_it_has_passed():
    consultant = ConsultantFactory()
    line_of(consultant, timedelta(hours=1))
    now = timezone.now()
    offered_to = []
    soon = now + timedelta(minutes=30)
    assert len(offers.offer_next(waiting(consultant), 1, window=WINDOW, now=now, latest=soon,
                                 offer=mark(offered_to))) == 1
    assert offered_to[0][1] == soon
    for free, latest in [(0, None), (-1, None), (1, now), (1, now - timedelta(minutes=1))]:
        assert offers.offer_next(waiting(consultant), free, window=WINDOW, now=now, latest=latest,
                                 offer=mark(offered_to)) == []
    assert len(offered_to) == 1


def test_run_out_offers_pass_on_under_each_owners_lock_once():
    now = timezone.now()
    one, two, quiet = ConsultantFactory(), ConsultantFactory(), ConsultantFactory()
    ran_out = [*line_of(one, timedelta(hours=2), timedelta(hours=1)), *line_of(two, timedelta(hours=1))]
    still_open = line_of(two, timedelta(minutes=5))[0]
    for hour, entry in enumerate(ran_out, start=1):
        QueueRequest.objects.filter(pk=entry.pk).update(
            status="offered", offered_start=now + timedelta(hours=hour), offered_end=now + timedelta(hours=hour + 1),
            offer_expires_at=now - timedelta(seconds=1))
    QueueRequest.objects.filter(pk=still_open.pk).update(status="offered", offered_start=now + timedelta(hours=5),
                                                         offered_end=now + timedelta(hours=6),
                                                         offer_expires_at=now + timedelta(minutes=30))
    visits = []

    def pass_on(owner, entries):
        visits.append((owner, [entry.pk for entry in entries]))
        QueueRequest.objects.filter(pk__in=[entry.pk for entry in entries]).update(status="expired")

    def run():
        return offers.expire(QueueRequest.objects.filter(status="offered"), now, owner="consultant",
                             lock=lambda pk: f"locked {pk}", pass_on=pass_on, also=[quiet.pk])

    assert run() == 3
    assert visits == [(f"locked {one.pk}", [ran_out[0].pk, ran_out[1].pk]), (f"locked {two.pk}", [ran_out[2].pk]),
                      (f"locked {quiet.pk}", [])]
    visits.clear()
    assert run() == 0  # the beat runs again: nothing has run out since
    assert [entries for _owner, entries in visits] == [[]]
    assert QueueRequest.objects.get(pk=still_open.pk).status == "offered"


def test_people_ahead_counts_the_line_in_the_same_order():
    consultant = ConsultantFactory()
    entries = line_of(consultant, timedelta(hours=3), timedelta(hours=2), timedelta(hours=1))
    QueueRequest.objects.filter(pk=entries[2].pk).update(created_at=entries[1].created_at)  # a tie: the pk decides
    QueueRequest.objects.filter(pk=entries[0].pk).update(status="offered", offered_start=timezone.now(),
                                                         offered_end=timezone.now() + WINDOW,
                                                         offer_expires_at=timezone.now() + WINDOW)
    line = QueueRequest.objects.filter(consultant=OuterRef("consultant"), status="waiting")
    annotated = waiting(consultant).annotate(ahead=offers.people_ahead(line, "consultant")).order_by("pk")
    assert [entry.ahead for entry in annotated] == [0, 1]
