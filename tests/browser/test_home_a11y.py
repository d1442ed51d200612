"""The home page's accessibility and layout basics, on a phone and on a desktop:
skip link, headings, landmarks, WCAG 2.2 target size, no sideways scrolling and
nothing loaded from another origin."""

import pytest
from playwright.sync_api import expect

WIDTHS = {390: 844, 1280: 800}
MIN_TARGET = 24  # CSS px, WCAG 2.2 success criterion 2.5.8 (AA)

ON_SCREEN = """el => {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0
    && r.right <= window.innerWidth && r.bottom <= window.innerHeight;
}"""

SMALL_TARGETS = """([selector, min]) => [...document.querySelectorAll(selector)]
  .filter(el => el.getClientRects().length > 0)
  .map(el => ({html: el.outerHTML.slice(0, 160), rect: el.getBoundingClientRect()}))
  .filter(({rect}) => rect.width < min || rect.height < min)
  .map(({html, rect}) => `${Math.round(rect.width * 10) / 10}x${Math.round(rect.height * 10) / 10}: ${html}`)"""


@pytest.fixture
def demo_home(transactional_db):
    """The home page as people see it, with the site shell's demo content (hero,
    counters, news, navigation, footer); HomePage comes from the same
    `ensure_home_page` as the `home_page` fixture. Only portal.pages' seeder
    runs, not every app's `seed_demo` step: this test is about the shell."""
    from django.db import transaction

    from portal.pages import demo
    from portal.pages.models import HomePage

    for _label, step in demo.seed(1):
        with transaction.atomic():
            step()
    return HomePage.objects.get()


@pytest.mark.parametrize("width", WIDTHS)
def test_home_page_accessibility_and_layout(demo_home, live_server, page, artifacts, width):
    base = live_server.url
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    page.goto(base + "/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")

    shots = artifacts / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"home-{width}.png"), full_page=True)

    # One h1; the page's landmarks.
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).not_to_be_empty()
    expect(page.get_by_role("banner")).to_have_count(1)
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("contentinfo")).to_have_count(1)
    assert page.get_by_role("navigation").count() >= 1

    # Every link and button in the header and footer is a target of at least 24x24 CSS px.
    small = page.evaluate(SMALL_TARGETS, ["header a, header button, footer a, footer button", MIN_TARGET])
    assert not small, f"targets smaller than {MIN_TARGET}x{MIN_TARGET} px at {width} px:\n" + "\n".join(small)

    # No sideways scrolling.
    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    assert scroll_width <= width, f"the page is {scroll_width} px wide in a {width} px viewport"

    # The skip link: off-screen until the first Tab, then on screen; it leads to <main>.
    skip = page.locator("a.skip-link")
    expect(skip).to_have_count(1)
    expect(skip).to_have_attribute("href", "#main")
    assert not skip.evaluate(ON_SCREEN), "the skip link should stay out of sight until it has focus"
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    # Waits out any transition that slides it in.
    page.wait_for_function(f"() => ({ON_SCREEN})(document.activeElement)", timeout=2_000)
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    expect(page).to_have_url(base + "/#main")

    # Nothing from another origin: no CDN fonts, scripts or trackers.
    assert requests, "no request was recorded"
    foreign = [url for url in requests if not url.startswith(base + "/")]
    assert not foreign, f"requests to other origins: {foreign}"
