"""Whole journeys in Chromium against the running stack (`make journeys`).

The stack (scripts/stack.sh: gunicorn, a Celery worker and beat, PostgreSQL,
Redis) serves BASE on a fresh database with the demo content. Everything a person
does goes through the browser; what this script reads or writes in the database
directly is what no person's browser would do:

- the federation's own staff accounts exist before (an editor who also moderates,
  and a consultant without any hours yet), as an operator makes them;
- messages are read from the outbox table, as the worker sends them;
- a session that lies in the future is moved to earlier today before attendance
  is marked, as tests/browser/test_consultation_flow.py does, instead of waiting.

A graduate on a phone (390 px) signs up with her mobile number, completes her
résumé, enrols in a course session, books a consultation by phone, searches jobs
for a Chinese keyword with a district facet, saves a job, applies with her résumé,
accepts an interview invitation and confirms she was hired. An employer (1280 px)
registers, is verified, posts (the screen flags her wording, she rewrites it and
submits), invites and hires. A consultant sets her hours, takes the booking and
marks attendance. An editor publishes a news page and a course session and
approves the posting. Each message the graduate gets must name the site and link
absolutely. Screenshots of each main page go to test-artifacts/journeys/.

    DATABASE_URL=... .venv/bin/python scripts/journeys.py http://127.0.0.1:8000
"""

import os
import re
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
# Playwright's sync API runs an event loop in this thread; the ORM calls here are plain synchronous code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import django  # noqa: E402

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.utils import timezone  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from consultants.models import Booking, Consultant, Specialty  # noqa: E402
from courses.models import CoursePage, CourseSession, Enrolment  # noqa: E402
from jobs.models import Application, Employer, Favourite, JobPosting, Placement  # noqa: E402
from portal.accounts.models import User  # noqa: E402
from portal.notifications.models import Channel, OutboundMessage  # noqa: E402
from portal.pages.models import NewsPage  # noqa: E402
from tests.browser.axe import audit  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = ROOT / "test-artifacts" / "journeys"
SITE_NAME = settings.WAGTAIL_SITE_NAME
STAFF_PASSWORD = "Journeys-Staff-2026!"
PASSWORD = "Lanhua-Qiuzhi-2026!"
NUMBER, TYPED_NUMBER = "+8613912340018", "139 1234 0018"
EMPLOYER_EMAIL = "hr@yongchuan-huimin.example"
JOB_TITLE, KEYWORD, DISTRICT = "幼儿园保育员", "保育员", "永川"
LOG_IN = re.compile(r"log in|sign in|登录", re.I)
ENROL = re.compile(r"^(Enrol|报名) ")
URL = re.compile(r"""https?://[^\s"'<>]+""")

shots = []


def shot(page, name):
    """A full-page screenshot, numbered in journey order; the site's own pages (not
    Wagtail's admin, which is Wagtail's) are audited by axe-core as they stand."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{len(shots) + 1:02d}-{name}-{page.viewport_size['width']}.png"
    page.wait_for_load_state("load")
    page.screenshot(path=str(path), full_page=True)
    shots.append(path.name)
    if "/cms/" not in page.url:
        audit(page, name)


def step(text):
    print(f"journeys: {text}", flush=True)


def wait_for(rows, timeout=30.0, what="message"):
    """The newest row of `rows`, polling: the worker writes and sends after each step commits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = rows.order_by("-pk").first()
        if found is not None:
            return found
        time.sleep(0.2)
    raise AssertionError(f"no {what} within {timeout} s: {rows.query}")


