"""axe-core on every main page, at 390 and 1280 px, and on every step of the
booking, enrolment and application flows: no serious or critical violation, no
target under 24 px (WCAG 2.2, 2.5.8). The booking and the enrolment are done
with the keyboard alone: Tab to each control, Space or Enter to use it."""

import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from consultants.tests.factories import ConsultantFactory
from courses.models import CourseCategory, CourseIndexPage, CoursePage, CourseSession, Enrolment
from jobs.models import Application
from jobs.tests.factories import JobPostingFactory
from portal.accounts.tests.factories import PASSWORD, UserFactory
from resumes.models import Resume

from .axe import AXE, audit

WIDTHS = {390: 844, 1280: 900}


@pytest.fixture(autouse=True)
def needs_axe():
    if not AXE.exists():
        # Under CI's PORTAL_REQUIRE_SERVICES=1 the root conftest turns this skip into a failure.
        pytest.skip(f"needs axe-core at {AXE}: run `npm ci` (make test does when npm is installed)")


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def tab_to(page, selector, limit=150):
    """Press Tab until the focus is on an element matching `selector`: it must be
    reachable by the keyboard, in the page's own order."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return page.locator(":focus")
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


@pytest.fixture
def site(home_page):
    """A job, a course with a session, a consultant with open hours, and a graduate
    with a complete résumé."""
    job = JobPostingFactory(title="财务会计助理", district="永川", description="负责日常账务处理。")
    catalog = home_page.add_child(instance=CourseIndexPage(title="课程培训", slug="courses"))
    category = CourseCategory.objects.create(name="面试技巧", name_en="Interview skills", slug="interview")
    course = catalog.add_child(instance=CoursePage(title="面试技巧实战", slug="interview-skills",
                                                   summary="结构化面试与模拟面试。", category=category))
    starts = timezone.now() + timedelta(days=5)
    session = CourseSession.objects.create(course=course, starts_at=starts, ends_at=starts + timedelta(hours=2),
                                           venue="妇女儿童活动中心 3 楼", capacity=5)
    consultant = ConsultantFactory(display_name="林晓雯", modes=["online", "phone"])
    graduate = UserFactory(display_name="小雨")
    Resume.objects.create(user=graduate, full_name="林小雨", school="重庆文理学院", major="会计学",
                          degree="bachelor", graduation=date(2025, 6, 1), contact_email=graduate.email)
    return {"job": job, "course": course, "session": session, "consultant": consultant, "graduate": graduate}


@pytest.mark.parametrize("width", WIDTHS)
def test_main_pages_have_no_serious_violations(live_server, page, site, width):
    base = live_server.url
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    public = ["/", "/jobs/", "/jobs/?q=%E4%BC%9A%E8%AE%A1&city=%E6%B0%B8%E5%B7%9D",
              site["job"].get_absolute_url(), "/courses/", site["course"].url, "/consultants/",
              site["consultant"].get_absolute_url(), "/search/?q=%E9%9D%A2%E8%AF%95", "/privacy/",
              "/accounts/login/", "/accounts/signup/"]
    for path in public:
        assert page.goto(base + path).status == 200, path
        audit(page, path)
    sign_in(page, live_server, site["graduate"])
    for path in ["/me/", "/me/resume/", "/me/notifications/", "/me/account/", "/me/privacy/"]:
        assert page.goto(base + path).status == 200, path
        audit(page, path)


def test_booking_with_the_keyboard_alone(live_server, page, site):
    base = live_server.url
    graduate, consultant = site["graduate"], site["consultant"]

    # She logs in with the keyboard.
    page.goto(base + "/accounts/login/?next=" + consultant.get_absolute_url())
    audit(page, "login")
    tab_to(page, "input[name=login]").type(graduate.email)
    tab_to(page, "input[name=password]").type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(base + consultant.get_absolute_url())
    audit(page, "consultant page")

    # A slot, then the intake: a topic (Space on the first radio), a few words, a mode, confirm.
    tab_to(page, ".slot-list a")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/book/\?start="))
    audit(page, "booking form")
    tab_to(page, "input[name=topic_code]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=topic]").type("第一次面试很紧张")
    tab_to(page, "input[name=mode][value=online]")
    page.keyboard.press("Space")
    audit(page, "booking form, filled")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/consultants/bookings/\d+/$"))
    audit(page, "booking confirmed")
    booking = consultant.bookings.get(seeker=graduate)
    assert (booking.mode, booking.topic) == ("online", "第一次面试很紧张") and booking.topic_code


def test_enrolment_with_the_keyboard_alone(live_server, page, site):
    base = live_server.url
    sign_in(page, live_server, site["graduate"])
    page.goto(base + "/courses/")
    audit(page, "course catalogue")
    tab_to(page, f"main a[href='{site['course'].url}']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("面试技巧实战")
    audit(page, "course page")
    tab_to(page, f"form[action$='/sessions/{site['session'].pk}/enrol/'] button")
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("报名成功")
    audit(page, "enrolled")
    assert Enrolment.objects.get(user=site["graduate"], session=site["session"]).status == "enrolled"
    page.goto(base + "/me/")
    audit(page, "her page with the enrolment")


def test_every_step_of_an_application(live_server, page, site):
    base = live_server.url
    sign_in(page, live_server, site["graduate"])
    page.goto(base + "/jobs/?q=%E4%BC%9A%E8%AE%A1")
    audit(page, "job search")
    page.get_by_role("link", name="财务会计助理").click()
    audit(page, "job page")
    form = page.locator("form[action$='/apply/']")
    expect(form.locator("[name=with_resume]")).to_be_checked()
    form.locator("[name=cover_note]").fill("您好，我是会计学专业应届毕业生。")
    audit(page, "apply form, filled")
    form.locator("button[type=submit]").click()
    application = Application.objects.get(seeker=site["graduate"])
    expect(page).to_have_url(base + f"/me/applications/{application.pk}/")
    audit(page, "application sent")
    page.goto(base + "/me/applications/")
    audit(page, "her applications")
