"""Messages about enrolments. Each is written to the outbox inside the transaction
that causes it (sent by Celery after commit) under a dedup key naming the event,
so running a task twice never sends it twice."""

from portal.notifications.links import SiteLink
from portal.notifications.services import send

from .calendar import enrolment_event


def _send(enrolment, event, with_calendar=False):
    session = enrolment.session
    context = {
        "enrolment": enrolment,
        "session": session,
        "course": session.course,
        "course_url": SiteLink(session.course.url or "/courses/"),
        "dashboard_url": SiteLink("dashboard"),
    }
    return send(
        enrolment.user, f"courses/email/{event}", context,
        dedup_key=f"enrolment:{enrolment.pk}:{event}:{enrolment.sequence}",
        calendar=(lambda: enrolment_event(enrolment)) if with_calendar else None,
    )


def confirmation(enrolment):
    return _send(enrolment, "confirmation", with_calendar=True)


def offer(enrolment):
    return _send(enrolment, "offer")


def cancellation(enrolment, had_seat):
    # She has the event in her calendar only if she held a seat: then it is removed.
    return _send(enrolment, "cancellation", with_calendar=had_seat)


def reminder(enrolment):
    return _send(enrolment, "reminder", with_calendar=True)
