"""One date format per language (docs/style.md), wherever the portal writes a date."""

import datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import timezone, translation

from portal import dates

SHANGHAI = ZoneInfo("Asia/Shanghai")


def this_year(month, day, hour=0, minute=0):
    return datetime.datetime(timezone.localdate().year, month, day, hour, minute, tzinfo=SHANGHAI)


def test_chinese_day_time_and_range_in_beijing_time():
    start = this_year(12, 5, 14)
    weekday = "一二三四五六日"[start.weekday()]
    assert dates.day(start, "zh-hans") == f"12月5日（周{weekday}）"
    assert dates.when(start, "zh-hans") == f"12月5日（周{weekday}）14:00"
    end = start + datetime.timedelta(hours=2)
    assert dates.when_range(start, end, "zh-hans") == f"12月5日（周{weekday}）14:00–16:00"
    # A moment stored in UTC is shown in Beijing time.
    assert dates.clock(start.astimezone(datetime.UTC)) == "14:00"


def test_english_day_and_time():
    start = this_year(12, 5, 9, 30)
    weekday = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[start.weekday()]
    assert dates.when(start, "en") == f"{weekday} 5 Dec, 09:30"
    assert dates.month(start, "en") == f"December {start.year}"


def test_the_year_only_when_it_is_not_this_year():
    other = datetime.date(timezone.localdate().year + 1, 1, 9)
    assert dates.day(other, "zh-hans").startswith(f"{other.year}年1月9日（周")
    assert dates.day(other, "en").endswith(f"9 Jan {other.year}")
    assert str(other.year) not in dates.day(this_year(3, 1), "en")


def test_template_filters_follow_the_active_language():
    start = this_year(6, 1, 8)
    template = Template("{% load portal_dates %}{{ start|when }} {{ start|day }} {{ start|clock }}")
    with translation.override("en"):
        english = template.render(Context({"start": start}))
    with translation.override("zh-hans"):
        chinese = template.render(Context({"start": start}))
    assert english.startswith(dates.when(start, "en")) and "Jun" in english
    assert chinese.startswith(dates.when(start, "zh-hans")) and "6月1日（周" in chinese
