"""An editor opens 统计报告 in the admin at 1280 px: the charts are drawn on the server
with Chinese labels, the tables show the seeded activity, and a CSV downloads. The
screenshot goes to test-artifacts/statistics-1280.png for people to look at."""

import re
from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from portal.accounts.models import User
from portal.accounts.tests.factories import PASSWORD, UserFactory
from reports.tests.activity import graduate, seed

SCHOOLS = [("重庆文理学院", "永川"), ("重庆大学", "沙坪坝"), ("西南大学", "北碚"), ("重庆工商大学", "南岸")]


def test_statistics_page_at_1280(browser, live_server, home_page, artifacts):
    seed(home_page)
    # More graduates over the past months, so that the monthly line has a shape.
    for number in range(18):
        school, district = SCHOOLS[number % len(SCHOOLS)]
        user = graduate(school, district)
        User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=30 * (number % 9)))
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))

    page = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    page.goto(live_server.url + "/cms/login/")
    page.fill("input[name=username]", editor.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.goto(live_server.url + "/cms/reports/statistics/")
    expect(page.get_by_role("heading", name="统计报告").first).to_be_visible()
    expect(page.locator(".pygal-chart")).to_have_count(3)
    expect(page.locator("svg.pygal-chart").first).to_contain_text("每月注册与就业人数")
    expect(page.locator("#table-school")).to_be_visible()
    expect(page.locator("main")).to_contain_text("重庆文理学院")
    page.screenshot(path=str(artifacts / "statistics-1280.png"), full_page=True)
    # The admin scrolls inside its own pane: each chart on its own as well.
    for number, chart in enumerate(page.locator(".report-charts figure").all(), start=1):
        chart.screenshot(path=str(artifacts / f"statistics-chart-{number}.png"))

    with page.expect_download() as download:
        page.locator("a[href*='table=district']").click()
    body = open(download.value.path(), encoding="utf-8-sig").read()
    assert body.startswith("区县") and re.search(r"^永川,", body, re.M)
