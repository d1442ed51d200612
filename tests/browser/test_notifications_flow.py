"""Her notification centre and channel choices in a phone-sized Chromium: the
header's count, opening an entry, unticking SMS for reminders; every control a
target of at least 24×24 px and no sideways scrolling."""

import pytest
from playwright.sync_api import expect

from portal.accounts.tests.factories import PASSWORD, UserFactory
from portal.notifications.models import ChannelPreference, Notification

from .header import open_menu

MIN_TARGET = 24  # CSS px, WCAG 2.2 success criterion 2.5.8 (AA)
# Links inside a sentence are exempt from the target size; every other control counts.
CONTROLS = "header a, header button, main button, main input:not([type=hidden]), main a:not(p a)"
SMALL_TARGETS = """([selector, min]) => [...document.querySelectorAll(selector)]
  .filter(el => el.getClientRects().length > 0)
  .map(el => ({html: el.outerHTML.slice(0, 120), rect: el.getBoundingClientRect()}))
  .filter(({rect}) => rect.width < min || rect.height < min)
  .map(({html, rect}) => `${Math.round(rect.width)}x${Math.round(rect.height)}: ${html}`)"""


def assert_fits(page, width):
    small = page.evaluate(SMALL_TARGETS, [CONTROLS, MIN_TARGET])
    assert not small, f"targets smaller than {MIN_TARGET} px at {width} px:\n" + "\n".join(small)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [390, 1280])
def test_she_reads_her_notifications_and_chooses_her_channels(home_page, live_server, page, artifacts, width):
    base = live_server.url
    user = UserFactory(email="mei@example.com", display_name="小美", phone="+8613812345678", phone_verified=True)
    Notification.objects.create(user=user, kind="confirmation", title="报名成功：面试技巧实战",
                                body="您的课程名额已确认。", url="/me/")
    Notification.objects.create(user=user, kind="reminder", title="课程提醒：面试技巧实战",
                                body="您的课程将在 24 小时内开始。", url="/me/")
    page.set_viewport_size({"width": width, "height": 844 if width < 600 else 900})
    page.goto(base + "/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(base + "/me/")

    header = page.locator("header")
    open_menu(page)
    header.get_by_role("link", name="通知：2 条未读").click()
    expect(page).to_have_url(base + "/me/notifications/")
    expect(page.locator(".notification--unread")).to_have_count(2)
    shots = artifacts / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"notifications-{width}.png"), full_page=True)
    assert_fits(page, width)

    # The newest first; opening it marks it read and goes to its page.
    entries = page.locator(".notification")
    expect(entries.first).to_contain_text("课程提醒")
    entries.first.get_by_role("button", name="查看详情").click()
    expect(page).to_have_url(base + "/me/")
    open_menu(page)
    expect(header.get_by_role("link", name="通知：1 条未读")).to_be_visible()

    # Reminders by email only: untick the SMS box in the reminders' fieldset.
    page.goto(base + "/me/account/")
    reminders = page.get_by_role("group", name="开课和咨询前的提醒")
    expect(reminders.get_by_role("checkbox", name="短信")).to_be_checked()
    page.screenshot(path=str(shots / f"account-{width}.png"), full_page=True)
    assert_fits(page, width)
    reminders.get_by_role("checkbox", name="短信").uncheck()
    page.get_by_role("button", name="保存通知方式").click()
    expect(page).to_have_url(base + "/me/account/#notifications")
    expect(page.get_by_role("status")).to_contain_text("你的通知方式已保存。")
    reminders = page.get_by_role("group", name="开课和咨询前的提醒")
    expect(reminders.get_by_role("checkbox", name="短信")).not_to_be_checked()
    assert ChannelPreference.objects.get(user=user, kind="reminder").channels == ["email", "site"]