def wait_sent(message, timeout=60.0):
    """The worker (not this script) sends it: the row turns 'sent'."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        message.refresh_from_db()
        if message.status == OutboundMessage.Status.SENT:
            return message
        time.sleep(0.5)
    raise AssertionError(f"outbox row {message.pk} ({message.template}) still {message.status}: {message.last_error}")


def check_message(message, base):
    """Names the site; every link in it is absolute and points at the served site."""
    text = f"{message.subject}\n{message.body}"
    assert SITE_NAME in text, f"{message.template} to {message.to} does not name {SITE_NAME}:\n{text}"
    for link in URL.findall(message.body + message.html_body):
        assert link.startswith(base + "/"), f"{message.template}: link {link} is not on {base}"
    relative = re.findall(r'href="(/[^"]*)"', message.html_body)
    assert not relative, f"{message.template}: relative links {relative}"


def new_page(browser, viewport):
    context = browser.new_context(locale="zh-CN", viewport=viewport)
    context.set_default_timeout(15_000)
    return context.new_page()


def log_in(browser, base, email, password, viewport, landing):
    page = new_page(browser, viewport)
    page.goto(base + "/accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(password)
    form.get_by_role("button", name=LOG_IN).click()
    expect(page).to_have_url(re.compile(re.escape(base) + landing))
    return page


def open_menu(page):
    page.wait_for_load_state("load")
    menu = page.locator("header .menu-button")
    if menu.is_visible() and menu.get_attribute("aria-expanded") != "true":
        menu.click()


def staff():
    """The editor (who also moderates) and a consultant without hours: made by an operator."""
    editor = User.objects.create_user(email="editor@jinguo.example", password=STAFF_PASSWORD,
                                      display_name="编辑小周", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"), Group.objects.get(name="Moderators"))
    user = User.objects.create_user(email="counsellor@jinguo.example", password=STAFF_PASSWORD,
                                    display_name="许老师")
    consultant = Consultant.objects.create(user=user, display_name="许文清", title="职业规划师",
                                           modes=["phone", "online"], languages=["zh"], min_notice_hours=12)
    consultant.specialties.set([Specialty.objects.get(code="career")])
    for person in (editor, user):
        EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    return editor, consultant


def consultant_sets_hours(browser, base, consultant):
    step("the consultant sets her weekly hours")
    page = log_in(browser, base, consultant.user.email, STAFF_PASSWORD, DESKTOP, "/consultants/me/")
    shot(page, "consultant-workspace")
    page.goto(base + "/consultants/me/availability/")
    day = timezone.localdate() + timedelta(days=3)
    page.select_option("select[name=rule-weekday]", str(day.weekday()))
    page.fill("input[name=rule-start_time]", "09:00")
    page.fill("input[name=rule-end_time]", "12:00")
    page.locator("button[name=add_rule]").click()
    expect(page.locator(".messages")).to_be_visible()
    assert consultant.rules.count() == 1
    shot(page, "consultant-availability")
    return page


def editor_publishes(browser, base):
    step("the editor publishes a news page and a course session")
    page = log_in(browser, base, "editor@jinguo.example", STAFF_PASSWORD, DESKTOP, "/cms/")
    shot(page, "editor-dashboard")
    index = NewsPage.objects.live().first().get_parent()
    page.goto(base + f"/cms/pages/add/pages/newspage/{index.pk}/")
    page.locator("#id_title").fill("巾帼职达春季招聘会开始报名")
    page.locator("#id_intro").fill("三月十五日，永川区妇联联合二十家用人单位举办女大学生专场招聘会。")
    # A Chinese title makes no slug by itself: the editor types one on the promote tab.
    page.get_by_role("tab", name=re.compile("推荐|Promote")).click()
    page.locator("#id_slug").fill("spring-job-fair")
    publish(page)
    news = wait_for(NewsPage.objects.live().filter(title="巾帼职达春季招聘会开始报名"), what="news page")

    course = CoursePage.objects.live().order_by("pk").first()
    before = set(course.sessions.values_list("pk", flat=True))
    page.goto(base + f"/cms/pages/{course.pk}/edit/")
    page.get_by_role("button", name=re.compile(r"增加\s*场次|Add session", re.I)).click()
    number = int(page.locator("#id_sessions-TOTAL_FORMS").input_value()) - 1
    starts = timezone.localtime() + timedelta(days=6)
    for field, value in (("starts_at", starts.strftime("%Y-%m-%d 14:00")),
                         ("ends_at", starts.strftime("%Y-%m-%d 16:00")),
                         ("venue", "永川区妇女儿童活动中心 2 楼"), ("capacity", "12")):
        page.locator(f"#id_sessions-{number}-{field}").fill(value)
        page.keyboard.press("Escape")  # the date picker covers the next field
    publish(page)
    session = wait_for(CourseSession.objects.filter(course=course).exclude(pk__in=before), what="course session")
    page.goto(base + news.url)
    expect(page.locator("h1")).to_have_text("巾帼职达春季招聘会开始报名")
    shot(page, "news-page")
    return page, course, session


def publish(page):
    """Wagtail's footer: 发布 is the first action (portal ui), the dropdown holds the rest."""
    page.locator("footer button[name=action-publish]").click()
    expect(page.locator(".messages")).to_contain_text(re.compile("发布|published", re.I))


