"""The page tree every installation starts from: a HomePage as the site's root."""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from .models import HomePage


@transaction.atomic
def ensure_home_page(hostname="localhost", **fields):
    """Return the site's HomePage, creating it (and the tree's root, locale and
    Site when a flushed test database lacks them) if needed. Wagtail's own
    placeholder page is replaced."""
    home = HomePage.objects.first()
    if home is not None:
        return home
    locale, _ = Locale.objects.get_or_create(language_code="zh-hans")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    # Wagtail's migration leaves a plain "Welcome" page as the site root; it would
    # take the slug we want, and its Site goes with it (on_delete=CASCADE).
    for placeholder in root.get_children().exact_type(Page):
        placeholder.delete()
    fields.setdefault("title", "巾帼职达")
    fields.setdefault("hero_title", "巾帼职达")
    home = root.add_child(instance=HomePage(slug="home", locale=locale, **fields))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": hostname, "port": 80, "root_page": home, "site_name": "巾帼职达"},
    )
    return home
