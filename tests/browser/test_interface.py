"""The interface fixes of issue 16 in Chromium, at a phone's 390 px and a
desktop's 1280 px: the header (one row with a search box, a menu button that
folds the navigation), checkbox groups with a legend and a label per option,
panels with inner padding, 24 px targets on /me/, the styled file input and the
sticky apply bar on a job page."""

import pytest
from playwright.sync_api import expect

from jobs.tests.factories import EmployerMemberFactory, JobPostingFactory
from portal.accounts.tests.factories import PASSWORD, UserFactory

WIDTHS = {390: 844, 1280: 900}
MIN_TARGET = 24

SMALL_TARGETS = """([selector, min]) => [...document.querySelectorAll(selector)]
  .filter(el => el.getClientRects().length > 0)
  .map(el => ({html: el.outerHTML.slice(0, 120), rect: el.getBoundingClientRect()}))
  .filter(({rect}) => rect.width < min || rect.height < min)
  .map(({html, rect}) => `${Math.round(rect.width)}x${Math.round(rect.height)}: ${html}`)"""


def sign_in(page, base, user):
    page.goto(base + "/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def shoot(page, artifacts, name, width):
    shots = artifacts / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"interface-{name}-{width}.png"), full_page=True)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_the_header_is_one_row_with_search_and_a_menu_on_a_phone(home_page, live_server, page, artifacts, width):
    base = live_server.url
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    page.goto(base + "/")
    header = page.locator("header.site-header")
    menu = page.locator(".menu-button")
    nav = page.get_by_role("navigation", name="主导航").or_(page.locator("nav.main-nav"))
    search = header.get_by_role("searchbox")
    expect(search).to_be_visible()

    if width < 600:
        # Brand, search and menu button in one row; the navigation folded.
        assert header.bounding_box()["height"] < 80, header.bounding_box()
        expect(menu).to_be_visible()
        expect(menu).to_have_attribute("aria-expanded", "false")
        expect(nav).to_be_hidden()
        menu.click()
        expect(menu).to_have_attribute("aria-expanded", "true")
        expect(nav).to_be_visible()
        expect(nav.get_by_role("link", name="登录")).to_be_visible()
        shoot(page, artifacts, "menu-open", width)
        page.keyboard.press("Escape")
        expect(nav).to_be_hidden()
        expect(menu).to_be_focused()
    else:
        expect(menu).to_be_hidden()
        expect(nav).to_be_visible()

    small = page.evaluate(SMALL_TARGETS, ["header a, header button, header input", MIN_TARGET])
    assert not small, "\n".join(small)

    # The search box leads to site search.
    search.fill("会计")
    search.press("Enter")
    page.wait_for_url("**/search/?q=*")
    expect(page.locator("h1")).to_have_text("站内搜索")


def test_without_javascript_the_navigation_stays_open(home_page, live_server, browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    expect(page.locator(".menu-button")).to_be_hidden()
    expect(page.locator("nav.main-nav")).to_be_visible()
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_checkbox_groups_and_padding_on_the_employer_pages(home_page, live_server, page, artifacts, width):
    base = live_server.url
    member = EmployerMemberFactory()
    JobPostingFactory(employer=member.employer, title="财务会计助理")
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    sign_in(page, base, member.user)

    # The employer's home: each posting row has inner padding, and 发布新岗位 keeps its distance.
    page.goto(base + "/jobs/employer/")
    row = page.locator(".posting-row").first
    padding = row.evaluate("el => parseFloat(getComputedStyle(el).paddingLeft)")
    assert padding >= 12, padding
    new_posting = page.get_by_role("link", name="发布新岗位")
    below = new_posting.evaluate("""el => {
      const next = el.closest('.section__head').nextElementSibling;
      return next.getBoundingClientRect().top - el.getBoundingClientRect().bottom; }""")
    assert below >= 12, below
    shoot(page, artifacts, "employer-home", width)

    # The posting form: the family-friendly group is a fieldset whose legend is
    # not glued to its first option; every checkbox has its own label.
    page.goto(base + "/jobs/employer/new/")
    group = page.locator("fieldset.field--choices").filter(has_text="家庭友好福利")
    expect(group.locator("legend")).to_have_text("家庭友好福利")
    boxes = group.locator("input[type=checkbox]")
    assert boxes.count() >= 3
    for index in range(boxes.count()):
        labels = boxes.nth(index).evaluate("el => [...el.labels].map(label => label.textContent.trim())")
        assert len(labels) == 1 and labels[0] and "家庭友好福利" not in labels[0], labels
    legend_box = group.locator("legend").bounding_box()
    first_box = group.locator("label").first.bounding_box()
    assert first_box["y"] >= legend_box["y"] + legend_box["height"] - 1, (legend_box, first_box)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_file_input_is_a_button_with_the_chosen_name(home_page, live_server, page, artifacts, width):
    """The business licence on the employer registration form."""
    base = live_server.url
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    sign_in(page, base, UserFactory())
    page.goto(base + "/jobs/employer/register/")
    box = page.locator(".file-input").first
    expect(box).to_have_class("file-input file-input--styled")
    expect(box.locator(".file-input__button")).to_be_visible()
    expect(box.locator(".file-input__name")).to_have_text("未选择文件")
    box.locator("input[type=file]").set_input_files(
        files=[{"name": "营业执照.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n"}])
    expect(box.locator(".file-input__name")).to_have_text("营业执照.pdf")
    shoot(page, artifacts, "file-input", width)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_job_page_has_a_sticky_apply_bar_on_a_phone(home_page, live_server, page, artifacts, width):
    job = JobPostingFactory(title="财务会计助理", description="岗位职责。\n" * 60)
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    page.goto(live_server.url + f"/jobs/{job.pk}/")
    bar = page.locator(".apply-bar")
    if width < 600:
        expect(bar).to_be_visible()
        # Stuck to the bottom of the screen while she reads the top of the page.
        box = bar.bounding_box()
        assert abs(box["y"] + box["height"] - WIDTHS[width]) <= 2, box
        bar.get_by_role("link").click()
        expect(page).to_have_url(live_server.url + f"/jobs/{job.pk}/#apply")
        expect(page.locator("#apply")).to_be_in_viewport()
    else:
        expect(bar).to_be_hidden()
    shoot(page, artifacts, "job", width)


@pytest.mark.parametrize("width", WIDTHS)
def test_links_on_her_home_are_targets_of_24_px(home_page, live_server, page, width):
    user = UserFactory(display_name="林小雨")
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    sign_in(page, live_server.url, user)
    page.goto(live_server.url + "/me/")
    small = page.evaluate(SMALL_TARGETS, ["main .panel li a, main .panel > p > a, main .section__head a", MIN_TARGET])
    assert not small, "\n".join(small)
