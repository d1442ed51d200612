"""Dates and times as the portal writes them: one format per language (docs/style.md).

    day(d)          12月5日（周六）          Sat 5 Dec
    when(dt)        12月5日（周六）14:00     Sat 5 Dec, 14:00
    when_range(a,b) 12月5日（周六）14:00–16:00   Sat 5 Dec, 14:00–16:00
    clock(t)        14:00                  14:00
    month(d)        2026年12月             December 2026

The year is added only when the day is not in this year (in local time). The
language is the active one, so a message rendered for her in English reads in
English. Templates use the filters of the same names (`{% load portal_dates %}`);
machine-readable values (datetime attributes, CSV, ICS) stay ISO 8601.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import get_language

WEEKDAYS_ZH = "一二三四五六日"
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_EN_LONG = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December")


def _chinese(language=None):
    return (language or get_language() or "zh-hans").lower().startswith("zh")


def _local(value, time_zone=None):
    """A datetime in the given zone (the site's by default); a date stays a date."""
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            return value
        zone = ZoneInfo(str(time_zone)) if time_zone else timezone.get_current_timezone()
        return timezone.localtime(value, zone)
    return value


def _today():
    return timezone.localdate()


def day(value, language=None, time_zone=None):
    """12月5日（周六） / Sat 5 Dec; with the year when it is not this year."""
    if value in (None, ""):
        return ""
    local = _local(value, time_zone)
    other_year = local.year != _today().year
    weekday = local.weekday()
    if _chinese(language):
        year = f"{local.year}年" if other_year else ""
        return f"{year}{local.month}月{local.day}日（周{WEEKDAYS_ZH[weekday]}）"
    year = f" {local.year}" if other_year else ""
    return f"{WEEKDAYS_EN[weekday]} {local.day} {MONTHS_EN[local.month - 1]}{year}"


def clock(value, time_zone=None):
    """14:00, 24-hour."""
    if value in (None, ""):
        return ""
    local = _local(value, time_zone)
    return f"{local.hour:02d}:{local.minute:02d}"


def when(value, language=None, time_zone=None):
    """12月5日（周六）14:00 / Sat 5 Dec, 14:00."""
    if value in (None, ""):
        return ""
    separator = "" if _chinese(language) else ", "
    return f"{day(value, language, time_zone)}{separator}{clock(value, time_zone)}"


def when_range(start, end, language=None, time_zone=None):
    """12月5日（周六）14:00–16:00; an end on another day is written in full."""
    if not start:
        return ""
    if not end:
        return when(start, language, time_zone)
    same_day = _local(start, time_zone).date() == _local(end, time_zone).date()
    tail = clock(end, time_zone) if same_day else when(end, language, time_zone)
    return f"{when(start, language, time_zone)}–{tail}"


def month(value, language=None):
    """2026年12月 / December 2026."""
    if value in (None, ""):
        return ""
    local = _local(value)
    if _chinese(language):
        return f"{local.year}年{local.month}月"
    return f"{MONTHS_EN_LONG[local.month - 1]} {local.year}"
