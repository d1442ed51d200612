"""Her privacy page in a browser, on a phone: she signs in, reads what she agreed to and
who read her résumé (the employer's name), withdraws job alerts, and finds the way to
delete her account, told of the 7 days. Screenshots at 390 px and 1280 px go to test-artifacts/."""

import re

from playwright.sync_api import expect

from jobs.tests.factories import EmployerMemberFactory
from portal.accounts.access import record_access
from portal.accounts.models import AccessRecord, PrivacyConsent
from portal.accounts.tests.factories import PASSWORD, UserFactory
from portal.privacy import consents
from portal.privacy.models import Purpose


def test_privacy_page_on_a_phone(page, live_server, home_page, artifacts):
    base = live_server.url
    graduate = UserFactory(display_name="林小雨")
    PrivacyConsent.objects.create(user=graduate, notice_version="2024-04")
    member = EmployerMemberFactory(employer__name="重庆巾帼财税服务有限公司")
    for what in (AccessRecord.What.RESUME, AccessRecord.What.CV, AccessRecord.What.PHONE):
        record_access(graduate, member.user, what, context="application 1")

    page.goto(base + "/accounts/login/?next=/me/")
    form = page.locator("main form")
    form.get_by_label(re.compile("邮箱|电子邮件")).fill(graduate.email)
    form.get_by_label("密码").fill(PASSWORD)
    form.get_by_role("button", name=re.compile("登录")).click()
    expect(page).to_have_url(base + "/me/")
    page.get_by_role("link", name=re.compile("我的数据与隐私")).click()
    expect(page).to_have_url(base + "/me/privacy/")
    expect(page.get_by_role("heading", name="我的数据与隐私", level=1)).to_be_visible()
    log = page.locator("#access-log")
    expect(log.get_by_text("重庆巾帼财税服务有限公司").first).to_be_visible()
    assert member.user.email not in log.inner_text()

    alerts = page.locator("#consents li", has_text="已保存搜索的新岗位提醒")
    alerts.get_by_role("button", name="撤回").click()
    expect(page.locator("#consents li", has_text="已保存搜索的新岗位提醒").get_by_role("button", name="重新同意")) \
        .to_be_visible()
    assert not consents.allows(graduate, Purpose.JOB_ALERTS)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts / "privacy-390.png"), full_page=True)

    page.get_by_role("link", name="注销我的账号…").click()
    expect(page.get_by_text(re.compile("确认后 7 天注销你的账号"))).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts / "privacy-delete-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + "/me/privacy/")
    page.screenshot(path=str(artifacts / "privacy-1280.png"), full_page=True)
