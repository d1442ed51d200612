"""Pages a visitor may see without a password, login or group: Wagtail's
PageQuerySet.public(), as one condition inside the query.

Wagtail's public() first loads every view restriction (one query) and then
excludes each restricted subtree; the home page called it twice per view. Here
the same rule, "no restriction on this page or an ancestor", is a NOT EXISTS
subquery: a restriction applies when its page's path is a prefix of this
page's path (Wagtail's materialised path: a descendant's path starts with
its ancestors')."""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction


def public(pages):
    """`pages` (a Page queryset, of any page type) without the restricted ones."""
    restricted = PageViewRestriction.objects.annotate(length=Length("page__path")).filter(
        page__path=Substr(OuterRef("path"), 1, "length"))
    return pages.exclude(Exists(restricted))
