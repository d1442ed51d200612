"""Where a form sends her back after a POST: the page it was on (`next`), when that
page is ours; anything else (another site, `javascript:`, nothing) goes to a fallback."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback
