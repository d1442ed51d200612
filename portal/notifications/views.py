"""/me/notifications/: her notification centre. Reading the list changes
nothing; an entry is marked read when she opens it (a POST that then takes her
to the page it is about) or when she marks them all read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import centre


@login_required
@require_GET
def notification_list(request):
    page = Paginator(centre.entries(request.user), centre.PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notifications/centre.html",
                  {"page_obj": page, "unread": centre.unread_count_of(request)})


@login_required
@require_POST
def open_entry(request, pk):
    """Mark one of her entries read and go to what it is about, in the language
    she reads the site in now; an entry without a page of ours leads back here."""
    entry = centre.mark_read(request.user, pk)
    target = centre.site_path(entry.url)
    if target is None:
        return redirect("notifications:list")
    return redirect(centre.in_active_language(target))


@login_required
@require_POST
def mark_all_read(request):
    if centre.mark_all_read(request.user):
        messages.success(request, _("All notifications are marked as read."))
    return redirect(reverse("notifications:list"))