def employer_registers(browser, base, editor_page):
    step("the employer signs up, registers her organisation and is verified")
    page = new_page(browser, DESKTOP)
    page.goto(base + "/accounts/signup/")
    form = page.locator("main form")
    form.locator("input[name=email]").fill(EMPLOYER_EMAIL)
    form.locator("input[name=password1]").fill(PASSWORD)
    form.locator("input[name=password2]").fill(PASSWORD)
    form.locator("input[name=privacy_consent]").check()
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(base + "/accounts/confirm-email/")
    confirm = wait_for(OutboundMessage.objects.filter(to=[EMPLOYER_EMAIL], template__contains="confirm"))
    check_message(confirm, base)
    page.goto(re.search(r"https?://\S+/accounts/confirm-email/\S+/", confirm.body).group(0))
    page.locator("main").get_by_role("button", name=re.compile("confirm|确认", re.I)).click()
    page = log_in(browser, base, EMPLOYER_EMAIL, PASSWORD, DESKTOP, "/")

    page.goto(base + "/jobs/employer/register/")
    form = page.locator("main form")
    form.locator("[name=name]").fill("永川惠民幼儿园")
    form.locator("[name=credit_code]").fill(credit_code())
    form.locator("[name=industry]").select_option("education")
    form.locator("[name=size]").select_option(index=1)
    form.locator("[name=district]").select_option(DISTRICT)
    form.locator("[name=description]").fill("永川区一所普惠性幼儿园，欢迎学前教育专业的毕业生。")
    form.locator("[name=contact_name]").fill("黄园长")
    form.locator("[name=contact_phone]").fill("023-49812345")
    form.locator("[name=contact_email]").fill(EMPLOYER_EMAIL)
    form.locator("[name=licence]").set_input_files(files={"name": "营业执照.pdf", "mimeType": "application/pdf",
                                                            "buffer": licence_pdf()})
    form.locator("[name=declaration]").check()
    shot(page, "employer-registration")
    form.locator("button[type=submit]").last.click()
    expect(page.locator("main")).to_contain_text("等待认证")
    employer = Employer.objects.get(name="永川惠民幼儿园")

    editor_page.goto(base + "/cms/jobs/verification/")
    editor_page.get_by_role("link", name="永川惠民幼儿园").first.click()
    shot(editor_page, "moderator-verification")
    editor_page.get_by_role("button", name=re.compile("^(认证通过|Verify|通过认证)$")).click()
    employer.refresh_from_db()
    assert employer.verified
    return page, employer


def credit_code():
    from jobs.credit_code import make_credit_code

    return make_credit_code("52", "500118", "MJP0018X")


def licence_pdf():
    from jobs.tests.factories import PDF_BYTES

    return PDF_BYTES


