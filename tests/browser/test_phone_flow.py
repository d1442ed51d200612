"""A graduate signs up with her mobile number on her phone: the code comes by
text (read from the local SMS outbox, as under `make run`), she verifies it,
signs out, signs in again by a texted code, books a consultation by phone, and
finds the confirmation in her notification centre and in the SMS outbox."""

import re
import time
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from consultants.tests.factories import ConsultantFactory
from portal.accounts.models import User
from portal.notifications.models import Channel, OutboundMessage

from .header import open_menu

NUMBER = "+8613912345678"
PASSWORD = "Lanhua-Qiuzhi-2024!"
SIGN_UP = re.compile(r"sign up|注册", re.I)
LOG_OUT = re.compile(r"log out|sign out|退出", re.I)
CODE_LINK = re.compile(r"sign-in code|登录代码|登录验证码|验证码登录", re.I)
CONFIRM = re.compile(r"confirm booking|确认预约", re.I)


def texts_to(number, template):
    return OutboundMessage.objects.filter(channel=Channel.SMS, to=[number], template=template).order_by("pk")


def wait_for_text(number, template, after=0, timeout=10.0):
    """The text is queued in the outbox and sent after the step commits: poll for it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = texts_to(number, template).filter(pk__gt=after).last()
        if found is not None:
            return found
        time.sleep(0.1)
    raise AssertionError(f"no {template} text to {number} within {timeout} s")


def code_in(text):
    return re.search(r"\b(\d{6})\b", text.body).group(1)


def test_sign_up_by_phone_sign_in_by_code_and_book(home_page, live_server, page):
    base = live_server.url
    consultant = ConsultantFactory(display_name="林晓雯", modes=["phone", "online"])

    # Sign up with her number only.
    page.goto(base + "/")
    open_menu(page)
    page.locator("header").get_by_role("link", name=SIGN_UP).click()
    form = page.locator("main form")
    form.get_by_role("textbox", name=re.compile(r"^(mobile number|手机号)$", re.I)).fill("139 1234 5678")
    for field in form.locator("input[type=password]").all():
        field.fill(PASSWORD)
    form.locator("input[name=privacy_consent]").check()
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(base + "/accounts/phone/verify/")
    code = code_in(wait_for_text(NUMBER, "account/messages/verification_code"))
    page.locator("input[name=code]").fill(code)
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(base + "/me/")
    user = User.objects.get(phone=NUMBER)
    assert user.phone_verified and user.email is None

    # A while later (a number gets one code a minute), she signs out, and in again
    # with a texted code instead of the password.
    OutboundMessage.objects.filter(to=[NUMBER]).update(created_at=timezone.now() - timedelta(minutes=2))
    open_menu(page)
    page.locator("header").get_by_role("button", name=LOG_OUT).click()
    page.goto(base + "/accounts/login/")
    page.get_by_role("link", name=CODE_LINK).click()
    page.locator("main form input[name=phone]").fill("13912345678")
    page.locator("main form button[type=submit]").first.click()
    code = code_in(wait_for_text(NUMBER, "account/messages/login_code"))
    page.locator("input[name=code]").fill(code)
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(base + "/me/")

    # Book a consultation by phone.
    page.goto(base + consultant.get_absolute_url())
    page.locator(".slot-list a").first.click()
    page.locator("input[name=topic_code]").first.check()
    page.locator("input[name=topic]").fill("第一份工作选哪个")
    page.locator("input[name=mode][value=phone]").check()
    page.get_by_role("button", name=CONFIRM).click()
    expect(page).to_have_url(re.compile(r"/consultants/bookings/\d+/$"))

    # The confirmation came by text (she gave no email) and stands in her notification centre.
    confirmation = wait_for_text(NUMBER, "consultants/messages/booking")
    assert "林晓雯" in confirmation.body
    page.goto(base + "/me/notifications/")
    expect(page.locator("main")).to_contain_text("林晓雯")
