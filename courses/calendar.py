"""Course sessions as calendar events (portal/calendar.py builds the files).

Her own enrolment is one event with its own UID for life, whose SEQUENCE goes up
with each change; someone who only downloads a session's file gets the
session's event, without the online link."""

from portal import calendar as ics
from portal.notifications.links import absolute_url

from .models import EnrolmentStatus


def session_event(session, uid, sequence=0, with_online_link=False, cancelled=False):
    course = session.course
    location = session.online_url if with_online_link and session.online_url else session.venue
    return ics.Event(
        uid=uid, start=session.starts_at, end=session.ends_at, summary=course.title, sequence=sequence,
        description=course.summary, location=location, url=absolute_url(course.url or "/courses/"),
        cancelled=cancelled,
    )


def enrolment_event(enrolment):
    """Her place in a session: the online link is hers once she has a seat."""
    return session_event(
        enrolment.session, ics.uid("enrolment", enrolment.pk), sequence=enrolment.sequence,
        with_online_link=True, cancelled=enrolment.status == EnrolmentStatus.CANCELLED,
    )


def download(session, enrolment=None):
    """(filename, bytes) of the .ics a visitor downloads from the course page."""
    event = enrolment_event(enrolment) if enrolment else session_event(session, ics.uid("course-session", session.pk))
    return f"course-session-{session.pk}.ics", ics.to_ical([event])
