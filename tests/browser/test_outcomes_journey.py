"""Issue 14, done when: one graduate's journey from résumé to placement, then her data
taken and erased, with the federation's figures read before and after.

She (390 px) fills her profile and résumé, enrols in a course session, books a
consultation, saves a job search and applies with her résumé and a PDF; the employer
(1280 px) marks her hired; she confirms the placement from the link in her message.
An editor's statistics page and its CSV, and the home counter, each go up by one. She
downloads her data and finds each of those in the zip, then deletes her account. With
the clock past the 7-day grace the erasure runs: her CV is gone from storage, her saved
search too, the employer reads 已注销用户, and the statistics' totals stay as they were.

The course session and the consultation are booked in the future, as she would book
them; the test then moves them to earlier today (the statistics count what was held
up to today) and records her attendance, as test_consultation_flow moves its clock."""

import csv
import io
import json
import re
import zipfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation
from playwright.sync_api import expect
from wagtail.search.models import IndexEntry

from consultants import services as consultant_services
from consultants.models import Booking
from consultants.tests.factories import ConsultantFactory
from courses import services as course_services
from courses.models import CourseCategory, CourseIndexPage, CoursePage, CourseSession, Enrolment
from jobs.models import Application, Placement
from jobs.tests.factories import PDF_BYTES, EmployerMemberFactory, JobPostingFactory
from portal.accounts.models import PrivacyConsent
from portal.accounts.tests.factories import PASSWORD, UserFactory
from portal.notifications.models import Channel, OutboundMessage
from portal.pages.models import PlacementHistory
from portal.privacy.erasure import erase_due
from reports import figures
from reports.tests.activity import seed
from search.models import SavedSearch

from .test_consultation_flow import wait_for
from .test_jobs_flow import log_in, placement_counter

SCHOOL, DISTRICT = "重庆师范大学", "沙坪坝"
DESKTOP = {"width": 1280, "height": 900}
# The counts of the statistics (not the shares), by their column in the tables and CSV.
COUNTED = [f"{name}.{column}" for name, columns in figures.COLUMNS.items() for column, _label in columns]
ENROL = re.compile(r"^(Enrol|报名) ")


def column_keys(header):
    """The statistics' column of each header cell (None for the shares and the key)."""
    with translation.override("zh-hans"):
        labels = {str(label): f"{name}.{column}" for name, columns in figures.COLUMNS.items()
                  for column, label in columns}
    keys = [labels.get(title) for title in header]
    assert sorted(filter(None, keys)) == sorted(COUNTED), f"the statistics' columns are not all in {header}"
    return keys


def counts(keys, cells):
    return {key: int(value) for key, value in zip(keys, cells, strict=True) if key}


def csv_rows(page, table):
    """The rows of one table's CSV, downloaded through its link: {first cell: {column: n}}."""
    with page.expect_download() as download:
        page.locator(f"a[href*='table={table}']").click()
    body = Path(download.value.path()).read_text(encoding="utf-8-sig")
    header, *lines = list(csv.reader(io.StringIO(body)))
    keys = column_keys(header)
    return {line[0]: counts(keys, line) for line in lines}


def statistics(page, base, screenshot=None):
    """The editor's statistics page, its month table's totals (on the page and in the CSV,
    which must agree) and her school's and district's rows from their CSVs. With
    `screenshot`, the whole page is kept there: the admin scrolls inside its own pane, so
    the window is made as tall as that pane's content for the picture."""
    page.goto(base + "/cms/reports/statistics/")
    expect(page.locator(".pygal-chart")).to_have_count(3)
    if screenshot:
        tallest = page.evaluate("Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))")
        page.set_viewport_size({"width": DESKTOP["width"], "height": tallest})
        page.screenshot(path=str(screenshot), full_page=True)
        page.set_viewport_size(DESKTOP)
    table = page.locator("section.report-table", has=page.locator("#table-month")).locator("table")
    header = table.locator("thead th").all_inner_texts()[1:]
    totals = table.locator("tfoot td").all_inner_texts()
    on_page = counts(column_keys(header), totals)
    months = csv_rows(page, "month")
    [csv_totals] = [row for key, row in months.items() if not re.match(r"\d{4}-\d{2}$", key)]
    assert csv_totals == on_page, "the page's totals and the CSV's differ"
    return {"totals": on_page, "school": csv_rows(page, "school").get(SCHOOL),
            "district": csv_rows(page, "district").get(DISTRICT)}


