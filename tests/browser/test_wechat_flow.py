"""Signing up through WeChat in a phone-sized Chromium, with WeChat played by
test doubles: its QR-code page by a Playwright route (a link standing for her
scan), its token and profile endpoints by FakeWeChat, in the live server's
process. Screenshots of the login page (phone and desktop), the WeChat sign-up
and her WeChat page go to test-artifacts/screenshots/."""

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from portal.accounts.models import PrivacyConsent, User
from portal.accounts.tests.fake_wechat import APP_ID, CODE, FakeWeChat, wechat_settings

WECHAT_BUTTON = re.compile(r"微信登录|Sign in with WeChat")


def pretend_to_be_wechats_qr_page(page):
    """open.weixin.qq.com/connect/qrconnect: a page whose one link does what her
    scan would, send her back to the portal's callback with a code and the state."""
    seen = []

    def answer(route):
        query = {key: values[0] for key, values in parse_qs(urlsplit(route.request.url).query).items()}
        seen.append(query)
        back = f"{query['redirect_uri']}?code={CODE}&state={query['state']}"
        route.fulfill(status=200, content_type="text/html; charset=utf-8",
                      body=f'<!DOCTYPE html><html lang="zh-Hans"><a href="{back}">扫码确认</a></html>')

    page.route("https://open.weixin.qq.com/**", answer)
    return seen


def test_sign_up_through_wechat_with_consent(home_page, live_server, page, artifacts, settings, monkeypatch):
    wechat_settings(settings, on=True)
    FakeWeChat().install(monkeypatch)
    seen = pretend_to_be_wechats_qr_page(page)
    shots = artifacts / "screenshots"
    shots.mkdir(exist_ok=True)

    page.goto(live_server.url + "/accounts/login/")
    button = page.get_by_role("button", name=WECHAT_BUTTON)
    expect(button).to_be_visible()
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(shots / f"wechat-login-{width}.png"), full_page=True)

    button.click()
    page.get_by_role("link", name="扫码确认").click()

    # Back at the portal: not signed up yet, the consent box first.
    assert seen and seen[0]["appid"] == APP_ID
    expect(page).to_have_url(live_server.url + "/accounts/3rdparty/signup/")
    assert not User.objects.exists()
    consent = page.get_by_label(re.compile("隐私声明|privacy notice"))
    expect(consent).not_to_be_checked()
    page.screenshot(path=str(shots / "wechat-signup-390.png"), full_page=True)
    submit = page.get_by_role("button", name=re.compile("创建我的账号|Create my account"))
    submit.click()
    expect(page.get_by_role("alert").or_(page.locator(".field__error")).first).to_be_visible()
    assert not User.objects.exists()

    consent.check()
    submit.click()

    expect(page).to_have_url(live_server.url + "/me/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("小美")
    user = User.objects.get()
    assert user.socialaccount_set.get().provider == "weixin"
    assert PrivacyConsent.objects.filter(user=user).exists()

    # Her account page leads to her WeChat link, which she cannot undo while it is her only way in.
    page.get_by_role("link", name="已绑定微信").click()
    expect(page).to_have_url(live_server.url + "/accounts/3rdparty/")
    expect(page.get_by_text("微信：小美")).to_be_visible()
    page.screenshot(path=str(shots / "wechat-connections-390.png"), full_page=True)
