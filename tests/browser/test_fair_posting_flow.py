"""A fair posting, end to end, on a phone: a verified employer (demo style, with
a member account) edits her live posting and types 男性优先 into the
description; the check highlights it below the field with the rule it breaks
before she saves. She tries to submit and cannot: the posting stays 待修改 with
the finding listed, and is off the public site. She rewrites it and submits; a
moderator opens the review in the Wagtail admin, sees what changed since the
approved version and approves; the public job page shows the new text.

Screenshots of the form with its highlights, her posting page and the review
page, at 390 and 1280 px, go to test-artifacts/screenshots/fair-*.png."""

import re

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from jobs import services
from jobs.models import JobPosting
from jobs.tests.factories import EmployerMemberFactory, JobPostingFactory
from portal.accounts.tests.factories import UserFactory

from .test_jobs_flow import log_in

WIDTHS = {390: 844, 1280: 900}
DESCRIPTION = "负责日常账务处理和报销审核。"


def screenshots(page, artifacts, name):
    """The page at each width, without sideways scrolling; back to the phone's width."""
    shots = artifacts / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for width, height in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
        assert scroll_width <= width, f"{name} is {scroll_width} px wide at {width} px"
        # The Wagtail admin scrolls its main area, not the page: the shot is as tall as it.
        tall = page.evaluate("Math.max(...[document.scrollingElement, ...document.querySelectorAll('main')]"
                             ".map(el => el.scrollHeight))")
        page.set_viewport_size({"width": width, "height": max(height, tall)})
        page.screenshot(path=str(shots / f"fair-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": WIDTHS[390]})


def test_flagged_wording_is_caught_while_typing_held_rewritten_and_approved(browser, live_server, home_page,
                                                                            artifacts):
    base = live_server.url
    member = EmployerMemberFactory(employer__name="永川智造有限公司", employer__verified=True,
                                   user=UserFactory(email="hr@yongchuan-zhizao.example", display_name="永川智造 HR"))
    moderator = UserFactory(is_staff=True, display_name="审核员")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    # Her posting, approved by a moderator on the version she saved: it is online.
    posting = JobPostingFactory.build(employer=member.employer, title="财务会计助理", description=DESCRIPTION,
                                      requirements="会计相关专业。", status=JobPosting.Status.DRAFT, published_at=None)
    services.save_posting(posting, member.user, submit=True)
    services.approve_posting(posting, moderator)
    posting.refresh_from_db()
    assert posting.is_visible() and posting.decided_revision is not None

    employer = log_in(browser, base, member.user)
    employer.goto(base + f"/jobs/employer/{posting.pk}/edit/")
    expect(employer.locator(".message--warning")).to_contain_text("修改后")
    description = employer.locator("textarea[name=description]")
    description.click()
    description.press("End")
    description.press_sequentially("男性优先，能适应出差。", delay=40)

    # Before saving: the phrase is marked below the field with the rule it breaks, and
    # the status region (read out by screen readers) names it.
    findings = employer.locator("#findings-description")
    expect(findings).to_be_visible()
    expect(findings.locator("mark.flagged")).to_have_text("男性优先")
    expect(findings.locator(".screen-explanation")).to_contain_text("《妇女权益保障法》第四十三条")
    expect(employer.locator("#screen-summary")).to_contain_text("男性优先")
    expect(employer.locator("#screen-summary")).to_have_attribute("role", "status")
    assert "findings-description" in description.get_attribute("aria-describedby")
    expect(employer.locator("#findings-requirements")).to_be_hidden()
    posting.refresh_from_db()
    assert posting.description == DESCRIPTION and posting.is_visible()  # nothing saved yet
    screenshots(employer, artifacts, "form-highlights")

    # She tries to submit: refused, held as 待修改 with the finding, and off the site.
    employer.get_by_role("button", name="保存并重新送审").click()
    expect(employer).to_have_url(base + f"/jobs/employer/{posting.pk}/edit/")
    expect(employer.locator(".messages")).to_contain_text("未提交")
    expect(employer.locator(".posting-status")).to_contain_text("待修改")
    expect(employer.locator("#findings-description mark.flagged")).to_have_text("男性优先")
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.NEEDS_CHANGES and not posting.is_visible()
    employer.goto(base + f"/jobs/employer/{posting.pk}/")
    expect(employer.locator(".posting-status")).to_contain_text("待修改")
    expect(employer.locator(".flagged-panel mark.flagged").first).to_have_text("男性优先")
    expect(employer.locator(".flagged-panel")).to_contain_text("第四十三条")
    expect(employer.get_by_role("button", name="提交审核")).to_have_count(0)
    screenshots(employer, artifacts, "posting-needs-changes")
    visitor = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    assert visitor.goto(base + f"/jobs/{posting.pk}/").status == 404

    # She rewrites it: the check clears as she types, and she submits.
    employer.get_by_role("link", name="修改用语").click()
    description = employer.locator("textarea[name=description]")
    description.fill("")
    description.press_sequentially("负责日常账务处理，欢迎应届毕业生。", delay=20)
    expect(employer.locator("#findings-description")).to_be_hidden()
    expect(employer.locator("#screen-summary")).to_have_text("检查未发现需修改的用语。")
    employer.locator("[name=salary_max]").fill("6500")
    employer.get_by_role("button", name="保存并提交审核").click()
    expect(employer.locator(".posting-status")).to_contain_text("待审核")
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.SUBMITTED and posting.flagged_phrases == []

    # The moderator reviews it in the Wagtail admin: the difference with the approved version.
    admin = log_in(browser, base, moderator)
    admin.goto(base + "/cms/jobs/moderation/")
    admin.get_by_role("link", name="财务会计助理").click()
    changes = admin.locator(".diff-table")
    described = changes.locator("tr", has_text="描述")
    expect(described.locator("ins.diff-ins")).to_contain_text("欢迎应届毕业生")
    expect(described.locator("ins.diff-ins .diff-label")).to_have_text("[新增：]")
    expect(described.locator("del.diff-del")).to_contain_text("和报销审核")
    expect(described.locator("del.diff-del .diff-label")).to_have_text("[删除：]")
    expect(changes.locator("tr", has_text="最高月薪")).to_contain_text("6500")
    expect(changes.locator("tbody tr")).to_have_count(2)  # description and salary: nothing else changed
    expect(admin.get_by_text(re.compile("与.*通过的版本相比"))).to_be_visible()
    expect(admin.locator(".verified")).to_contain_text("已认证用人单位")
    expect(admin.locator('[data-count="approved"]')).to_have_text("1")
    screenshots(admin, artifacts, "review")
    admin.get_by_role("button", name="通过并发布").click()
    expect(admin.get_by_text(re.compile("没有待审核的岗位"))).to_be_visible()
    posting.refresh_from_db()
    assert posting.is_visible() and posting.decided_revision == posting.latest_revision

    # The public job page shows it again, with the new wording.
    visitor.goto(base + f"/jobs/{posting.pk}/")
    expect(visitor.locator("h1")).to_have_text("财务会计助理")
    expect(visitor.locator("main")).to_contain_text("欢迎应届毕业生")
    expect(visitor.locator("main")).not_to_contain_text("男性优先")
