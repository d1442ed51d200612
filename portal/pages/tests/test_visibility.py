"""portal.pages.visibility.public() hides exactly what Wagtail's public() hides:
a restricted page and everything under it, whatever the kind of restriction,
and nothing else; in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from portal.pages.models import NewsIndexPage, NewsPage
from portal.pages.visibility import public

pytestmark = pytest.mark.django_db


def test_restricted_pages_and_their_descendants_are_hidden_as_wagtail_hides_them(home_page):
    news = home_page.add_child(instance=NewsIndexPage(title="新闻", slug="news"))
    members = home_page.add_child(instance=NewsIndexPage(title="会员专区", slug="members"))
    shown = [news.add_child(instance=NewsPage(title=f"公开{n}", slug=f"open-{n}")) for n in range(3)]
    hidden = members.add_child(instance=NewsPage(title="会员新闻", slug="members-news"))
    secret = news.add_child(instance=NewsPage(title="密码新闻", slug="secret"))
    # A sibling whose path starts like the restricted page's must stay visible (paths are fixed-width steps).
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x")

    with CaptureQueriesContext(connection) as queries:
        ours = set(public(Page.objects.all()).values_list("pk", flat=True))
    assert len(queries) == 1
    assert ours == set(Page.objects.public().values_list("pk", flat=True))
    assert {page.pk for page in shown} | {news.pk, home_page.pk} <= ours
    assert not {members.pk, hidden.pk, secret.pk} & ours
    assert set(public(NewsPage.objects.live()).values_list("pk", flat=True)) == {page.pk for page in shown}
