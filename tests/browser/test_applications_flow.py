"""She fills her online résumé and applies with it to a verified employer's job; the
employer sees the résumé without her contact, invites her with a time and place; she
accepts and the employer sees her phone number. A second application is left
unanswered: with the clock moved 14 days it closes as 未获回复 and lowers the
employer's response rate on its page."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from jobs import applications, responsiveness
from jobs.models import CV, Application
from jobs.tasks import enforce_answer_deadlines
from jobs.tests.factories import EmployerMemberFactory, JobPostingFactory, pdf_upload
from portal.accounts.tests.factories import UserFactory

from .test_jobs_flow import log_in


def answered(job, days):
    seeker = UserFactory()
    cv = CV.objects.create(owner=seeker, original_name="cv.pdf", kind="pdf", size=10, file="cvs/x.pdf")
    sent = timezone.now() - timedelta(days=30)
    Application.objects.create(seeker=seeker, job=job, cv=cv, status="rejected", reason="skills", created_at=sent,
                               answered_at=sent + timedelta(days=days), closed_at=sent + timedelta(days=days))


def test_invited_accepted_contact_shown_and_unanswered_lowers_the_rate(browser, live_server, home_page,
                                                                        artifacts):
    base = live_server.url
    member = EmployerMemberFactory(employer__name="渝州会计服务有限公司", employer__contact_name="王女士")
    job = JobPostingFactory(employer=member.employer, title="财务会计助理")
    for days in (1, 2, 3):
        answered(job, days)
    assert member.employer.verification_status == "verified"
    graduate = UserFactory(display_name="小雨", phone="+8613800138000", phone_verified=True)

    # Her résumé, filled in on her phone; then she applies with it and a note.
    her = log_in(browser, base, graduate)
    her.goto(base + "/me/resume/")
    expect(her.locator("main")).to_contain_text("第四十三条")
    resume = her.locator("main form").first
    resume.locator("[name=full_name]").fill("李小雨")
    resume.locator("[name=school]").fill("重庆文理学院")
    resume.locator("[name=major]").fill("会计学")
    resume.locator("[name=degree]").select_option("bachelor")
    resume.locator("[name=graduation]").fill("2025-06")
    resume.locator("[name=contact_phone]").fill("13800138000")
    resume.locator("[name=contact_email]").fill("xiaoyu@example.com")
    resume.locator("button[type=submit]").last.click()
    expect(her.locator(".messages")).to_be_visible()
    her.goto(base + f"/jobs/{job.pk}/")
    apply_form = her.locator("form[action$='/apply/']")
    expect(apply_form.locator("[name=with_resume]")).to_be_checked()
    apply_form.locator("[name=cover_note]").fill("您好，我是会计学专业应届毕业生，熟悉金蝶。")
    apply_form.locator("button[type=submit]").click()
    expect(her.locator(".messages")).to_be_visible()
    application = Application.objects.get(seeker=graduate)
    assert application.with_resume and application.cv is None

    employer = log_in(browser, base, member.user)
    employer.goto(base + f"/jobs/employer/{job.pk}/")
    expect(employer.locator("main")).to_contain_text("重庆文理学院")
    expect(employer.locator("main")).to_contain_text("还剩 14 天答复")
    employer.get_by_role("link", name="李小雨", exact=True).click()
    expect(employer.locator(".contact-hidden")).to_be_visible()
    expect(employer.locator("main")).to_contain_text("会计学")
    for hidden in ("13800138000", "138 0013 8000", "xiaoyu@example.com", graduate.email):
        expect(employer.locator("main")).not_to_contain_text(hidden)

    start = timezone.localtime() + timedelta(days=3)
    invite = employer.locator("form[action$='/invite/']")
    invite.locator("[name=starts_at]").fill(start.strftime("%Y-%m-%dT10:00"))
    invite.locator("[name=place]").fill("沙坪坝区学城大道 62 号 3 楼")
    invite.locator("[name=contact_phone]").fill("023-65432100")
    invite.locator("[name=note]").fill("请携带学历证书原件。")
    invite.get_by_role("button").click()
    expect(employer.locator(".messages")).to_be_visible()

    her.goto(base + f"/me/applications/{application.pk}/")
    expect(her.locator("main")).to_contain_text("沙坪坝区学城大道 62 号 3 楼")
    for width in (390, 1280):
        her.set_viewport_size({"width": width, "height": 900})
        her.screenshot(path=str(artifacts / f"my-application-{width}.png"), full_page=True)
    her.get_by_role("button", name="接受", exact=True).click()
    expect(her.locator(".messages")).to_be_visible()

    employer.goto(base + f"/jobs/employer/applications/{application.pk}/")
    expect(employer.locator("main")).to_contain_text("138 0013 8000")
    expect(employer.locator("main")).to_contain_text("xiaoyu@example.com")
    for width in (390, 1280):
        employer.set_viewport_size({"width": width, "height": 900})
        employer.screenshot(path=str(artifacts / f"applicant-{width}.png"), full_page=True)

    # A second application nobody answers: 14 days later it is closed and counts against them.
    other = applications.apply(job.pk, UserFactory(), upload=pdf_upload())
    page = browser.new_page()
    page.goto(base + f"/employers/{member.employer.pk}/")
    expect(page.locator(".responsiveness")).to_contain_text("14 天内答复率 100%")
    enforce_answer_deadlines(now=other.answer_due_at + timedelta(minutes=1))
    other.refresh_from_db()
    application.refresh_from_db()
    # The interview did not stop her clock either: two of five unanswered.
    assert other.status == application.status == Application.Status.UNANSWERED
    assert responsiveness.for_employer(member.employer.pk).rate == 60
    page.goto(base + f"/employers/{member.employer.pk}/")
    expect(page.locator(".responsiveness")).to_contain_text("14 天内答复率 60%（近 180 天，5 份申请）")
    her.goto(base + f"/me/applications/{application.pk}/")
    expect(her.locator("main")).to_contain_text("未获回复")
