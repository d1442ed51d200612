"""The stored open slots (consultants/slot_summary.py) answer exactly what the
slot computation does: for consultants with varied rules, overrides (blocked
days, blocked hours, extra hours), bookings, queue holds, notice and time
zones, the directory's "open this week" filter from the database lists the
same people, and each one's stored slots are her computed slots."""

import random
from datetime import time, timedelta

import pytest
from django.db.models import Q
from django.utils import timezone

from consultants import availability, services, slot_summary
from consultants.choices import TIME_ZONES
from consultants.models import AvailabilityOverride, AvailabilityRule, Booking, Consultant, OpenSlot, SlotSummary
from portal.accounts.tests.factories import UserFactory

from .factories import ConsultantFactory, local_slot, make_booking, one_slot_consultant

pytestmark = pytest.mark.django_db

ZONES = [code for code, _label in TIME_ZONES]


def varied_consultants(count, seed=17):
    """Consultants whose weeks differ in every way the computation looks at."""
    rng = random.Random(seed)
    today = timezone.localdate()
    seekers = [UserFactory() for _ in range(3)]
    made = []
    for n in range(count):
        consultant = ConsultantFactory(
            hours=[], time_zone=ZONES[n % len(ZONES)], session_minutes=rng.choice([30, 45, 50, 60, 90]),
            buffer_minutes=rng.choice([0, 10, 15]), min_notice_hours=rng.choice([0, 2, 12, 48, 150]),
            max_per_day=rng.choice([1, 2, 6]))
        for weekday in rng.sample(range(7), rng.randrange(0, 4)):
            start = rng.randrange(7, 20)
            valid_from = today + timedelta(days=rng.randrange(-3, 5)) if rng.random() < 0.3 else None
            valid_to = today + timedelta(days=rng.randrange(1, 9)) if rng.random() < 0.3 else None
            AvailabilityRule.objects.create(consultant=consultant, weekday=weekday, start_time=time(start),
                                            end_time=time(min(23, start + rng.randrange(1, 5))),
                                            valid_from=valid_from, valid_to=valid_to)
        for _ in range(rng.randrange(0, 4)):
            day = today + timedelta(days=rng.randrange(0, 9))
            kind = rng.choice(["whole", "hours", "extra"])
            if kind == "whole":  # closes the day
                AvailabilityOverride.objects.create(consultant=consultant, date=day)
            else:
                start = rng.randrange(6, 21)
                AvailabilityOverride.objects.create(
                    consultant=consultant, date=day, start_time=time(start), end_time=time(start + 2),
                    kind=AvailabilityOverride.Kind.BLOCK if kind == "hours" else AvailabilityOverride.Kind.EXTRA)
        slots = availability.open_slots(consultant, timezone.now(), timezone.now() + timedelta(days=9))
        for start in rng.sample(slots, min(len(slots), rng.randrange(0, 4))):
            status = rng.choice([Booking.Status.CONFIRMED, Booking.Status.PENDING, Booking.Status.CANCELLED])
            try:
                make_booking(consultant, seeker=rng.choice(seekers), start=start, status=status)
            except Exception:  # a slot next to one just booked can clash: skip it, as the site would refuse it
                continue
        made.append(consultant)
    return made


def old_filter(start, end, now):
    """What the directory answered before: every consultant's slots computed in Python."""
    return [c.pk for c in services.with_slots(Consultant.objects.active(), start, end, now) if c.open_slots]


def stored_filter(start, end, now):
    known, not_covered = slot_summary.open_slot_conditions(start, end, now)
    assert not Consultant.objects.active().filter(not_covered).exists()
    return list(Consultant.objects.active().filter(known).values_list("pk", flat=True))


def test_the_stored_slots_answer_what_the_computation_does():
    consultants = varied_consultants(40)
    # Some with nothing this week: no hours, and the only working day closed by an override.
    ConsultantFactory(hours=[])
    closed, start = one_slot_consultant(days=2)
    AvailabilityOverride.objects.create(consultant=closed, date=start.astimezone(availability.zone_of(closed)).date())
    now = timezone.now()
    for consultant in Consultant.objects.all():
        slot_summary.refresh(consultant.pk, now)

    ranges = [(now, now + timedelta(days=7), now),  # the directory's week, asked at once
              (now + timedelta(hours=5), now + timedelta(days=7, hours=5), now + timedelta(hours=5)),  # later
              (now + timedelta(days=2), now + timedelta(days=3), now + timedelta(hours=1)),  # one day ahead
              (now + timedelta(days=7), now + timedelta(days=8), now)]
    answers = set()
    for start, end, asked_at in ranges:
        expected = old_filter(start, end, asked_at)
        assert stored_filter(start, end, asked_at) == expected
        answers.add(len(expected))
        for consultant in consultants:
            stored = list(OpenSlot.objects.filter(consultant=consultant, start__gte=start, start__lt=end,
                                                  bookable_until__gte=asked_at).order_by("start")
                          .values_list("start", flat=True))
            assert stored == availability.open_slots(consultant, start, end, now=asked_at), consultant.time_zone
    # The data is varied enough that the filter excludes some and keeps some.
    total = Consultant.objects.count()
    assert all(0 < count < total for count in answers), answers
    assert closed.pk not in old_filter(now, now + timedelta(days=7), now)


