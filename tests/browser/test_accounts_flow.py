"""Sign up, confirm the email address, log in and out, in a phone-sized Chromium.

Visible text may be Chinese or English depending on the catalogue, so the test
finds things by role, label, name and address, and matches text in both
languages where it has to.
"""

import re
import time
import uuid

from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from .header import open_menu

SIGN_UP = re.compile(r"sign up|注册", re.I)
LOG_IN = re.compile(r"log in|sign in|登录", re.I)
LOG_OUT = re.compile(r"log out|sign out|退出", re.I)
CONFIRM = re.compile(r"confirm|确认", re.I)
EMAIL_LABEL = re.compile(r"e-?mail|电子邮件|邮箱", re.I)
PASSWORD_LABEL = re.compile(r"password|密码", re.I)
CONSENT_LABEL = re.compile(r"privacy notice|隐私声明", re.I)
CONSENT_ERROR = re.compile(r"agree to the privacy notice|同意隐私声明", re.I)
CONFIRM_LINK = re.compile(r"https?://[^\s\"'<>]+/accounts/confirm-email/[^\s\"'<>/]+/")

PASSWORD = "Lanhua-Qiuzhi-2024!"


def wait_for_email(to, timeout=10.0):
    """The confirmation email is queued in the outbox and sent after the sign-up
    commits, by the live server's thread: poll for it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in list(mail.outbox):
            if to in message.to:
                return message
        time.sleep(0.1)
    raise AssertionError(f"no email to {to} within {timeout} s; outbox: {[m.to for m in mail.outbox]}")


def test_language_switch_sign_up_confirm_log_in_and_out(home_page, live_server, page):
    base = live_server.url
    email = f"xiaomei.{uuid.uuid4().hex[:10]}@example.com"
    User = get_user_model()
    header = page.locator("header")

    # Chinese at the root; the switcher leads to /en/ and back.
    page.goto(base + "/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    open_menu(page)
    header.get_by_role("link", name="English", exact=True).click()
    expect(page).to_have_url(base + "/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    open_menu(page)
    header.get_by_role("link", name="简体中文", exact=True).click()
    expect(page).to_have_url(base + "/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")

    # Sign-up, from the header.
    open_menu(page)
    header.get_by_role("link", name=SIGN_UP).click()
    expect(page).to_have_url(base + "/accounts/signup/")
    form = page.locator("main form")
    email_input = form.get_by_label(EMAIL_LABEL)
    password1 = form.locator("input[name=password1]")
    password2 = form.locator("input[name=password2]")
    consent = form.get_by_label(CONSENT_LABEL)
    submit = form.get_by_role("button", name=SIGN_UP)
    # The passwords' labels are not unique ("password", "password (again)"):
    # they are found by name, but must still be labelled.
    for field in (password1, password2):
        expect(field).to_have_accessible_name(PASSWORD_LABEL)
    expect(consent).not_to_be_checked()

    email_input.fill(email)
    password1.fill(PASSWORD)
    password2.fill(PASSWORD)

    # Without consent, the browser itself refuses to send the form (the click
    # waits for any navigation it starts)...
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    submit.click()
    assert consent.evaluate("el => el.validity.valueMissing"), "the consent box should be required"
    assert not posts, f"the form was sent without consent: {posts}"
    expect(page).to_have_url(base + "/accounts/signup/")
    # ...and so does the server, for a browser that does not check.
    form.evaluate("form => { form.noValidate = true; }")
    submit.click()
    expect(page).to_have_url(base + "/accounts/signup/")
    expect(consent).to_have_attribute("aria-invalid", "true")
    expect(page.locator("main")).to_contain_text(CONSENT_ERROR)
    assert not User.objects.filter(email__iexact=email).exists()

    # With consent: the "verify your email" page.
    expect(email_input).to_have_value(email)
    password1.fill(PASSWORD)
    password2.fill(PASSWORD)
    consent.check()
    submit.click()
    expect(page).to_have_url(base + "/accounts/confirm-email/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    user = User.objects.get(email__iexact=email)
    assert user.consents.count() == 1

    # The link in the email, and its confirm button.
    message = wait_for_email(email)
    link = CONFIRM_LINK.search(message.body)
    assert link, f"no confirmation link in:\n{message.body}"
    assert link.group(0).startswith(base + "/"), link.group(0)
    page.goto(link.group(0))
    page.locator("main").get_by_role("button", name=CONFIRM).click()
    expect(page).to_have_url(base + "/accounts/login/")

    # Log in: ends on the dashboard, which shows the address.
    login_form = page.locator("main form")
    login_form.get_by_label(EMAIL_LABEL).fill(email)
    login_form.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    login_form.get_by_role("button", name=LOG_IN).click()
    expect(page).to_have_url(base + "/me/")
    expect(page.locator("main")).to_contain_text(email)

    # Log out from the header: the login link is back.
    open_menu(page)
    header.get_by_role("button", name=LOG_OUT).click()
    open_menu(page)
    expect(header.get_by_role("link", name=LOG_IN)).to_be_visible()
    expect(header.get_by_role("button", name=LOG_OUT)).to_have_count(0)
