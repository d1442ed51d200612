"""Checks of the one confirmation page (portal/templates/confirm.html) that the
flows pass through: on a phone and on a desktop, its confirm button and its
"keep it" link are targets of at least 24x24 CSS px (WCAG 2.2, 2.5.8) and in
view without sideways scrolling."""

from playwright.sync_api import expect

WIDTHS = {390: 844, 1280: 800}
MIN_TARGET = 24

BOX = """el => { const r = el.getBoundingClientRect();
  return {left: r.left, right: r.right, width: r.width, height: r.height}; }"""


def check_confirmation_page(page, artifacts=None, name=None):
    """Look at the confirmation page open in `page` at each width, then go back to
    the phone's width. With `artifacts` and `name`, keep a screenshot of each."""
    expect(page.locator("form.confirm__form")).to_be_visible()
    targets = {
        "confirm button": page.locator(".confirm__actions button[type=submit]"),
        "keep-it link": page.locator(".confirm__actions a"),
    }
    for width, height in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
        assert scroll_width <= width, f"the confirmation page is {scroll_width} px wide at {width} px"
        for label, target in targets.items():
            expect(target).to_have_count(1)
            expect(target).to_be_visible()
            box = target.evaluate(BOX)
            assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, (
                f"the {label} is {box['width']:.0f}x{box['height']:.0f} px at {width} px")
            assert box["left"] >= 0 and box["right"] <= width, (
                f"the {label} runs from {box['left']:.0f} to {box['right']:.0f} px in a {width} px viewport")
        if artifacts is not None and name:
            shots = artifacts / "screenshots"
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / f"confirm-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": WIDTHS[390]})