def make_course(home_page):
    index = CourseIndexPage.objects.first() or home_page.add_child(
        instance=CourseIndexPage(title="课程培训", slug="courses"))
    category = CourseCategory.objects.create(name="求职准备", name_en="Job search", slug="job-search")
    course = index.add_child(instance=CoursePage(title="面试技巧实战", slug="interview-practice", category=category,
                                                 summary="结构化面试与模拟面试。", format="offline"))
    starts = timezone.now() + timedelta(days=5)
    session = CourseSession.objects.create(course=course, starts_at=starts, ends_at=starts + timedelta(hours=2),
                                           venue="沙坪坝区妇女儿童活动中心 3 楼", capacity=20)
    return course, session


def held_earlier_today(enrolment, booking):
    """Her session and consultation took place: two hours ago, marked attended."""
    start = timezone.now() - timedelta(hours=2)
    CourseSession.objects.filter(pk=enrolment.session_id).update(starts_at=start, ends_at=start + timedelta(hours=1))
    course_services.set_attendance(enrolment.session, enrolment.pk, True)
    Booking.objects.filter(pk=booking.pk).update(start=start, end=start + timedelta(minutes=50))
    consultant_services.set_outcome(booking, Booking.Status.COMPLETED)


def test_from_resume_to_placement_then_export_and_erasure(browser, live_server, home_page, artifacts, tmp_path):
    base = live_server.url
    seed(home_page)  # three other graduates' known activity, so that the charts have something around hers
    home_page.counters = [("counter", {"number": 0, "source": "placements", "suffix": "",
                                       "label": "名女性通过平台成功就业"})]
    home_page.save_revision().publish()
    PlacementHistory.objects.create(site=home_page.get_site(), historical_placements=2300,
                                    historical_placements_source="市妇联 2023 年工作报告")
    course, session = make_course(home_page)
    consultant = ConsultantFactory(display_name="陈老师", specialty_codes=["career"], modes=["online"])
    member = EmployerMemberFactory(employer__name="沙坪坝巾帼电商有限公司")
    assert member.employer.verification_status == "verified"
    job = JobPostingFactory(employer=member.employer, title="电商会计助理", district=DISTRICT,
                            description="负责网店账务与报表。")
    editor_user = UserFactory(is_staff=True)
    editor_user.groups.add(Group.objects.get(name="Editors"))

    editor = log_in(browser, base, editor_user)
    editor.set_viewport_size(DESKTOP)
    visitor = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    before = statistics(editor, base)
    counter_before = placement_counter(visitor, base)
    history = visitor.locator('[data-counter="historical"]').inner_text()
    assert "2300" in history.replace(",", "") and before["school"] is None

    # 1. She registers (the figures count her from now), fills her profile and her résumé.
    graduate = UserFactory(display_name="小雨")
    PrivacyConsent.objects.create(user=graduate, notice_version=settings.PRIVACY_NOTICE_VERSION)
    her = log_in(browser, base, graduate)
    her.goto(base + "/me/profile/")
    profile = her.locator("main form")
    profile.locator("[name=school]").fill(SCHOOL)
    profile.locator("[name=major]").fill("会计学")
    profile.locator("[name=degree]").select_option("bachelor")
    profile.locator("[name=graduation_year]").fill(str(timezone.localdate().year))
    profile.locator("[name=city]").fill(DISTRICT)
    profile.locator("button[type=submit]").last.click()
    expect(her.locator(".messages")).to_be_visible()
    her.goto(base + "/me/resume/")
    resume = her.locator("main form").first
    expect(resume.locator("[name=school]")).to_have_value(SCHOOL)  # from her profile
    resume.locator("[name=full_name]").fill("李小雨")
    resume.locator("[name=graduation]").fill(f"{timezone.localdate().year}-06")
    resume.locator("[name=contact_phone]").fill("13800138000")
    resume.locator("[name=contact_email]").fill("xiaoyu@example.com")
    resume.locator("button[type=submit]").last.click()
    expect(her.locator(".messages")).to_be_visible()

    # She enrols in the course session and books a career consultation about interviews.
    her.goto(base + course.url)
    her.get_by_role("button", name=ENROL).click()
    expect(her.locator(".messages")).to_contain_text("报名成功")
    enrolment = Enrolment.objects.get(user=graduate, session=session)
    her.goto(base + consultant.get_absolute_url())
    her.locator(".slot-list a").first.click()
    her.locator("input[name=topic_code][value=interview]").check()
    her.locator("input[name=topic]").fill("第一次面试很紧张")
    her.get_by_role("button", name="确认预约").click()
    expect(her).to_have_url(re.compile(r"/consultants/bookings/\d+/$"))
    booking = Booking.objects.get(seeker=graduate)

    # She saves a job search and applies with her online résumé and a PDF.
    her.goto(base + "/jobs/")
    her.get_by_label(re.compile("岗位名称、技能或用人单位")).fill("会计")
    her.locator("main").get_by_role("search").get_by_role("button", name="搜索").click()
    her.get_by_role("button", name="保存此搜索").click()
    expect(her.get_by_role("status").filter(has_text="已保存")).to_be_visible()
    assert SavedSearch.objects.filter(user=graduate).count() == 1
    her.goto(base + f"/jobs/{job.pk}/")
    apply_form = her.locator("form[action$='/apply/']")
    expect(apply_form.locator("[name=with_resume]")).to_be_checked()
    cv = tmp_path / "李小雨简历.pdf"
    cv.write_bytes(PDF_BYTES)
    apply_form.locator("input[name=cv_file]").set_input_files(str(cv))
    apply_form.locator("[name=cover_note]").fill("你好，我是会计学专业应届毕业生，熟悉网店财务。")
    apply_form.locator("button[type=submit]").click()
    application = Application.objects.get(seeker=graduate)
    expect(her).to_have_url(base + f"/me/applications/{application.pk}/")
    cv_path = Path(settings.PRIVATE_MEDIA_ROOT) / application.cv.file.name
    assert application.with_resume and cv_path.exists()

    # 2. The employer, at 1280 px, reads her résumé, makes an offer and marks her hired.
    employer = log_in(browser, base, member.user)
    employer.set_viewport_size(DESKTOP)
    employer.goto(base + f"/jobs/employer/applications/{application.pk}/")
    expect(employer.locator("main")).to_contain_text("李小雨")
    expect(employer.locator("main")).to_contain_text(SCHOOL)
    for decision, words in (("offer", "我们很高兴向你发出录用通知。"), ("hired", "欢迎加入，下周一报到。")):
        decide = employer.locator("form[action$='/decide/']")
        decide.locator("[name=decision]").select_option(decision)
        decide.locator("[name=message]").fill(words)
        decide.get_by_role("button").click()
        expect(employer.locator(".messages")).to_be_visible()
    placement = Placement.objects.get(application=application)
    assert placement_counter(visitor, base) == counter_before  # the employer's word alone does not count

    # 3. Her message links to her placement page, absolutely, and names the site; she confirms.
    message = wait_for(OutboundMessage.objects.filter(template="jobs/messages/placement/confirm",
                                                      channel=Channel.EMAIL, to=[graduate.email]))
    assert "巾帼职达" in message.body
    link = re.search(r"https?://[^\s\"'<>]+/me/placements/\d+/", message.body).group(0)
    assert link == f"{base}/me/placements/{placement.pk}/"
    her.goto(link)
    expect(her.locator("main")).to_contain_text("电商会计助理")
    her.screenshot(path=str(artifacts / "journey-placement-390.png"), full_page=True)
    her.get_by_role("button", name="我已入职").click()
    expect(her.locator(".messages")).to_be_visible()
    assert Placement.objects.counted().filter(pk=placement.pk).exists()

    # 4. Held and attended: the statistics and the home counter each go up by one.
    held_earlier_today(enrolment, booking)
    after = statistics(editor, base, screenshot=artifacts / "journey-statistics-1280.png")
    for number, chart in enumerate(editor.locator(".report-charts figure").all(), start=1):
        chart.screenshot(path=str(artifacts / f"journey-statistics-chart-{number}.png"))
    grown = {name: after["totals"][name] - before["totals"][name] for name in COUNTED}
    assert grown == {name: int(name in {
        "registrations.registrations", "courses.enrolments", "courses.attended", "consultations.consultations",
        "consultations.attended", "applications.applications", "applications.answered_in_time",
        "placements.placements"}) for name in COUNTED}
    for row in (after["school"], after["district"]):
        assert row is not None and all(row[name] == grown[name] for name in COUNTED)
    assert placement_counter(visitor, base) == counter_before + 1
    assert visitor.locator('[data-counter="historical"]').inner_text() == history

    # 5. She downloads her data from her privacy page and finds each step of her journey in it.
    her.goto(base + "/me/privacy/")
    assert her.evaluate("document.scrollingElement.scrollWidth") <= 390
    her.screenshot(path=str(artifacts / "journey-privacy-390.png"), full_page=True)
    with her.expect_download() as download:
        her.locator("#export form button[type=submit]").click()
    with zipfile.ZipFile(download.value.path()) as archive:
        sections = json.loads(archive.read("data.json"))["sections"]
        files = archive.namelist()
        assert archive.read(f"files/cvs/{application.cv_id}.pdf") == PDF_BYTES
    assert "files/resume.pdf" in files
    assert sections["resume"]["resume"]["full_name"] == "李小雨" and sections["resume"]["resume"]["school"] == SCHOOL
    assert [row["course"] for row in sections["courses"]["enrolments"]] == ["面试技巧实战"]
    [booked] = sections["consultations"]["bookings"]
    assert "第一次面试很紧张" in json.dumps(booked, ensure_ascii=False)
    [applied] = sections["jobs"]["applications"]
    assert (applied["job"], applied["status"]) == ("电商会计助理", "hired")
    assert [row["job"] for row in sections["jobs"]["placements"]] == ["电商会计助理"]
    assert [row["keywords"] for row in sections["search"]["saved_searches"]] == ["会计"]

    # 6. She deletes her account with her password; the page states the 7 days.
    her.get_by_role("link", name="注销我的账号…").click()
    expect(her.locator(".confirm__summary")).to_contain_text("7 天")
    her.locator("main form.confirm__form [name=password]").fill(PASSWORD)
    her.locator(".confirm__actions button[type=submit]").click()
    expect(her.locator(".messages")).to_contain_text("注销")
    graduate.refresh_from_db()
    assert graduate.deletion_requested_at is not None

    # 7. Past the grace period the erasure runs.
    assert erase_due(now=timezone.now() + timedelta(days=6)) == 0
    assert erase_due(now=timezone.now() + timedelta(days=7, minutes=1)) == 1
    assert not cv_path.exists()
    assert not SavedSearch.objects.filter(user_id=graduate.pk).exists()
    assert not IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(graduate),
                                         object_id=str(graduate.pk)).exists()
    employer.goto(base + f"/jobs/employer/applications/{application.pk}/")
    main = employer.locator("main")
    expect(main).to_contain_text("已注销用户")
    for gone in ("李小雨", "小雨", SCHOOL, "xiaoyu@example.com", "13800138000", "熟悉网店财务"):
        expect(main).not_to_contain_text(gone)
    employer.screenshot(path=str(artifacts / "journey-anonymised-applicant-1280.png"), full_page=True)
    erased = statistics(editor, base)
    assert erased == after, "erasing her account changed the federation's figures"
    assert placement_counter(visitor, base) == counter_before + 1
