"""The page editor's actions: 发布 is the main button for whoever may publish.

Wagtail makes the first action of its menu the big button and folds the rest
under "More actions"; by its order that is 保存草稿, which hid 发布 from the
editors who publish most of what they write. Publish is in the list only when
she may publish this page (PublishMenuItem.is_shown), so moving it to the front
changes nothing for anyone else; while the page waits at a workflow task she
reviews, its approve/reject actions stay first."""

from wagtail import hooks
from wagtail.admin.action_menu import PublishMenuItem, WorkflowMenuItem

from portal import page_cache


@hooks.register("construct_page_action_menu")
def publish_first(menu_items, request, context):
    publish = next((item for item in menu_items if isinstance(item, PublishMenuItem)), None)
    if publish is not None and not any(isinstance(item, WorkflowMenuItem) for item in menu_items):
        menu_items.remove(publish)
        menu_items.insert(0, publish)


@hooks.register("before_serve_page")
def cache_public_pages(page, request, serve_args, serve_kwargs):
    """A page anyone may read may be cached for visitors (portal/page_cache.py); one
    behind a password or a login is not. Its own content is the `pages` topic."""
    if page_cache.recording(request) and not page.get_view_restrictions().exists():
        page_cache.depends_on(request, "pages")