def employer_posts(page, base, editor_page):
    step("the employer posts a job: the screen flags her wording, she rewrites it, submits; the editor approves")
    page.goto(base + "/jobs/employer/new/")
    form = page.locator("main form")
    form.locator("[name=title]").fill(JOB_TITLE)
    form.locator("[name=district]").select_option(DISTRICT)
    form.locator("[name=industry]").select_option("education")
    form.locator("[name=salary_min]").fill("3500")
    form.locator("[name=salary_max]").fill("4800")
    form.locator("[name=description]").fill("负责小班幼儿的生活照料与卫生保健，配合教师开展一日活动。")
    form.locator("[name=requirements]").fill("学前教育相关专业，限未婚。")
    form.locator("[name=expires_on]").fill((timezone.localdate() + timedelta(days=30)).isoformat())
    expect(page.locator("#findings-requirements mark.flagged")).to_be_visible()
    shot(page, "employer-posting-flagged")
    form.locator("button[name=submit]").click()
    expect(page.locator("#findings-requirements mark.flagged").first).to_be_visible()
    posting = JobPosting.objects.get(title=JOB_TITLE)
    assert posting.status == JobPosting.Status.NEEDS_CHANGES, posting.status
    page.locator("[name=requirements]").fill("学前教育相关专业，持保育员证书者优先。")
    page.locator("button[name=submit]").click()
    expect(page.locator(".posting-status")).to_contain_text("待审核")
    shot(page, "employer-posting-submitted")

    editor_page.goto(base + "/cms/jobs/moderation/")
    editor_page.get_by_role("link", name=JOB_TITLE).click()
    shot(editor_page, "moderator-review")
    editor_page.get_by_role("button", name=re.compile(r"approve and publish|通过并发布", re.I)).click()
    # Back on the queue, which still holds the demo's other postings, but not hers.
    expect(editor_page).to_have_url(re.compile(r"/cms/jobs/moderation/$"))
    expect(editor_page.get_by_role("link", name=JOB_TITLE)).to_have_count(0)
    posting.refresh_from_db()
    assert posting.is_visible()
    return posting


def graduate_signs_up(browser, base):
    step("the graduate signs up with her mobile number")
    page = new_page(browser, PHONE)
    page.goto(base + "/")
    shot(page, "home")
    open_menu(page)
    page.locator("header").get_by_role("link", name=re.compile("sign up|注册", re.I)).click()
    form = page.locator("main form")
    form.get_by_role("textbox", name=re.compile(r"^(mobile number|手机号)$", re.I)).fill(TYPED_NUMBER)
    for field in form.locator("input[type=password]").all():
        field.fill(PASSWORD)
    form.locator("input[name=privacy_consent]").check()
    shot(page, "graduate-signup")
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(base + "/accounts/phone/verify/")
    code = wait_for(OutboundMessage.objects.filter(channel=Channel.SMS, to=[NUMBER],
                                                   template="account/messages/verification_code"))
    page.locator("input[name=code]").fill(re.search(r"\b(\d{6})\b", code.body).group(1))
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(base + "/me/")
    shot(page, "graduate-dashboard")
    graduate = User.objects.get(phone=NUMBER)
    assert graduate.phone_verified
    return page, graduate


def graduate_resume(page, base):
    step("she completes her résumé")
    page.goto(base + "/me/resume/")
    resume = page.locator("main form").first
    resume.locator("[name=full_name]").fill("周小满")
    resume.locator("[name=school]").fill("重庆文理学院")
    resume.locator("[name=major]").fill("学前教育")
    resume.locator("[name=degree]").select_option("bachelor")
    resume.locator("[name=graduation]").fill("2026-06")
    resume.locator("[name=contact_phone]").fill(TYPED_NUMBER)
    resume.locator("button[type=submit]").last.click()
    expect(page.locator(".messages")).to_be_visible()
    shot(page, "graduate-resume")


