"""A graduate searches the site in Chinese on a phone, finds the interview
course, then manages her saved job search on /me/. Phone-sized Chromium."""

import re

from playwright.sync_api import expect

from courses.models import CourseCategory, CourseIndexPage, CoursePage
from portal.accounts.tests.factories import PASSWORD, UserFactory
from search.models import SavedSearch

EMAIL_LABEL = re.compile(r"e-?mail|电子邮件|邮箱", re.I)
PASSWORD_LABEL = re.compile(r"password|密码", re.I)
LOG_IN = re.compile(r"log in|sign in|登录", re.I)


def test_site_search_and_saved_searches(live_server, page, home_page):
    catalog = home_page.add_child(instance=CourseIndexPage(title="课程培训", slug="courses"))
    category = CourseCategory.objects.create(name="求职准备", name_en="Job search", slug="job-search")
    catalog.add_child(instance=CoursePage(title="求职实战营", slug="bootcamp", summary="掌握面试技巧与简历写作。",
                                          category=category))
    user = UserFactory()
    SavedSearch.objects.create(user=user, query="会计", filters={"city": ["永川"]})
    base = live_server.url

    page.goto(base + "/search/")
    page.locator("main").get_by_role("searchbox").fill("面试")
    page.locator("main").get_by_role("button", name=re.compile("^(Search|搜索)$")).click()
    expect(page.get_by_role("status")).to_contain_text("1")
    expect(page.get_by_role("link", name="求职实战营")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.goto(base + "/accounts/login/")
    form = page.locator("main form")
    form.get_by_label(EMAIL_LABEL).fill(user.email)
    form.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    form.get_by_role("button", name=LOG_IN).click()
    expect(page).to_have_url(base + "/me/")
    section = page.get_by_role("region", name=re.compile("saved job searches|已保存的岗位搜索", re.I))
    expect(section.get_by_role("link", name="会计")).to_have_attribute("href", re.compile(r"/jobs/\?q=.*city="))
    section.get_by_role("button", name=re.compile("(Delete|删除) 会计")).click()
    expect(page.get_by_text(re.compile("Saved search deleted|已删除保存的搜索"))).to_be_visible()
    assert not SavedSearch.objects.exists()


def test_job_search_with_a_facet_highlights_and_is_saved(live_server, page, home_page):
    from jobs.tests.factories import JobPostingFactory

    JobPostingFactory(title="财务会计助理", district="永川", description="负责会计凭证与报表。")
    JobPostingFactory(title="会计主管", district="渝中")
    JobPostingFactory(title="平面设计师", district="永川", industry="media", requirements="熟练使用设计软件。")
    user = UserFactory()
    base = live_server.url

    page.goto(base + "/accounts/login/")
    form = page.locator("main form")
    form.get_by_label(EMAIL_LABEL).fill(user.email)
    form.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    form.get_by_role("button", name=LOG_IN).click()
    expect(page).to_have_url(base + "/me/")

    page.goto(base + "/jobs/")
    page.get_by_label(re.compile("Job title, skill or employer|岗位名称、技能或用人单位")).fill("会计")
    page.locator("main").get_by_role("search").get_by_role("button", name=re.compile("^(Search|搜索)$")).click()
    results = page.locator(".card-grid--list > li")
    expect(results).to_have_count(2)

    # The district facet shows its counts; choosing 永川 narrows to one job.
    page.locator(".filters__summary").click()
    facet = page.get_by_role("region", name=re.compile("District|区县")).get_by_role("link", name=re.compile("永川"))
    expect(facet).to_contain_text("1")
    # Drawn as a row: a square box, the name, the count at the far end (not inline text
    # with a sliver of border where the box should be).
    box = facet.locator(".facet__box").bounding_box()
    assert box["width"] >= 14 and abs(box["width"] - box["height"]) < 1, box
    count = facet.locator(".facet__count").bounding_box()
    assert count["x"] + count["width"] > facet.bounding_box()["x"] + facet.bounding_box()["width"] - 12
    facet.click()
    expect(results).to_have_count(1)
    expect(page).to_have_url(re.compile(r"city=%E6%B0%B8%E5%B7%9D"))
    expect(results.first.locator("mark").first).to_have_text("会计")

    page.get_by_role("button", name=re.compile("save this search|保存此搜索", re.I)).click()
    expect(page.get_by_role("status").filter(has_text=re.compile("Search saved|已保存"))).to_be_visible()
    saved = SavedSearch.objects.get(user=user)
    assert saved.query == "会计" and saved.filters == {"city": ["永川"]}
