"""The pure slot computation: plain data in, UTC start times out."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from consultants.slots import Override, Policy, Rule, open_slots

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY = date(2025, 6, 2)
NOW = datetime(2025, 6, 1, 0, 0, tzinfo=UTC)


def local(day, hour, minute=0, zone=SHANGHAI):
    return datetime.combine(day, time(hour, minute), tzinfo=zone).astimezone(UTC)


def day_range(day, zone=SHANGHAI):
    return local(day, 0, zone=zone), local(day + timedelta(days=1), 0, zone=zone)


def slots_on(day, policy, rules, overrides=(), busy=(), now=NOW):
    start, end = day_range(day, ZoneInfo(policy.time_zone))
    return open_slots(policy, rules, list(overrides), list(busy), start, end, now)


MORNING = [Rule(0, time(9), time(12))]


def test_slots_step_by_session_plus_buffer_and_fit_in_the_window():
    slots = slots_on(MONDAY, Policy(50, buffer_minutes=10), MORNING)
    assert slots == [local(MONDAY, 9), local(MONDAY, 10), local(MONDAY, 11)]


def test_rules_apply_only_on_their_weekday_and_validity_dates():
    policy = Policy(60)
    assert slots_on(MONDAY + timedelta(days=1), policy, MORNING) == []
    limited = [Rule(0, time(9), time(10), valid_from=MONDAY + timedelta(days=7))]
    assert slots_on(MONDAY, policy, limited) == []
    assert slots_on(MONDAY + timedelta(days=7), policy, limited) == [local(MONDAY + timedelta(days=7), 9)]


def test_a_booking_and_its_buffers_block_the_neighbouring_slots():
    policy = Policy(50, buffer_minutes=10)
    # A booking 10:00–10:50 leaves 9:00 (ends 9:50, 10 min clear) and 11:00.
    busy = [(local(MONDAY, 10), local(MONDAY, 10, 50))]
    assert slots_on(MONDAY, policy, MORNING, busy=busy) == [local(MONDAY, 9), local(MONDAY, 11)]
    # One that ends at 10:05 is too close to 10:00 and clashes with 9:00 itself.
    busy = [(local(MONDAY, 9, 30), local(MONDAY, 10, 5))]
    assert slots_on(MONDAY, policy, MORNING, busy=busy) == [local(MONDAY, 11)]


def test_a_long_booking_that_started_earlier_is_seen():
    busy = [(local(MONDAY, 8), local(MONDAY, 10, 50))]
    assert slots_on(MONDAY, Policy(50, buffer_minutes=10), MORNING, busy=busy) == [local(MONDAY, 11)]


def test_minimum_notice_and_now_hide_early_slots():
    policy = Policy(50, buffer_minutes=10, notice_minutes=120)
    now = local(MONDAY, 7, 30)
    assert slots_on(MONDAY, policy, MORNING, now=now) == [local(MONDAY, 10), local(MONDAY, 11)]


def test_daily_maximum_closes_the_day():
    policy = Policy(50, buffer_minutes=10, max_per_day=1)
    busy = [(local(MONDAY, 15), local(MONDAY, 15, 50))]
    assert slots_on(MONDAY, policy, MORNING, busy=busy) == []
    assert slots_on(MONDAY + timedelta(days=7), policy, MORNING, busy=busy) != []


def test_overrides_block_the_day_part_of_it_or_add_hours():
    policy = Policy(60)
    assert slots_on(MONDAY, policy, MORNING, [Override(MONDAY, blocked=True)]) == []
    partial = [Override(MONDAY, blocked=True, start=time(10), end=time(11))]
    assert slots_on(MONDAY, policy, MORNING, partial) == [local(MONDAY, 9), local(MONDAY, 11)]
    extra = [Override(MONDAY, blocked=True), Override(MONDAY, blocked=False, start=time(14), end=time(16))]
    assert slots_on(MONDAY, policy, MORNING, extra) == [local(MONDAY, 14), local(MONDAY, 15)]
    tuesday = MONDAY + timedelta(days=1)
    assert slots_on(tuesday, policy, MORNING, [Override(tuesday, False, time(18), time(19))]) == [local(tuesday, 18)]


def test_extra_hours_overlapping_a_rule_offer_each_slot_once():
    extra = [Override(MONDAY, blocked=False, start=time(11), end=time(13))]
    assert slots_on(MONDAY, Policy(60), MORNING, extra) == [local(MONDAY, h) for h in (9, 10, 11, 12)]


def test_range_limits_are_respected():
    slots = open_slots(Policy(60), MORNING, [], [], local(MONDAY, 10), local(MONDAY, 11), NOW)
    assert slots == [local(MONDAY, 10)]


BERLIN = ZoneInfo("Europe/Berlin")
# Clocks go from 02:00 to 03:00 on Sunday 30 March 2025.
BEFORE, CHANGE_DAY, AFTER = date(2025, 3, 29), date(2025, 3, 30), date(2025, 3, 31)


def test_berlin_consultant_keeps_local_hours_across_the_march_change():
    policy = Policy(60, time_zone="Europe/Berlin")
    rules = [Rule(d.weekday(), time(9), time(11)) for d in (BEFORE, CHANGE_DAY, AFTER)]
    start, end = local(BEFORE, 0, zone=BERLIN), local(AFTER + timedelta(days=1), 0, zone=BERLIN)
    slots = open_slots(policy, rules, [], [], start, end, NOW.replace(year=2025, month=3, day=1))
    assert [s.astimezone(BERLIN).strftime("%d %H:%M") for s in slots] == [
        "29 09:00", "29 10:00", "30 09:00", "30 10:00", "31 09:00", "31 10:00"]
    # 09:00 is 08:00 UTC in winter and 07:00 UTC in summer time.
    assert [s.hour for s in slots] == [8, 9, 7, 8, 7, 8]


def test_a_window_across_the_gap_is_as_long_as_it_really_is():
    # 01:00–04:00 local on the change night lasts two real hours: two 60-min slots, none at 02:xx.
    policy = Policy(60, time_zone="Europe/Berlin")
    rules = [Rule(CHANGE_DAY.weekday(), time(1), time(4))]
    slots = slots_on(CHANGE_DAY, policy, rules, now=datetime(2025, 3, 1, tzinfo=UTC))
    assert [s.astimezone(BERLIN).strftime("%H:%M") for s in slots] == ["01:00", "03:00"]
    assert slots[1] - slots[0] == timedelta(hours=1)
