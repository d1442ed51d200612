"""The site header as she uses it in the browser tests."""


def open_menu(page):
    """On a phone the header's links fold behind the menu button: open it, as
    she would, before clicking one of them (on a desktop it is hidden and the
    links are in view)."""
    # header.js shows the button and folds the links once it has run.
    page.wait_for_load_state("load")
    menu = page.locator("header .menu-button")
    if menu.is_visible() and menu.get_attribute("aria-expanded") != "true":
        menu.click()
