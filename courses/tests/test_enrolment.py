"""The rules of enrolment (services.py): capacity, waitlist, offers, cancellation, emails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from icalendar import Calendar

from portal.errors import NotFound, ServiceError
from portal.notifications.models import OutboundMessage

from .. import services, tasks
from ..models import Enrolment, EnrolmentStatus
from .conftest import make_session


def emails_with(key_part):
    return OutboundMessage.objects.filter(dedup_key__contains=key_part)


def test_enrol_confirms_and_sends_ics_after_commit(session, user, django_capture_on_commit_callbacks):
    session.online_url = "https://meeting.example.cn/j/42"
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = services.enrol(user, session.pk)
    assert enrolment.status == EnrolmentStatus.ENROLLED
    [message] = mail.outbox
    assert message.to == [user.email]
    assert "面试技巧实战" in message.subject
    filename, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar" and filename.endswith(".ics")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == session.starts_at.replace(microsecond=0)
    assert str(event["location"]) == "https://meeting.example.cn/j/42"  # she is enrolled: the link is hers


def test_full_session_puts_people_on_the_waitlist_in_order(session, make_user):
    first, second, third, fourth = (make_user() for _ in range(4))
    assert services.enrol(first, session.pk).status == EnrolmentStatus.ENROLLED
    assert services.enrol(second, session.pk).status == EnrolmentStatus.ENROLLED
    waiting = [services.enrol(third, session.pk), services.enrol(fourth, session.pk)]
    assert [e.status for e in waiting] == [EnrolmentStatus.WAITLISTED] * 2
    assert [services.position_of(e) for e in waiting] == [1, 2]
    assert not emails_with(":confirmation").filter(to=[third.email]).exists()


@pytest.mark.parametrize("case", ["past", "deadline", "unknown", "unpublished"])
def test_enrolling_in_a_closed_or_unknown_session_is_refused(case, session, user):
    expected_status = 409
    session_id = session.pk
    if case == "past":
        session.starts_at = timezone.now() - timedelta(hours=3)
        session.ends_at = timezone.now() - timedelta(hours=1)
        session.save()
    elif case == "deadline":
        session.enrolment_deadline = timezone.now() - timedelta(minutes=1)
        session.save()
    elif case == "unknown":
        session_id, expected_status = session.pk + 999, 404
    else:
        session.course.unpublish()
        expected_status = 404
    with pytest.raises(ServiceError) as refused:
        services.enrol(user, session_id)
    assert refused.value.status == expected_status
    assert not Enrolment.objects.exists()
    assert not OutboundMessage.objects.exists()


def test_enrolling_twice_is_a_conflict_and_changes_nothing(session, user):
    services.enrol(user, session.pk)
    with pytest.raises(ServiceError) as refused:
        services.enrol(user, session.pk)
    assert (refused.value.status, refused.value.code) == (409, "already_enrolled")
    assert Enrolment.objects.count() == 1


def test_database_allows_one_active_enrolment_per_person_and_session(session, user):
    Enrolment.objects.create(session=session, user=user, status=EnrolmentStatus.CANCELLED)
    Enrolment.objects.create(session=session, user=user, status=EnrolmentStatus.ENROLLED)  # cancelled ones don't count
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(session=session, user=user, status=EnrolmentStatus.WAITLISTED)


def test_cancelled_seat_is_offered_to_the_first_on_the_waitlist(session, make_user, settings):
    settings.COURSES_OFFER_WINDOW_HOURS = 6
    a, b, c, d = (make_user() for _ in range(4))
    mine = services.enrol(a, session.pk)
    services.enrol(b, session.pk)
    first_waiting, second_waiting = services.enrol(c, session.pk), services.enrol(d, session.pk)

    services.cancel(a, mine.pk)

    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == EnrolmentStatus.OFFERED
    assert first_waiting.offer_expires_at - first_waiting.offered_at == timedelta(hours=6)
    assert services.position_of(second_waiting) == 1
    assert emails_with(f"enrolment:{first_waiting.pk}:offer").count() == 1
    assert emails_with(f"enrolment:{mine.pk}:cancellation").count() == 1
    # Someone new joins behind the queue even though a seat is (being offered) free.
    assert services.enrol(make_user(), session.pk).status == EnrolmentStatus.WAITLISTED

    accepted = services.accept_offer(c, first_waiting.pk)
    assert accepted.status == EnrolmentStatus.ENROLLED
    assert emails_with(f"enrolment:{first_waiting.pk}:confirmation").count() == 1


def test_cancelling_someone_elses_enrolment_is_not_found(session, user, make_user):
    enrolment = services.enrol(user, session.pk)
    with pytest.raises(NotFound):
        services.cancel(make_user(), enrolment.pk)
    with pytest.raises(NotFound):
        services.accept_offer(make_user(), enrolment.pk)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED


def test_cancelling_after_the_start_or_twice_is_a_conflict(session, user):
    enrolment = services.enrol(user, session.pk)
    services.cancel(user, enrolment.pk)
    with pytest.raises(ServiceError) as refused:
        services.cancel(user, enrolment.pk)
    assert refused.value.code == "already_cancelled"

    other = make_session(session.course, capacity=3)
    enrolment = services.enrol(user, other.pk)
    other.starts_at = timezone.now() - timedelta(minutes=5)
    other.save()
    with pytest.raises(ServiceError) as refused:
        services.cancel(user, enrolment.pk)
    assert refused.value.code == "too_late"
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED


def _offer_then_expire(session, make_user):
    """One seat, taken; two people waiting; the seat frees up and is offered to the first."""
    holder, first, second = make_user(), make_user(), make_user()
    session.capacity = 1
    session.save()
    taken = services.enrol(holder, session.pk)
    offered, waiting = services.enrol(first, session.pk), services.enrol(second, session.pk)
    services.cancel(holder, taken.pk)
    offered.refresh_from_db()
    assert offered.status == EnrolmentStatus.OFFERED
    Enrolment.objects.filter(pk=offered.pk).update(offer_expires_at=timezone.now() - timedelta(seconds=1))
    return first, offered, waiting


def test_accepting_an_expired_offer_is_refused_and_changes_nothing(session, make_user):
    first, offered, _ = _offer_then_expire(session, make_user)
    with pytest.raises(ServiceError) as refused:
        services.accept_offer(first, offered.pk)
    assert (refused.value.status, refused.value.code) == (409, "offer_expired")
    offered.refresh_from_db()
    assert offered.status == EnrolmentStatus.OFFERED


def test_expired_offer_passes_to_the_next_person_once(session, make_user, django_capture_on_commit_callbacks):
    _, offered, waiting = _offer_then_expire(session, make_user)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.expire_waitlist_offers.apply().get() == 1
        assert tasks.expire_waitlist_offers.apply().get() == 0  # the beat runs again: nothing new
    offered.refresh_from_db()
    waiting.refresh_from_db()
    assert offered.status == EnrolmentStatus.CANCELLED
    assert waiting.status == EnrolmentStatus.OFFERED
    assert emails_with(f"enrolment:{waiting.pk}:offer").count() == 1
    assert [m.to for m in mail.outbox].count([waiting.user.email]) == 1


def test_raised_capacity_is_offered_to_the_waitlist_by_the_beat_task(session, make_user):
    people = [services.enrol(make_user(), session.pk) for _ in range(3)]
    session.capacity = 3
    session.save()
    tasks.expire_waitlist_offers.apply()
    people[2].refresh_from_db()
    assert people[2].status == EnrolmentStatus.OFFERED


def test_reminder_is_sent_once_within_24_hours(make_course, user, django_capture_on_commit_callbacks):
    soon = make_course(starts_in=timedelta(hours=20)).sessions.get()
    later = make_course(starts_in=timedelta(days=3)).sessions.get()
    reminded = services.enrol(user, soon.pk)
    services.enrol(user, later.pk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_session_reminders.apply().get() == 1
        assert tasks.send_session_reminders.apply().get() == 0
    assert emails_with(":reminder").count() == 1
    assert emails_with(f"enrolment:{reminded.pk}:reminder").exists()
    assert len(mail.outbox) == 1


def test_email_is_written_in_her_language(session, user):
    user.language = "en"
    user.save(update_fields=["language"])
    services.enrol(user, session.pk)
    email = OutboundMessage.objects.get()
    assert email.subject.startswith("You are enrolled")


def test_her_calendar_event_keeps_its_uid_and_is_cancelled_with_her_enrolment(session, user,
                                                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = services.enrol(user, session.pk)
        services.cancel(user, enrolment.pk)
    confirmation, cancellation = (Calendar.from_ical(message.attachments[0][1]) for message in mail.outbox)
    booked, cancelled = (calendar.walk("VEVENT")[0] for calendar in (confirmation, cancellation))
    assert str(booked["uid"]) == str(cancelled["uid"]) == f"enrolment-{enrolment.pk}@testserver"
    assert cancelled.decoded("sequence") > booked.decoded("sequence")
    assert (str(confirmation["method"]), str(cancellation["method"])) == ("REQUEST", "CANCEL")
    assert booked.decoded("dtstamp") != booked.decoded("dtstart")


def test_leaving_the_waitlist_sends_no_calendar_file(session, make_user):
    for _ in range(2):
        services.enrol(make_user(), session.pk)
    waiting = services.enrol(make_user(), session.pk)
    mail.outbox.clear()
    services.cancel(waiting.user, waiting.pk)
    assert OutboundMessage.objects.get(template="courses/messages/cancellation").attachments == []
