"""What other apps and the views call: saved searches, the /me/ section, site search."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from jobs.services import seeker_situation
from portal.next_steps import EXPLORE, Step
from resumes.services import is_complete, resume_for

from .facets import POSTED_FACET, VALUE_FACETS
from .jobs import parse_request
from .models import SavedSearch
from .tokens import query_tokens

SITE_RESULTS_PER_PAGE = 10
MAX_SAVED_SEARCHES = 20


def save_search(user, params):
    """Save the search that /jobs/ shows for these query-string parameters.
    Raises search.jobs.SearchError for bad input; saving the same search twice keeps one."""
    request = parse_request(params)
    filters = {name: values for name, values in request.as_params().items() if name != "q"}
    saved, _created = SavedSearch.objects.get_or_create(user=user, query=request.query, filters=filters)
    return saved


def delete_search(user, pk):
    """Delete one of her saved searches; False when there is none of hers with that id."""
    deleted, _ = SavedSearch.objects.filter(user=user, pk=pk).delete()
    return bool(deleted)


def saved_search_query_string(saved):
    params = {"q": [saved.query], **saved.filters} if saved.query else saved.filters
    return urlencode(params, doseq=True)


def describe_filters(saved):
    """The saved filters in words: "永川 · 财务会计 · ¥4000– · 最近 7 天"."""
    parts = [str(facet.label(value)) for facet in VALUE_FACETS for value in saved.filters.get(facet.name, [])]
    low, high = (saved.filters.get(name, [None])[0] for name in ("salary_min", "salary_max"))
    if low or high:
        parts.append(f"¥{low or 0}–{high or ''}")
    if days := saved.filters.get(POSTED_FACET.name, [None])[0]:
        parts.append(str(POSTED_FACET.label(days)))
    return " · ".join(parts)


def dashboard_section(request):
    if not request.user.is_authenticated:
        return None
    searches = list(request.user.saved_searches.all()[:MAX_SAVED_SEARCHES])
    for saved in searches:
        saved.query_string = saved_search_query_string(saved)
        saved.description = describe_filters(saved)
    return {"template": "search/includes/dashboard_section.html", "saved_searches": searches}


def site_search(query, page_number=1):
    """Live pages matching `query` through Wagtail search, paginated."""
    if not query_tokens(query):
        return None
    # Below the home page (depth 2): news, courses, guides and their index pages.
    results = Page.objects.live().public().filter(depth__gt=2).specific().search(query, operator="and")
    page_obj = Paginator(results, SITE_RESULTS_PER_PAGE).get_page(page_number)
    for page in page_obj:
        # News and standard pages have an intro, course pages a summary.
        page.result_summary = page.search_description or getattr(page, "intro", "") or getattr(page, "summary", "")
    return page_obj


def next_steps(request):
    """Her résumé is ready and she has applied nowhere yet: her latest saved search, or all jobs."""
    user = request.user
    if seeker_situation(user)["applications"] or not is_complete(resume_for(user)):
        return []
    saved = user.saved_searches.first()
    if saved is not None:
        return [Step(EXPLORE, _("Your résumé is ready. New jobs match the search you saved."),
                     f"{reverse('search:jobs')}?{saved_search_query_string(saved)}", _("Open my saved search"))]
    return [Step(EXPLORE, _("Your résumé is ready: find a job to apply to."), reverse("search:jobs"),
                 _("Search jobs"))]


def personal_data(user):
    """Her saved searches in her data export (portal/privacy, PERSONAL_DATA_PROVIDERS)."""
    searches = SavedSearch.objects.filter(user=user).order_by("created_at", "pk")
    return {"name": "search", "records": {"saved_searches": [
        {"keywords": saved.query, "filters": saved.filters, "created_at": saved.created_at.isoformat(),
         "last_alerted_at": saved.last_alerted_at.isoformat() if saved.last_alerted_at else None}
        for saved in searches]}, "files": []}


def erase_personal_data(user):
    """Her saved searches and their alerts, and whatever the site search index holds about
    her account (nothing of hers is indexed today; an indexed model added later is covered)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    SavedSearch.objects.filter(user=user).delete()  # their AlertedJob rows go with them
    IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(user),
                              object_id=str(user.pk)).delete()
