"""A consultation that takes place, in two browsers: the graduate verifies her
mobile number and books a session by phone with an intake topic; the consultant
sees the number masked, then in full, and marks the session attended; the
graduate is asked for feedback and answers; the consultant blocks a day that
holds another graduate's session and cancels it with a message; that graduate
is told, stands first in the queue, and is offered the next slot that frees.

Sessions happen in the future and are marked after they start: the test moves
the clock of one booking (its start and end in the database) instead of waiting."""

import re
import time
from datetime import timedelta

from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from consultants import services
from consultants.models import Booking, Feedback, QueueRequest
from consultants.tests.factories import ConsultantFactory, local_slot
from portal.accounts.tests.factories import UserFactory
from portal.notifications.models import Channel, OutboundMessage

NUMBER = "+8613812345678"


def sign_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def wait_for(messages, timeout=10.0):
    """Messages are queued in the outbox and sent after each step commits: poll."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if messages.exists():
            return messages.order_by("-pk").first()
        time.sleep(0.1)
    raise AssertionError(f"no message {messages.query} within {timeout} s")


def test_a_consultation_by_phone_from_booking_to_feedback_and_a_day_blocked(home_page, live_server, browser, page):
    base = live_server.url
    consultant = ConsultantFactory(display_name="林晓雯", modes=["phone", "online"])
    graduate = UserFactory(display_name="小美")
    sign_in(page.context, live_server, graduate)

    # She adds her mobile number and verifies it with the texted code.
    page.goto(base + "/accounts/phone/change/")
    page.locator("main form input[name=phone]").fill("138 1234 5678")
    page.locator("main form button[type=submit]").first.click()
    code_text = wait_for(OutboundMessage.objects.filter(channel=Channel.SMS, to=[NUMBER],
                                                        template="account/messages/verification_code"))
    page.locator("input[name=code]").fill(re.search(r"\b(\d{6})\b", code_text.body).group(1))
    page.locator("main form button[type=submit]").first.click()
    graduate.refresh_from_db()
    assert graduate.phone_verified

    # She books by phone, with a topic from the consultant's specialty.
    page.goto(base + consultant.get_absolute_url())
    page.locator(".slot-list a").first.click()
    expect(page.locator(".crisis-notice")).to_contain_text("12356")
    page.get_by_label("求职焦虑").check()
    page.locator("input[name=topic]").fill("面试总是紧张")
    page.locator("input[name=mode][value=phone]").check()
    page.get_by_role("button", name="确认预约").click()
    expect(page).to_have_url(re.compile(r"/consultants/bookings/\d+/$"))
    expect(page.locator(".how-to-meet")).to_contain_text("138****5678")
    booking = Booking.objects.get(seeker=graduate)

    # The consultant sees the number masked, then in full (logged), on that booking only.
    hers = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    sign_in(hers, live_server, consultant.user)
    her_page = hers.new_page()
    her_page.goto(base + booking.get_absolute_url())
    expect(her_page.locator(".how-to-meet")).to_contain_text("138****5678")
    expect(her_page.locator("main")).not_to_contain_text("13812345678")
    her_page.get_by_role("link", name="显示完整号码").click()
    expect(her_page.locator("main")).to_contain_text("+8613812345678")
    assert graduate.access_records.filter(what="phone", reader=consultant.user, allowed=True).exists()

    # The session has taken place: she marks it attended.
    start = timezone.now() - timedelta(hours=2)
    Booking.objects.filter(pk=booking.pk).update(start=start, end=start + timedelta(minutes=50))
    her_page.goto(base + booking.get_absolute_url())
    her_page.get_by_role("button", name="学员已出席").click()
    expect(her_page.locator(".booking-status")).to_have_text("已出席")

    # The graduate is asked for feedback (by email, her default channel for it, and in the centre) and answers.
    request = wait_for(OutboundMessage.objects.filter(template="consultants/messages/feedback_request",
                                                      to=[graduate.email]))
    assert "林晓雯" in request.body
    page.goto(base + "/me/notifications/")
    expect(page.locator("main")).to_contain_text("林晓雯")
    page.goto(base + booking.get_absolute_url())
    page.get_by_role("link", name=re.compile("去评价")).click()
    page.get_by_label("4").check()
    page.locator("textarea[name=comment]").fill("很有帮助，谢谢老师。")
    page.get_by_role("button", name="提交评价").click()
    assert Feedback.objects.get(booking=booking).rating == 4

    # Another graduate's session falls on a day the consultant blocks; she cancels it with a message.
    other = UserFactory(display_name="小红")
    blocked_start = local_slot(consultant, 5, 10)
    affected = services.book(other, consultant.pk, blocked_start, "online", "找工作", topic_code="job_anxiety")
    her_page.goto(base + "/consultants/me/availability/")
    her_page.fill("input[name=override-date]", timezone.localtime(blocked_start).date().isoformat())
    her_page.select_option("select[name=override-kind]", "block")
    her_page.locator("button[name=add_override]").click()
    expect(her_page.locator("main")).to_contain_text("小红")
    her_page.get_by_label("取消，并通知学员").check()
    her_page.locator("textarea[name=reason]").fill("那天要去外地出差，非常抱歉。")
    her_page.get_by_role("button", name="保存修改").click()
    affected.refresh_from_db()
    assert (affected.status, affected.cancel_reason) == ("cancelled", "那天要去外地出差，非常抱歉。")
    told = wait_for(OutboundMessage.objects.filter(template="consultants/messages/booking", to=[other.email],
                                                   body__contains="出差"))
    assert "第一位" in told.body

    # When another session of hers is cancelled, the slot is offered to that graduate first.
    third = UserFactory()
    freed = services.book(third, consultant.pk, local_slot(consultant, 6, 10), "online", "简历",
                          topic_code="job_anxiety")
    services.cancel_by_seeker(freed, third)
    offer = QueueRequest.objects.get(seeker=other, consultant=consultant)
    assert offer.status == "offered" and offer.offered_start == freed.start
    wait_for(OutboundMessage.objects.filter(template="consultants/messages/queue_offer", to=[other.email]))
    hers.close()
