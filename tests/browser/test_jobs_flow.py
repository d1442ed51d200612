"""An employer submits a posting with 男性优先 and sees it held as 待修改; she edits it;
a moderator approves it in the admin; a graduate applies with a PDF; the
employer marks her hired, she confirms it; the home page's placement counter goes up by one.
Another graduate withdraws an application, through the confirmation page."""

import re
from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from jobs import applications
from jobs.models import Application, JobPosting
from jobs.tests.factories import PDF_BYTES, EmployerMemberFactory, JobPostingFactory, pdf_upload
from portal.accounts.tests.factories import PASSWORD, UserFactory
from portal.homes import landing_url

from .confirmation import check_confirmation_page

EMAIL_LABEL = re.compile(r"e-?mail|电子邮件|邮箱", re.I)
PASSWORD_LABEL = re.compile(r"password|密码", re.I)
LOG_IN = re.compile(r"log in|sign in|登录", re.I)
WITHDRAW = re.compile(r"^(withdraw|撤回)", re.I)
CONFIRM_WITHDRAW = re.compile(r"yes, withdraw it|确认撤回", re.I)
KEEP = re.compile(r"keep my application|保留申请", re.I)


def log_in(browser, base, user):
    """A phone-sized browser of her own, logged in through the site's form."""
    page = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    page.goto(base + "/accounts/login/")
    form = page.locator("main form")
    form.get_by_label(EMAIL_LABEL).fill(user.email)
    form.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    form.get_by_role("button", name=LOG_IN).click()
    # Each role lands on its own home: /me/, a consultant's workspace, an employer's postings.
    expect(page).to_have_url(base + landing_url(user))
    return page


def placement_counter(page, base):
    page.goto(base + "/")
    return int(page.locator('[data-counter="placements"]').inner_text())


