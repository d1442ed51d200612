"""Which cached pages a change of Wagtail content makes stale (portal/page_cache.py).

Every cached page depends on `pages` (its header and footer link to pages, and
Wagtail pages are read before any view could name them) and on `site` (the
navigation, footer and name settings): publishing, unpublishing, moving or deleting
a page renews `pages`, saving a site setting renews `site`."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal import page_cache


def _pages_changed(**kwargs):
    page_cache.invalidate("pages")


def _setting_saved(created=False, **kwargs):
    # A setting is created with its defaults the first time a page reads it: what that
    # page shows already.
    if not created:
        page_cache.invalidate("site")


def connect():
    from .models import FooterSettings, NavigationSettings, PlacementHistory, SiteIdentity

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_pages_changed, dispatch_uid=f"page_cache.pages.{id(signal)}")
    post_delete.connect(_pages_changed, sender=Page, dispatch_uid="page_cache.page_deleted")
    for model in (NavigationSettings, FooterSettings, SiteIdentity, PlacementHistory):
        post_save.connect(_setting_saved, sender=model, dispatch_uid=f"page_cache.setting.{model.__name__}")
