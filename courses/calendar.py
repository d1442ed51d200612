"""iCalendar (.ics) files for course sessions."""

from django.conf import settings
from icalendar import Calendar, Event

from portal.pages.templatetags.portal_tags import localized_path


def site_url(path):
    """An absolute address on the public site, for emails and calendar entries."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + localized_path(path)


def session_ics(session, with_online_link=False):
    """One session as an .ics file. The online link goes in only for people enrolled in it."""
    course = session.course
    calendar = Calendar()
    calendar.add("prodid", "-//Jinguo Careers//Courses//ZH")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"course-session-{session.pk}@jinguo")
    event.add("summary", course.title)
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("dtstamp", session.starts_at)
    event.add("url", site_url(course.url or "/courses/"))
    location = session.venue
    if with_online_link and session.online_url:
        location = session.online_url
    if location:
        event.add("location", location)
    event.add("description", course.summary)
    calendar.add_component(event)
    return calendar.to_ical()


def ics_filename(session):
    return f"course-session-{session.pk}.ics"
