"""A graduate finds the interview-skills course, enrols, sees it on /me/, gets
the confirmation email with an .ics file and cancels, through the confirmation
page that says her seat goes to the waitlist; the graduate waiting for that
seat is offered it by email and accepts it. Phone-sized Chromium."""

import re
import time
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import CourseCategory, CourseIndexPage, CoursePage, CourseSession, Enrolment
from portal.accounts.tests.factories import PASSWORD, UserFactory

from .confirmation import check_confirmation_page

EMAIL_LABEL = re.compile(r"e-?mail|电子邮件|邮箱", re.I)
PASSWORD_LABEL = re.compile(r"password|密码", re.I)
LOG_IN = re.compile(r"log in|sign in|登录", re.I)
# The button's name continues with the session's time (visually hidden).
ENROL = re.compile(r"^(Enrol|报名) ")
JOIN_WAITLIST = re.compile(r"join the waitlist|加入候补", re.I)
CANCEL = re.compile(r"cancel enrolment|取消报名", re.I)
CONFIRM_CANCEL = re.compile(r"yes, cancel my enrolment|确认取消报名", re.I)
ACCEPT = re.compile(r"accept the seat|确认名额", re.I)


def wait_for_email(to, subject_part, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in list(mail.outbox):
            if to in message.to and subject_part in message.subject:
                return message
        time.sleep(0.1)
    raise AssertionError(f"no email '{subject_part}' to {to}; outbox: {[(m.to, m.subject) for m in mail.outbox]}")


def log_in(page, base, user):
    page.goto(base + "/accounts/login/")
    form = page.locator("main form")
    form.get_by_label(EMAIL_LABEL).fill(user.email)
    form.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    form.get_by_role("button", name=LOG_IN).click()
    expect(page).to_have_url(base + "/me/")


def make_catalog(home_page):
    catalog = home_page.add_child(instance=CourseIndexPage(title="课程培训", slug="courses"))
    interview = CourseCategory.objects.create(name="面试技巧", name_en="Interview skills", slug="interview")
    etiquette = CourseCategory.objects.create(name="职场礼仪", name_en="Workplace etiquette", slug="etiquette")
    course = catalog.add_child(instance=CoursePage(
        title="面试技巧实战", slug="interview-skills", summary="结构化面试与模拟面试。", category=interview,
    ))
    catalog.add_child(instance=CoursePage(
        title="职场礼仪入门", slug="etiquette", summary="新人入职礼仪。", category=etiquette,
    ))
    starts = timezone.now() + timedelta(days=5)
    CourseSession.objects.create(course=course, starts_at=starts, ends_at=starts + timedelta(hours=2),
                                 venue="妇女儿童活动中心 3 楼", capacity=1)
    return course


def test_enrol_cancel_and_waitlist_offer(home_page, live_server, page, browser, artifacts):
    base = live_server.url
    course = make_catalog(home_page)
    xiaomei, lina = UserFactory(display_name="小美"), UserFactory(display_name="李娜")

    # Xiaomei finds the interview-skills course through the catalog's category filter.
    log_in(page, base, xiaomei)
    page.goto(base + "/courses/")
    page.locator("summary").click()
    page.get_by_label(re.compile("Category|类别")).select_option("interview")
    page.get_by_role("button", name=re.compile("Show courses|查看课程")).click()
    results = page.locator("main .card-grid")
    expect(results.get_by_role("link")).to_have_count(1)
    results.get_by_role("link", name="面试技巧实战").click()
    expect(page).to_have_url(base + course.url)

    # She enrols, and the confirmation email brings an .ics file.
    page.get_by_role("button", name=ENROL).click()
    expect(page.locator(".messages")).to_contain_text(re.compile("报名成功|You are enrolled"))
    message = wait_for_email(xiaomei.email, "面试技巧实战")
    [(filename, content, mimetype)] = message.attachments
    # Django hands text/* attachments back as str.
    assert filename.endswith(".ics") and mimetype == "text/calendar" and "BEGIN:VEVENT" in content

    # Lina finds the session full and joins the waitlist, first in line.
    lina_context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    lina_page = lina_context.new_page()
    log_in(lina_page, base, lina)
    lina_page.goto(base + course.url)
    lina_page.get_by_role("button", name=JOIN_WAITLIST).click()
    expect(lina_page.locator(".messages")).to_contain_text(re.compile("候补名单第 1 位|number 1 on the waitlist"))

    # Xiaomei sees the course under /me/ and cancels: the page first tells her Lina gets the seat.
    page.goto(base + "/me/")
    expect(page.locator(".my-enrolments")).to_contain_text("面试技巧实战")
    page.get_by_role("link", name=CANCEL).click()
    expect(page.locator(".confirm__summary")).to_contain_text("面试技巧实战")
    expect(page.locator(".confirm__consequences")).to_contain_text(re.compile("候补名单上的下一位|next person"))
    check_confirmation_page(page, artifacts, "cancel-enrolment")
    assert Enrolment.objects.get(user=xiaomei).status == "enrolled"  # the page alone changes nothing
    page.get_by_role("button", name=CONFIRM_CANCEL).click()
    expect(page).to_have_url(base + "/me/")
    expect(page.locator(".messages")).to_contain_text(re.compile("已取消报名|cancelled"))
    expect(page.locator(".my-enrolments")).to_have_count(0)

    # Lina is offered the seat by email and accepts it on her page.
    wait_for_email(lina.email, "面试技巧实战")
    lina_page.goto(base + "/me/")
    lina_page.get_by_role("button", name=ACCEPT).click()
    expect(lina_page.locator(".messages")).to_contain_text(re.compile("名额已确认|taken the seat"))
    expect(lina_page.locator(".my-enrolments")).to_contain_text(re.compile("已报名|Enrolled"))
    assert Enrolment.objects.get(user=lina).status == "enrolled"
    lina_context.close()
