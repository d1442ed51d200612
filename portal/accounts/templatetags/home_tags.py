from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from portal.homes import HOME_SESSION_KEY

register = template.Library()


def _match(path):
    """The view behind a path of ours whichever language prefix it carries."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                return resolve(path)
            except Resolver404:
                continue
    return None


@register.simple_tag(takes_context=True)
def my_home_url(context):
    """Her own home (a consultant's workspace, an employer's postings, /me/), in the
    language of the page she is on, whichever language she signed in in."""
    request = context.get("request")
    url = request.session.get(HOME_SESSION_KEY) if request is not None else None
    match = _match(url) if url else None
    if match is None:
        return reverse("dashboard")
    return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