def graduate_enrols(page, base, course, session, graduate):
    step("she enrols in the new session")
    page.goto(base + "/courses/")
    shot(page, "courses")
    page.goto(base + course.url)
    page.locator(f"form[action$='/sessions/{session.pk}/enrol/']").get_by_role("button", name=ENROL).click()
    expect(page.locator(".messages")).to_contain_text("报名成功")
    shot(page, "course-enrolled")
    assert Enrolment.objects.get(user=graduate, session=session).status == "enrolled"


def graduate_books(page, base, consultant, graduate):
    step("she books a consultation by phone")
    page.goto(base + "/consultants/")
    shot(page, "consultants")
    page.goto(base + consultant.get_absolute_url())
    shot(page, "consultant-profile")
    page.locator(".slot-list a").first.click()
    page.locator("input[name=topic_code]").first.check()
    page.locator("input[name=topic]").fill("第一份工作怎么选")
    page.locator("input[name=mode][value=phone]").check()
    shot(page, "booking-form")
    page.get_by_role("button", name=re.compile(r"confirm booking|确认预约", re.I)).click()
    expect(page).to_have_url(re.compile(r"/consultants/bookings/\d+/$"))
    shot(page, "booking-confirmed")
    return Booking.objects.get(seeker=graduate)


def graduate_searches_saves_applies(page, base, posting, graduate):
    step("she searches jobs for a Chinese keyword with a district facet, saves the job and applies")
    page.goto(base + "/jobs/")
    page.get_by_label(re.compile("岗位名称、技能或用人单位")).fill(KEYWORD)
    page.locator("main").get_by_role("search").get_by_role("button", name="搜索").click()
    page.locator(".filters__summary").click()
    page.get_by_role("region", name=re.compile("District|区县")).get_by_role(
        "link", name=re.compile(DISTRICT)).click()
    expect(page).to_have_url(re.compile("city="))  # the district facet's parameter
    result = page.get_by_role("link", name=JOB_TITLE)
    expect(result).to_be_visible()
    shot(page, "job-search")
    result.click()
    expect(page.locator("h1")).to_have_text(JOB_TITLE)
    save = page.locator("main form[action$='/favourite/'] button").first
    save.click()
    expect(save).to_contain_text("已收藏")  # favourites.js answers in place, without a page load
    assert Favourite.objects.filter(user=graduate, job=posting).exists()
    apply_form = page.locator("form[action$='/apply/']")
    expect(apply_form.locator("[name=with_resume]")).to_be_checked()
    apply_form.locator("[name=cover_note]").fill("您好，我是学前教育专业应届毕业生，实习过一学期。")
    shot(page, "job-detail")
    apply_form.locator("button[type=submit]").click()
    application = wait_for(Application.objects.filter(seeker=graduate, job=posting), what="application")
    expect(page).to_have_url(base + f"/me/applications/{application.pk}/")
    shot(page, "application-sent")
    assert application.with_resume
    return application


def employer_invites(page, base, application, her):
    step("the employer invites her; she accepts from her message")
    page.goto(base + f"/jobs/employer/applications/{application.pk}/")
    expect(page.locator("main")).to_contain_text("周小满")
    shot(page, "employer-applicant")
    invite = page.locator("form[action$='/invite/']")
    start = timezone.localtime() + timedelta(days=4)
    invite.locator("[name=starts_at]").fill(start.strftime("%Y-%m-%dT10:00"))
    invite.locator("[name=place]").fill("永川区兴龙大道 88 号惠民幼儿园")
    invite.get_by_role("button").click()
    expect(page.locator(".messages")).to_be_visible()
    invitation = wait_for(OutboundMessage.objects.filter(to=[NUMBER], template="jobs/messages/application",
                                                         body__contains="面试邀请"))
    link = next(u for u in URL.findall(invitation.body) if "/me/applications/" in u)
    her.goto(link)
    her.get_by_role("button", name=re.compile(r"^(accept|接受)$", re.I)).click()
    expect(her.locator(".messages")).to_be_visible()
    shot(her, "interview-accepted")


