"""When enrolment in a class closes, by default: the evening before, at 20:00
Beijing time (TIME_ZONE), so the teacher knows the evening before who comes and
nobody is asked to enrol in the small hours. A deadline of "twelve hours
before" put a 14:00 class's deadline at 02:00 on the day itself."""

from datetime import datetime, time, timedelta

from django.utils import timezone

EVENING = time(20, 0)


def evening_before(starts_at):
    """20:00 local time on the day before the class starts."""
    day = timezone.localtime(starts_at).date() - timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, EVENING))
