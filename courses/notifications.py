"""Emails about enrolments. Each is written to the outbox inside the transaction
that causes it (sent by Celery after commit) under a dedup key naming the event,
so running a task twice never sends it twice."""

from django.template.loader import render_to_string
from django.utils import translation

from portal.notifications.services import queue_email

from .calendar import ics_filename, session_ics, site_url


def _send(enrolment, event, attach_ics=False):
    session = enrolment.session
    context = {
        "enrolment": enrolment,
        "session": session,
        "course": session.course,
        "name": enrolment.user.get_short_name(),
        "course_url": site_url(session.course.url or "/courses/"),
        "dashboard_url": site_url("/me/"),
    }
    with translation.override(enrolment.language or "zh-hans"):
        subject = render_to_string(f"courses/email/{event}_subject.txt", context).strip()
        body = render_to_string(f"courses/email/{event}.txt", context)
    attachments = []
    if attach_ics:
        attachments.append((ics_filename(session), session_ics(session, with_online_link=True), "text/calendar"))
    return queue_email(
        to=[enrolment.user.email], subject=subject, body=body, attachments=attachments,
        dedup_key=f"enrolment:{enrolment.pk}:{event}",
    )


def confirmation(enrolment):
    return _send(enrolment, "confirmation", attach_ics=True)


def offer(enrolment):
    return _send(enrolment, "offer")


def cancellation(enrolment):
    return _send(enrolment, "cancellation")


def reminder(enrolment):
    return _send(enrolment, "reminder", attach_ics=True)
