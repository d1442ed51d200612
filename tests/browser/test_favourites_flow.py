"""收藏 in a browser: a visitor taps 收藏 on /jobs/, logs in and comes back; she keeps a
job from its card and the button flips in place (no reload) through the API; the job
page shows it kept and 已投递 for one she applied to; /me/ lists it and removes it.
Screenshots of /jobs/ and the job page at 390 px and 1280 px go to test-artifacts/."""

import re

from playwright.sync_api import expect

from jobs.models import CV, Application, Favourite
from jobs.tests.factories import EmployerFactory, JobPostingFactory
from portal.accounts.tests.factories import PASSWORD, UserFactory

SAVE = re.compile(r"^收藏")
SAVED = re.compile(r"^已收藏")


def boxes_apart(first, second):
    return (first["x"] + first["width"] <= second["x"] or second["x"] + second["width"] <= first["x"]
            or first["y"] + first["height"] <= second["y"] or second["y"] + second["height"] <= first["y"])


def test_keep_a_job_from_its_card_and_see_the_markers(page, live_server, home_page, artifacts):
    base = live_server.url
    employer = EmployerFactory(name="重庆巾帼财税服务有限公司")
    kept = JobPostingFactory(employer=employer, title="财务共享中心应收会计（应届生培养计划）", salary_min=5000,
                             salary_max=7000)
    sent = JobPostingFactory(employer=employer, title="出纳专员")
    JobPostingFactory(employer=employer, title="税务助理")
    graduate = UserFactory()
    cv = CV.objects.create(owner=graduate, file="cvs/x.pdf", original_name="简历.pdf", kind="pdf", size=1)
    Application.objects.create(seeker=graduate, job=sent, cv=cv)

    # A visitor: 收藏 leads to the login, which brings her back to the list.
    page.goto(base + "/jobs/")
    card = page.locator("article.job-card", has_text=kept.title)
    card.get_by_role("link", name=SAVE).click()
    form = page.locator("main form")
    form.get_by_label(re.compile("邮箱|电子邮件")).fill(graduate.email)
    form.get_by_label("密码").fill(PASSWORD)
    form.get_by_role("button", name=re.compile("登录")).click()
    expect(page).to_have_url(base + "/jobs/")

    sent_card = page.locator("article.job-card", has_text=sent.title)
    expect(sent_card.locator(".tag--applied")).to_have_text("已投递")
    button = page.locator("article.job-card", has_text=kept.title).locator("button.favourite-button")
    expect(button.locator(".favourite-button__label")).to_have_text("收藏")
    expect(button).to_have_attribute("aria-pressed", "false")
    page.evaluate("window.notReloaded = true")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button.locator(".favourite-button__label")).to_have_text("已收藏")
    assert page.evaluate("window.notReloaded") is True  # toggled through the API, in place
    assert Favourite.objects.filter(user=graduate, job=kept).exists()

    # On a phone the button sits beside the title, is a full target, and covers nothing.
    title_box = page.locator("article.job-card", has_text=kept.title).locator(".card__title").bounding_box()
    button_box = button.bounding_box()
    assert button_box["height"] >= 24 and button_box["width"] >= 24
    assert boxes_apart(title_box, button_box)
    page.screenshot(path=str(artifacts / "favourites-jobs-390.png"), full_page=True)

    # The job page: kept. Untoggled there, it is gone from the list on /me/ too.
    page.goto(f"{base}/jobs/{kept.pk}/")
    detail_button = page.locator(".job-detail__head").get_by_role("button", name=SAVED)
    expect(detail_button).to_have_attribute("aria-pressed", "true")
    page.screenshot(path=str(artifacts / "favourites-job-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(artifacts / "favourites-job-1280.png"), full_page=True)
    page.goto(base + "/jobs/")
    page.screenshot(path=str(artifacts / "favourites-jobs-1280.png"), full_page=True)

    page.goto(base + "/me/")
    mine = page.locator("section.favourites")
    expect(mine.get_by_role("link", name=kept.title)).to_be_visible()
    page.screenshot(path=str(artifacts / "favourites-me-1280.png"), full_page=True)
    mine.get_by_role("button", name=re.compile("取消收藏")).click()
    expect(page.locator("section.favourites")).to_contain_text("找工作")
    assert not Favourite.objects.filter(user=graduate).exists()