def test_posting_from_flagged_draft_to_hire(browser, live_server, home_page, tmp_path):
    base = live_server.url
    home_page.counters = [("counter", {"number": 0, "source": "placements", "suffix": "",
                                       "label": "名女性通过平台成功就业"})]
    home_page.save_revision().publish()
    member = EmployerMemberFactory(employer__name="永川智造有限公司")
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    graduate = UserFactory()

    visitor = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    before = placement_counter(visitor, base)

    # The employer writes a posting with a gender preference and submits it.
    employer = log_in(browser, base, member.user)
    employer.goto(base + "/jobs/employer/new/")
    form = employer.locator("main form")
    form.locator("[name=title]").fill("财务会计助理")
    form.locator("[name=district]").select_option("永川")
    form.locator("[name=industry]").select_option("finance")
    form.locator("[name=salary_min]").fill("4000")
    form.locator("[name=salary_max]").fill("6000")
    form.locator("[name=description]").fill("负责日常账务处理和报销审核。")
    form.locator("[name=requirements]").fill("会计相关专业，男性优先。")
    form.locator("[name=expires_on]").fill((timezone.localdate() + timedelta(days=30)).isoformat())
    form.locator("button[name=submit]").click()
    # Not submitted: held as 待修改, back on her form with the finding below its field.
    expect(employer.locator("#findings-requirements mark.flagged")).to_have_text("男性优先")
    posting = JobPosting.objects.get()
    assert posting.status == JobPosting.Status.NEEDS_CHANGES and posting.flagged_phrases

    # She removes the wording and submits again: no more flags.
    employer.locator("[name=requirements]").fill("会计相关专业，欢迎应届毕业生。")
    employer.locator("button[name=submit]").click()
    expect(employer.locator("h1")).to_have_text("财务会计助理")
    expect(employer.locator("mark.flagged")).to_have_count(0)

    # The moderator approves it in the Wagtail admin.
    admin = log_in(browser, base, moderator)
    admin.goto(base + "/cms/jobs/moderation/")
    admin.get_by_role("link", name="财务会计助理").click()
    admin.get_by_role("button", name=re.compile(r"approve and publish|通过并发布", re.I)).click()
    expect(admin.get_by_text(re.compile(r"No postings are waiting|没有待审核的岗位"))).to_be_visible()
    posting.refresh_from_db()
    assert posting.is_visible()

    # The graduate finds it and applies with a PDF.
    applicant = log_in(browser, base, graduate)
    applicant.goto(base + "/jobs/")
    applicant.get_by_role("link", name="财务会计助理").click()
    cv = tmp_path / "我的简历.pdf"
    cv.write_bytes(PDF_BYTES)
    applicant.locator("input[name=cv_file]").set_input_files(str(cv))
    applicant.locator("[name=cover_note]").fill("您好，我是会计专业应届毕业生。")
    applicant.get_by_role("button", name=re.compile(r"send application|提交申请", re.I)).click()
    application = Application.objects.get()
    expect(applicant).to_have_url(base + f"/me/applications/{application.pk}/")
    expect(applicant.locator("main")).to_contain_text("财务会计助理")

    # The employer opens her application (no contact yet) and invites her with a time and place.
    employer.goto(base + f"/jobs/employer/applications/{application.pk}/")
    expect(employer.locator(".contact-hidden")).to_be_visible()
    invite = employer.locator("form[action$='/invite/']")
    start = timezone.localtime() + timedelta(days=3)
    invite.locator("[name=starts_at]").fill(start.strftime("%Y-%m-%dT10:00"))
    invite.locator("[name=place]").fill("永川区人民大道 1 号三楼")
    invite.locator("[name=contact_name]").fill("王女士")
    invite.get_by_role("button").click()
    expect(employer.locator(".messages")).to_be_visible()

    # She accepts; the employer's page then shows her email.
    applicant.goto(base + f"/me/applications/{application.pk}/")
    applicant.get_by_role("button", name=re.compile(r"^(accept|接受)$", re.I)).click()
    expect(applicant.locator(".messages")).to_be_visible()
    employer.goto(base + f"/jobs/employer/applications/{application.pk}/")
    expect(employer.locator("main")).to_contain_text(graduate.email)

    # Then marks her hired.
    decide = employer.locator("form[action$='/decide/']")
    decide.locator("[name=decision]").select_option("hired")
    decide.get_by_role("button").click()
    expect(employer.locator(".messages")).to_be_visible()
    application.refresh_from_db()
    assert application.status == Application.Status.HIRED
    # Hired is the employer's word: it counts once she confirms it on her page.
    assert placement_counter(visitor, base) == before
    applicant.goto(base + f"/me/placements/{application.placement.pk}/")
    applicant.get_by_role("button", name=re.compile(r"^(I have started this job|我已入职)$")).click()
    expect(applicant.locator(".messages")).to_be_visible()

    assert placement_counter(visitor, base) == before + 1


def test_withdrawing_an_application_asks_first(browser, live_server, home_page, artifacts):
    base = live_server.url
    job = JobPostingFactory(title="行政专员", employer__name="渝州物流有限公司")
    graduate = UserFactory()
    application = applications.apply(job.pk, graduate, upload=pdf_upload())
    page = log_in(browser, base, graduate)

    # 撤回 on her page leads to the confirmation, which names the job and what follows.
    page.get_by_role("link", name=WITHDRAW).click()
    expect(page.locator(".confirm__summary")).to_contain_text("行政专员")
    expect(page.locator(".confirm__summary")).to_contain_text("渝州物流有限公司")
    expect(page.locator(".confirm__consequences")).to_contain_text(re.compile("不能再申请|cannot apply"))
    check_confirmation_page(page, artifacts, "withdraw")

    # "Keep my application" goes back and changes nothing.
    page.get_by_role("link", name=KEEP).click()
    expect(page).to_have_url(base + "/me/")
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED

    # Confirming withdraws it.
    page.get_by_role("link", name=WITHDRAW).click()
    page.get_by_role("button", name=CONFIRM_WITHDRAW).click()
    expect(page).to_have_url(base + "/me/")
    expect(page.locator(".messages")).to_contain_text(re.compile("申请已撤回|withdrawn"))
    expect(page.locator(".application-list")).to_contain_text(re.compile("已撤回|Withdrawn"))
    expect(page.get_by_role("link", name=WITHDRAW)).to_have_count(0)
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