def employer_hires(page, base, application, her):
    step("the employer hires her; she confirms from her message")
    page.goto(base + f"/jobs/employer/applications/{application.pk}/")
    decide = page.locator("form[action$='/decide/']")
    decide.locator("[name=decision]").select_option("hired")
    decide.get_by_role("button").click()
    expect(page.locator(".messages")).to_be_visible()
    placement = Placement.objects.get(application=application)
    asked = wait_for(OutboundMessage.objects.filter(to=[NUMBER], body__contains="/me/placements/"))
    link = next(u for u in URL.findall(asked.body) if "/me/placements/" in u)
    assert link == f"{base}/me/placements/{placement.pk}/", link
    her.goto(link)
    shot(her, "placement")
    her.get_by_role("button", name=re.compile(r"^(I have started this job|我已入职)$")).click()
    expect(her.locator(".messages")).to_be_visible()
    assert Placement.objects.counted().filter(pk=placement.pk).exists()


def consultant_takes_booking(page, base, booking):
    step("the consultant takes the booking and marks attendance")
    page.goto(base + "/consultants/me/")
    # Her intake waits to be read: the link names her masked number and her topic.
    page.get_by_role("link", name=re.compile("第一份工作怎么选")).first.click()
    expect(page).to_have_url(base + booking.get_absolute_url())
    shot(page, "consultant-booking")
    start = timezone.now() - timedelta(hours=2)
    Booking.objects.filter(pk=booking.pk).update(start=start, end=start + timedelta(minutes=50))
    page.reload()
    page.get_by_role("button", name="学员已出席").click()
    expect(page.locator(".booking-status")).to_have_text("已出席")


def her_messages(base, graduate):
    step("every message she got names the site and links absolutely, and was sent")
    messages = list(OutboundMessage.objects.filter(to=[NUMBER]).order_by("pk"))
    if graduate.email:
        messages += list(OutboundMessage.objects.filter(to=[graduate.email]).order_by("pk"))
    templates = [message.template for message in messages]
    print("journeys: her messages: " + ", ".join(templates))
    for message in messages:
        check_message(message, base)
        wait_sent(message)
    return templates


def main(base):
    base = base.rstrip("/")
    editor, consultant = staff()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        expect.set_options(timeout=15_000)
        try:
            journeys(browser, base, consultant)
        except BaseException:
            # Every open page as it stood, for the person reading the failure.
            SHOTS.mkdir(parents=True, exist_ok=True)
            for number, page in enumerate(p for context in browser.contexts for p in context.pages):
                page.screenshot(path=str(SHOTS / f"failure-{number}.png"), full_page=True)
                print(f"journeys: failure-{number}.png is {page.url}")
            raise
        browser.close()
    print(f"journeys: all done; {len(shots)} screenshots in {SHOTS.relative_to(ROOT)}/")


def journeys(browser, base, consultant):
    """The four people, in the order their steps depend on each other."""
    consultant_page = consultant_sets_hours(browser, base, consultant)
    editor_page, course, session = editor_publishes(browser, base)
    employer_page, _employer = employer_registers(browser, base, editor_page)
    posting = employer_posts(employer_page, base, editor_page)
    her, graduate = graduate_signs_up(browser, base)
    graduate_resume(her, base)
    graduate_enrols(her, base, course, session, graduate)
    booking = graduate_books(her, base, consultant, graduate)
    application = graduate_searches_saves_applies(her, base, posting, graduate)
    employer_invites(employer_page, base, application, her)
    employer_hires(employer_page, base, application, her)
    consultant_takes_booking(consultant_page, base, booking)
    templates = her_messages(base, graduate)
    for expected in ("verification_code", "courses/messages/confirmation", "consultants/messages/booking",
                     "jobs/messages/application", "placement"):
        assert any(expected in template for template in templates), f"no {expected} message among {templates}"


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
