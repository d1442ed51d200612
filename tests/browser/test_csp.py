"""Under the Content-Security-Policy the pages with scripts still work, and the
browser reports no violation: the home page, the job list (suggestions as she
types, a favourite flipped in place), a job, a course with its enrol form and a
consultant's booking page. Any inline script, inline style or foreign resource
on them would be refused, and the refusal shows up as a console message
"Refused to …" or a `securitypolicyviolation` event, collected here."""

import re
from datetime import timedelta

from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from consultants.tests.factories import ConsultantFactory
from courses.models import CourseCategory, CourseIndexPage, CoursePage, CourseSession
from jobs.models import Favourite
from jobs.tests.factories import JobPostingFactory
from portal.accounts.tests.factories import UserFactory

# Collects every violation the page reports, also from pages loaded later in the same tab.
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__csp.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def watch(page):
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            or message.text.startswith("Refused to") else None)
    page.add_init_script(LISTEN)
    return refused


def assert_clean(page, refused, url):
    events = page.evaluate("window.__csp")
    assert not refused and not events, f"{url}: {refused} {events}"


def test_pages_work_under_the_policy(live_server, page, home_page):
    base = live_server.url
    job = JobPostingFactory(title="财务会计助理")
    JobPostingFactory(title="会计主管", district="渝中")
    catalog = home_page.add_child(instance=CourseIndexPage(title="课程培训", slug="courses"))
    category = CourseCategory.objects.create(name="面试技巧", name_en="Interview skills", slug="interview")
    course = catalog.add_child(instance=CoursePage(title="面试技巧实战", slug="interview-skills",
                                                   summary="结构化面试与模拟面试。", category=category))
    starts = timezone.now() + timedelta(days=5)
    CourseSession.objects.create(course=course, starts_at=starts, ends_at=starts + timedelta(hours=2),
                                 venue="妇女儿童活动中心 3 楼", capacity=5)
    consultant = ConsultantFactory(display_name="林晓雯")
    graduate = UserFactory()
    sign_in(page, live_server, graduate)
    refused = watch(page)

    response = page.goto(base + "/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "form-action 'self'" in policy
    assert_clean(page, refused, "/")

    # The job list: suggestions come from the API as she types, a favourite flips without a reload.
    page.goto(base + "/jobs/")
    page.locator("#job-q").press_sequentially("会计")
    # The server filled none (no query yet): this one came from the script's fetch.
    expect(page.locator("#job-suggestions option[value='会计主管']")).to_have_count(1)
    first = page.locator(".favourite-form").first
    first.locator(".favourite-button").click()
    expect(first.locator(".favourite-button")).to_have_attribute("aria-pressed", "true")
    assert page.url == base + "/jobs/"  # in place, by the script
    assert Favourite.objects.filter(user=graduate).count() == 1
    assert_clean(page, refused, "/jobs/")

    page.goto(base + job.get_absolute_url())
    expect(page.locator("h1")).to_contain_text("财务会计助理")
    assert_clean(page, refused, "job page")

    page.goto(base + course.url)
    expect(page.get_by_role("button", name=re.compile(r"^(Enrol|报名) "))).to_be_visible()
    assert_clean(page, refused, "course page")

    page.goto(base + consultant.get_absolute_url())
    slots = page.locator(".slot-list a")
    expect(slots.first).to_be_visible()
    slots.first.click()
    expect(page.locator("input[name=topic]")).to_be_visible()
    assert_clean(page, refused, "booking page")
