"""The one .ics builder: stable UIDs, SEQUENCE, DTSTAMP at the time of making, METHOD."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone
from icalendar import Calendar

from portal import calendar as ics

START = datetime(2030, 3, 4, 2, 0, tzinfo=UTC)


def event(**fields):
    return ics.Event(**{"uid": ics.uid("booking", 42), "start": START, "end": START + timedelta(hours=1),
                        "summary": "咨询", **fields})


def parsed(data):
    calendar = Calendar.from_ical(data)
    return calendar, calendar.walk("VEVENT")[0]


def test_uid_names_the_thing_and_the_site(settings):
    settings.SITE_URL = "https://jinguo.example"
    assert ics.uid("booking", 42) == "booking-42@jinguo.example"


def test_dtstamp_is_the_time_of_making_not_the_start():
    before = timezone.now().replace(microsecond=0)
    _calendar, component = parsed(ics.to_ical([event()]))
    assert before <= component.decoded("dtstamp") <= timezone.now()
    assert component.decoded("dtstart") == START
    assert component.decoded("sequence") == 0


def test_an_invitation_and_its_cancellation_share_the_uid():
    filename, data, mimetype = ics.invitation(event(sequence=1, location="线上"), "alice@example.com")
    calendar, component = parsed(data)
    assert (filename, mimetype, str(calendar["method"])) == ("booking.ics", "text/calendar", "REQUEST")
    assert str(component["attendee"]) == "mailto:alice@example.com"
    assert str(component["location"]) == "线上"

    _filename, data, _mimetype = ics.invitation(event(sequence=2, cancelled=True), "alice@example.com")
    calendar, cancelled = parsed(data)
    assert str(calendar["method"]) == "CANCEL"
    assert str(cancelled["status"]) == "CANCELLED"
    assert str(cancelled["uid"]) == str(component["uid"])
    assert cancelled.decoded("sequence") > component.decoded("sequence")
