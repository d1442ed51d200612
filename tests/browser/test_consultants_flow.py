"""A consultant sets her weekly hours and blocks a day; a graduate books one of
her slots; the consultant sees it; the graduate moves it to her other slot and
then cancels, each time through the confirmation page; both slots are open
again. Phone-sized Chromium; both people sign in through a session cookie."""

import re
from datetime import timedelta

from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from consultants import availability
from consultants.models import Booking
from consultants.tests.factories import ConsultantFactory
from portal import dates
from portal.accounts.tests.factories import UserFactory

from .confirmation import check_confirmation_page

CONFIRM = re.compile(r"confirm booking|确认预约", re.I)
CANCEL = re.compile(r"cancel this session|取消本次咨询", re.I)
MOVE = re.compile(r"move to another time|改到其他时间", re.I)
CONFIRM_MOVE = re.compile(r"yes, move it|确认改期", re.I)
CONFIRM_CANCEL = re.compile(r"yes, cancel the session|确认取消咨询", re.I)
KEEP = re.compile(r"keep the session|保留这次咨询", re.I)


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_availability_booking_moving_and_cancellation(home_page, live_server, browser, page, artifacts):
    base = live_server.url
    consultant = ConsultantFactory(hours=[], display_name="林晓雯", min_notice_hours=12)
    graduate = UserFactory()
    day = timezone.localdate() + timedelta(days=3)
    blocked = day + timedelta(days=7)

    # The consultant opens `day`'s weekday 09:00–11:00 and blocks the same weekday a week later.
    # Her own browser; the graduate uses the `page` fixture (screenshot on failure).
    her_context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    her_page = her_context.new_page()
    sign_in(her_page, live_server, consultant.user)
    her_page.goto(base + "/consultants/me/availability/")
    her_page.select_option("select[name=rule-weekday]", str(day.weekday()))
    her_page.fill("input[name=rule-start_time]", "09:00")
    her_page.fill("input[name=rule-end_time]", "11:00")
    her_page.locator("button[name=add_rule]").click()
    expect(her_page.locator(".rule-list")).to_contain_text("09:00–11:00")
    her_page.fill("input[name=override-date]", blocked.isoformat())
    her_page.select_option("select[name=override-kind]", "block")
    her_page.locator("button[name=add_override]").click()
    expect(her_page.locator("main")).to_contain_text(dates.day(blocked, "zh-hans"))

    # The graduate sees two slots on `day` and none on the blocked day, and books the first.
    sign_in(page, live_server, graduate)
    page.goto(base + consultant.get_absolute_url())
    slots = page.locator(".slot-list a")
    # The profile shows two weeks: 09:00 and 10:00 on `day`; `blocked`, a week later, has none.
    expect(slots).to_have_count(2)
    expect(page.locator(".slot-day")).to_have_count(1)
    slots.first.click()
    page.locator("input[name=topic_code]").first.check()
    page.locator("input[name=topic]").fill("<b>面试总是紧张</b>")
    page.locator("input[name=mode][value=online]").check()
    page.get_by_role("button", name=CONFIRM).click()
    expect(page).to_have_url(re.compile(r"/consultants/bookings/\d+/$"))
    expect(page.locator("main")).to_contain_text("<b>面试总是紧张</b>")  # shown as text, not markup
    booking = Booking.objects.get(seeker=graduate)

    # The consultant sees it among her upcoming sessions.
    her_page.goto(base + "/consultants/me/")
    upcoming = her_page.get_by_role("region", name=re.compile("即将进行的咨询"))
    expect(upcoming).to_contain_text("面试总是紧张")

    # The graduate moves it to 10:00: the slot she taps asks her to confirm the old and the new time.
    page.get_by_role("link", name=MOVE).click()
    page.locator(".slot-list a", has_text="10:00").click()
    summary = page.locator(".confirm__summary")
    expect(summary).to_contain_text("09:00")
    expect(summary).to_contain_text("10:00")
    check_confirmation_page(page, artifacts, "reschedule")
    booking.refresh_from_db()
    assert booking.sequence == 0  # the page alone changes nothing
    page.get_by_role("button", name=CONFIRM_MOVE).click()
    expect(page).to_have_url(base + booking.get_absolute_url())
    expect(page.locator("main dl")).to_contain_text("10:00")
    booking.refresh_from_db()
    assert booking.sequence == 1 and booking.start.astimezone(availability.zone_of(consultant)).hour == 10

    # She opens the cancellation, keeps the session, then cancels it for real; both slots are open again.
    page.get_by_role("link", name=CANCEL).click()
    expect(page.locator(".confirm__summary")).to_contain_text("林晓雯")
    check_confirmation_page(page, artifacts, "cancel-consultation")
    page.get_by_role("link", name=KEEP).click()
    expect(page).to_have_url(base + booking.get_absolute_url())
    expect(page.locator(".booking-status")).to_have_text(re.compile(r"confirmed|已确认", re.I))
    page.get_by_role("link", name=CANCEL).click()
    page.get_by_role("button", name=CONFIRM_CANCEL).click()
    expect(page.locator(".booking-status")).to_have_text(re.compile(r"cancelled|已取消", re.I))
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    page.goto(base + consultant.get_absolute_url())
    expect(page.locator(".slot-list a")).to_have_count(2)
    her_context.close()
