"""The database check after a load run (portal/invariants.py, `manage.py
check_invariants`): it passes clean data and names each kind of breakage."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from consultants.models import Booking
from consultants.tests.factories import ConsultantFactory, local_slot, make_booking
from courses.models import CourseCategory, CourseIndexPage, CoursePage, CourseSession, Enrolment, EnrolmentStatus
from portal import invariants
from portal.accounts.tests.factories import UserFactory
from portal.notifications.models import OutboundMessage


@pytest.fixture
def session(home_page):
    catalog = home_page.add_child(instance=CourseIndexPage(title="课程培训", slug="courses"))
    category = CourseCategory.objects.create(name="面试技巧", name_en="Interview skills", slug="interview")
    course = catalog.add_child(instance=CoursePage(title="面试技巧实战", slug="interview", summary="模拟面试。",
                                                   category=category))
    starts = timezone.now() + timedelta(days=7)
    return CourseSession.objects.create(course=course, starts_at=starts, ends_at=starts + timedelta(hours=2),
                                        capacity=2)


def message(**fields):
    return OutboundMessage.objects.create(**{"to": ["xiaomei@example.com"], "subject": "报名成功", "body": "你好",
                                             "status": OutboundMessage.Status.SENT, **fields})


def findings():
    return {name: found for name, found in invariants.run_checks().items() if found}


def test_clean_data_passes(session):
    consultant = ConsultantFactory()
    make_booking(consultant, start=local_slot(consultant, 3, 10))
    make_booking(consultant, start=local_slot(consultant, 3, 11))  # 10:00–10:50, then 11:00: no overlap
    for user in UserFactory.create_batch(2):
        Enrolment.objects.create(session=session, user=user, status=EnrolmentStatus.ENROLLED)
    Enrolment.objects.create(session=session, user=UserFactory(), status=EnrolmentStatus.WAITLISTED)
    message()
    message(subject="报名成功", to=["other@example.com"])
    message(status=OutboundMessage.Status.FAILED, last_error="SMTP 550 mailbox unavailable", subject="提醒")

    assert findings() == {}
    call_command("check_invariants")


def test_overlapping_bookings_are_found_or_refused_by_the_database(db):
    consultant = ConsultantFactory()
    first = make_booking(consultant, start=local_slot(consultant, 3, 10))
    overlap = dict(start=local_slot(consultant, 3, 10, 30))
    if connection.vendor == "postgresql":
        # The exclusion constraint refuses it before any check could see it.
        with pytest.raises(IntegrityError), transaction.atomic():
            make_booking(consultant, **overlap)
        return
    make_booking(consultant, **overlap)
    [found] = invariants.overlapping_bookings()
    assert f"booking {first.pk} of consultant {consultant.pk}" in found


def test_a_cancelled_booking_does_not_overlap(db):
    consultant = ConsultantFactory()
    make_booking(consultant, start=local_slot(consultant, 3, 10), status=Booking.Status.CANCELLED)
    make_booking(consultant, start=local_slot(consultant, 3, 10))
    assert invariants.overlapping_bookings() == []


def test_a_session_over_capacity_is_found(session):
    for status in (EnrolmentStatus.ENROLLED, EnrolmentStatus.ATTENDED, EnrolmentStatus.OFFERED):
        Enrolment.objects.create(session=session, user=UserFactory(), status=status)
    assert invariants.sessions_over_capacity() == [f"session {session.pk} holds 3 seats of 2"]
    with pytest.raises(CommandError, match="1 invariant"):
        call_command("check_invariants")


def test_an_identical_message_twice_is_found(db):
    message()
    message()
    [found] = invariants.duplicated_messages()
    assert found.startswith("2 identical email messages to xiaomei@example.com")


@pytest.mark.parametrize("status", [OutboundMessage.Status.PENDING, OutboundMessage.Status.SENDING,
                                    OutboundMessage.Status.UNCERTAIN])
def test_a_message_stuck_without_a_reason_is_found(db, status):
    stuck = message(status=status)
    message(status=OutboundMessage.Status.PENDING, last_error="provider timeout", subject="稍后重试")
    [found] = invariants.unexplained_messages()
    assert found.startswith(f"outbox row {stuck.pk} ") and f"is {status} without a reason" in found


def test_the_command_waits_for_the_worker_only_as_long_as_told(db):
    message(status=OutboundMessage.Status.PENDING)
    started = timezone.now()
    with pytest.raises(CommandError):
        call_command("check_invariants", wait=0.5)
    assert timezone.now() - started < timedelta(seconds=5)
