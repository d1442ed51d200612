"""A class's default enrolment deadline is the evening before, at 20:00 Beijing
time, whatever the hour of the class, and the demo sessions use it."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from courses.deadlines import evening_before

BEIJING = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize("hour", [0, 9, 14, 23])
def test_the_evening_before_at_20_beijing_time(hour):
    starts = datetime(2026, 12, 5, hour, 30, tzinfo=BEIJING)

    assert evening_before(starts) == datetime(2026, 12, 4, 20, 0, tzinfo=BEIJING)


def test_a_start_given_in_utc_is_read_in_beijing_time():
    # 2026-12-04 17:00 UTC is 01:00 on the 5th in Beijing.
    starts = datetime(2026, 12, 4, 17, 0, tzinfo=ZoneInfo("UTC"))

    assert evening_before(starts) == datetime(2026, 12, 4, 20, 0, tzinfo=BEIJING)


@pytest.mark.django_db
def test_demo_sessions_close_the_evening_before(home_page):
    from django.utils import timezone

    from courses import demo
    from courses.models import CourseSession

    demo.seed_categories()
    demo.seed_index()
    demo.seed_courses(1)()
    demo.seed_sessions()

    sessions = list(CourseSession.objects.all())
    assert sessions
    for session in sessions:
        deadline = timezone.localtime(session.enrolment_deadline)
        assert (deadline.hour, deadline.minute) == (20, 0)
        assert (timezone.localtime(session.starts_at).date() - deadline.date()).days == 1