def test_the_directory_reads_the_stored_slots_and_computes_only_those_not_stored(django_assert_max_num_queries):
    varied_consultants(15, seed=3)
    now = timezone.now()
    start, end = services.week_range(now)
    expected = old_filter(start, end, now)
    # Nothing stored yet (bulk-loaded data, before the beat's first run): all computed in Python.
    assert [c.pk for c in services.directory(open_from=start, open_to=end)] == expected
    stored = Consultant.objects.all()[:10]
    for consultant in stored:
        slot_summary.refresh(consultant.pk)
    assert [c.pk for c in services.directory(open_from=start, open_to=end)] == expected
    slot_summary.refresh_due()
    assert SlotSummary.objects.count() == Consultant.objects.count()
    # All stored: three queries (the filter, the list, its specialties), none per consultant.
    start, end = services.week_range()
    expected = old_filter(start, end, timezone.now())
    with django_assert_max_num_queries(3):
        assert [c.pk for c in services.directory(open_from=start, open_to=end)] == expected


def test_each_change_forgets_the_stored_slots_at_once_and_stores_them_again_after_commit(
        django_capture_on_commit_callbacks):
    consultant, start = one_slot_consultant()
    slot_summary.refresh(consultant.pk)

    def listed():
        start, end = services.week_range()
        return consultant.pk in [c.pk for c in services.directory(open_from=start, open_to=end)]

    def stored():
        return stored_filter(*services.week_range(), timezone.now())

    assert listed() and stored() == [consultant.pk]

    # Booking her only slot: forgotten inside the transaction, stored again after commit, no longer listed.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        booking = services.book(UserFactory(), consultant.pk, start, "online", "面试焦虑")
    assert not SlotSummary.objects.filter(consultant=consultant).exists()
    assert not listed()  # computed in Python meanwhile, already right
    for callback in callbacks:
        callback()
    assert SlotSummary.objects.filter(consultant=consultant).exists()
    assert not listed() and stored() == []

    # Cancelling frees it again.
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_by_seeker(booking, booking.seeker)
    assert SlotSummary.objects.filter(consultant=consultant).exists()
    assert listed()

    # Her notice grows past the slot: a settings change.
    with django_capture_on_commit_callbacks(execute=True):
        consultant.min_notice_hours = 24 * 5
        consultant.save()
    assert not listed()
    consultant.min_notice_hours = 12
    with django_capture_on_commit_callbacks(execute=True):
        consultant.save()
    assert listed()

    # An override closing that day.
    with django_capture_on_commit_callbacks(execute=True):
        override = AvailabilityOverride.objects.create(
            consultant=consultant, date=start.astimezone(availability.zone_of(consultant)).date())
    assert not listed() and SlotSummary.objects.filter(consultant=consultant).exists()
    with django_capture_on_commit_callbacks(execute=True):
        override.delete()
    assert listed()

    # Extra hours on a day she had none.
    other = ConsultantFactory(hours=[])
    with django_capture_on_commit_callbacks(execute=True):
        AvailabilityOverride.objects.create(consultant=other, date=local_slot(other, 4, 9).date(),
                                            start_time=time(9), end_time=time(12),
                                            kind=AvailabilityOverride.Kind.EXTRA)
    assert other.pk in stored()


def test_a_booking_made_elsewhere_is_seen_before_the_stored_slots_come_back():
    """Without its after-commit refresh (a crash), the stored slots are gone, not stale."""
    consultant, start = one_slot_consultant()
    slot_summary.refresh(consultant.pk)
    make_booking(consultant, start=start)  # on_commit callbacks never run inside this test's transaction
    week = services.week_range()
    assert consultant.pk not in [c.pk for c in services.directory(open_from=week[0], open_to=week[1])]
    assert not Consultant.objects.filter(Q(pk=consultant.pk), slot_summary.open_slot_conditions(
        week[0], week[1], timezone.now())[0]).exists()
