"""Every figure the federation reports, computed in one place: the statistics pages, their
CSV files and the home page's placement counter read them from here.

Each figure comes from the app that keeps its rows (its services.py), as a grouped count:
the number of queries is the same whatever the number of rows. A range is [start, end) in
Beijing time; `by` is "month", "district" or "school" (of the graduate), and for
consultations also "specialty".
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from consultants import services as consultants
from courses import services as courses
from jobs import services as jobs
from portal.accounts import statistics as accounts

MAX_RANGE_DAYS = 5 * 366


@dataclass(frozen=True)
class Range:
    """The days from `first` to `last`, both included."""

    first: date
    last: date

    @property
    def start(self):
        return datetime.combine(self.first, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))

    @property
    def end(self):
        return datetime.combine(self.last + timedelta(days=1), time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))

    def months(self):
        """The first day of each month the range touches, in order."""
        month, found = self.first.replace(day=1), []
        while month <= self.last:
            found.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return found


def last_twelve_months(today=None):
    """This month so far and the eleven before it: twelve months, whatever their lengths
    (counting back 335 days gave thirteen in most months and twelve in others)."""
    today = today or timezone.localdate()
    months = today.year * 12 + today.month - 1 - 11
    return Range(date(months // 12, months % 12 + 1, 1), today)


def month_range(year, month):
    first = date(year, month, 1)
    return Range(first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1))


# Each table: its columns (name, label) and how its rows are counted. Labels name their
# figure on their own (a CSV has no grouped header): two plain "Attended" read the same.
COLUMNS = {
    "registrations": [("registrations", _("Registrations"))],
    "courses": [("enrolments", _("Course enrolments")), ("attended", _("Attended the course"))],
    "consultations": [("consultations", _("Consultations")), ("attended", _("Consultations attended")),
                      ("no_show", _("No-show")), ("cancelled", _("Cancelled"))],
    "applications": [("applications", _("Applications")), ("answered_in_time", _("Answered within 14 days"))],
    "placements": [("placements", pgettext_lazy("statistics", "Placements")),
                   ("retention_answered", _("Answered at six months")), ("still_employed", _("Still employed"))],
}


def _counts(period, by):
    return {
        "registrations": accounts.registrations(period.start, period.end, by),
        "courses": courses.enrolment_figures(period.start, period.end, by),
        "consultations": consultants.consultation_figures(period.start, period.end, by),
        "applications": jobs.application_figures(period.start, period.end, by),
        "placements": jobs.placement_figures(period.first, period.last + timedelta(days=1), by),
    }


def _month_key(key):
    """TruncMonth gives a datetime (a date for a DateField, or a string on SQLite): its first day."""
    if isinstance(key, datetime):
        return timezone.localtime(key).date() if timezone.is_aware(key) else key.date()
    if isinstance(key, str):
        return date.fromisoformat(key[:10])
    return key


def table(period, by):
    """Rows {key, <column>: n, ...} of every figure side by side, with the shares:
    answered in time of applications, still employed of those who answered. Months are
    every month of the range (zeros included); districts and schools those that occur."""
    counts = _counts(period, by)
    if by == "month":
        counts = {name: {_month_key(key): value for key, value in rows.items()} for name, rows in counts.items()}
        keys = period.months()
    else:
        keys = sorted({key for rows in counts.values() for key in rows})
    rows = []
    for key in keys:
        row = {"key": key}
        for name, columns in COLUMNS.items():
            found = counts[name].get(key, {})
            for column, _label in columns:
                row[f"{name}.{column}"] = found.get(column, 0)
        rows.append(_with_shares(row))
    return rows


def _share(part, whole):
    return round(100 * part / whole, 1) if whole else None


def _with_shares(row):
    row["applications.share_in_time"] = _share(row["applications.answered_in_time"], row["applications.applications"])
    row["placements.retention"] = _share(row["placements.still_employed"], row["placements.retention_answered"])
    return row


def totals(rows):
    """The sum of each count over `rows`, with the shares recomputed from the sums."""
    summed = {"key": None}
    for name, columns in COLUMNS.items():
        for column, _label in columns:
            summed[f"{name}.{column}"] = sum(row[f"{name}.{column}"] for row in rows)
    return _with_shares(summed)


def consultations_by_specialty(period):
    return consultants.consultation_figures(period.start, period.end, "specialty")


def placements_counted():
    """What the home page's placement counter shows (settings.COUNTER_SOURCES): the same
    rule as the statistics' placements, through the same function."""
    return jobs.placement_count()
