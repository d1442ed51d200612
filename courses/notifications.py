"""Messages about enrolments. Each is written to the outbox inside the transaction
that causes it (sent by Celery after commit) under a dedup key naming the event,
so running a task twice never sends it twice."""

from portal.notifications.kinds import Kind
from portal.notifications.links import SiteLink
from portal.notifications.services import local_time, send

from .calendar import enrolment_event

KINDS = {"confirmation": Kind.CONFIRMATION, "cancellation": Kind.CONFIRMATION, "offer": Kind.OFFER,
         "reminder": Kind.REMINDER}


def _send(enrolment, event, with_calendar=False):
    session = enrolment.session
    dashboard = SiteLink("dashboard")
    context = {
        "enrolment": enrolment,
        "session": session,
        "course": session.course,
        "course_url": SiteLink(session.course.url or "/courses/"),
        "dashboard_url": dashboard,
    }
    # What a provider's approved SMS template for this message is filled with.
    sms = {"course": session.course.title, "time": local_time(session.starts_at)}
    if event == "offer":
        sms["deadline"] = local_time(enrolment.offer_expires_at)
    return send(
        enrolment.user, f"courses/messages/{event}", context, kind=KINDS[event], sms=sms, link=dashboard,
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
