"""What must hold in the database whatever the traffic was: checked after a load
run (`manage.py check_invariants`, scripts/load.sh), where many people booked,
enrolled and applied at the same moment.

Each check returns a list of plain-language findings; an empty list is a pass.
They read the tables directly rather than trusting the constraints that should
make a violation impossible: on SQLite the booking exclusion constraint does not
exist, and a constraint dropped by a migration would go unnoticed otherwise.
"""

from django.db.models import Count, Exists, F, OuterRef, Q

from consultants.models import Booking
from courses.models import ACTIVE_STATUSES, SEAT_STATUSES, CourseSession, Enrolment
from jobs.models import Application
from portal.notifications.models import OutboundMessage


def overlapping_bookings():
    """Two bookings of one consultant that overlap in time, both still occupying
    her calendar (every status but cancelled does, see Booking)."""
    occupying = Booking.objects.exclude(status=Booking.Status.CANCELLED)
    clash = occupying.filter(consultant=OuterRef("consultant"), start__lt=OuterRef("end"),
                             end__gt=OuterRef("start"), pk__gt=OuterRef("pk"))
    found = occupying.filter(Exists(clash)).select_related("consultant")
    return [f"booking {b.pk} of consultant {b.consultant_id} ({b.start:%Y-%m-%d %H:%M}–{b.end:%H:%M} UTC) "
            f"overlaps a later booking of hers" for b in found]


def sessions_over_capacity():
    """A course session holding more seats (enrolled, attended, offered…) than it has."""
    found = (CourseSession.objects
             .annotate(seats=Count("enrolments", filter=Q(enrolments__status__in=SEAT_STATUSES)))
             .filter(seats__gt=F("capacity")))
    return [f"session {s.pk} holds {s.seats} seats of {s.capacity}" for s in found]


def duplicated_enrolments():
    """One person twice in one session (enrolled or waiting)."""
    found = (Enrolment.objects.filter(status__in=ACTIVE_STATUSES).values("session", "user")
             .annotate(n=Count("pk")).filter(n__gt=1))
    return [f"user {row['user']} holds {row['n']} live enrolments in session {row['session']}" for row in found]


def duplicated_applications():
    found = Application.objects.values("seeker", "job").annotate(n=Count("pk")).filter(n__gt=1)
    return [f"user {row['seeker']} applied {row['n']} times to job {row['job']}" for row in found]


def duplicated_messages():
    """The same message to the same recipient twice: one event queued twice. (A
    sign-in code differs every time, so two codes are two messages.)"""
    found = (OutboundMessage.objects.values("channel", "to", "subject", "body")
             .annotate(n=Count("pk")).filter(n__gt=1))
    return [f"{row['n']} identical {row['channel']} messages to {', '.join(row['to'])}: "
            f"{(row['subject'] or row['body'])[:60]!r}" for row in found]


def unexplained_messages():
    """Every outbox row is sent, or pending or failed with the reason in last_error.
    A pending row without a reason is a message nobody is going to send; sending or
    uncertain ones are stuck in a sender's hands."""
    explained = Q(status=OutboundMessage.Status.SENT) | (
        Q(status__in=[OutboundMessage.Status.PENDING, OutboundMessage.Status.FAILED]) & ~Q(last_error=""))
    found = OutboundMessage.objects.exclude(explained)
    return [f"outbox row {m.pk} ({m.channel} to {', '.join(m.to)}, {m.template or m.subject[:40]!r}) is "
            f"{m.status} without a reason" for m in found]


CHECKS = {
    "no overlapping bookings for a consultant": overlapping_bookings,
    "no course session over capacity": sessions_over_capacity,
    "no person twice in one session": duplicated_enrolments,
    "no application duplicated": duplicated_applications,
    "no message duplicated": duplicated_messages,
    "every outbox row sent, or pending or failed with a reason": unexplained_messages,
}


def run_checks():
    """{check's name: its findings}, every check run."""
    return {name: check() for name, check in CHECKS.items()}


def unsent_without_reason_count():
    """Rows the worker still has to send: what a caller waits on before checking."""
    return OutboundMessage.objects.filter(
        status__in=[OutboundMessage.Status.PENDING, OutboundMessage.Status.SENDING], last_error="").count()
