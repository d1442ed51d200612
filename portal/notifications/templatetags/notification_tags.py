from django import template

from .. import centre

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context):
    """Her unread count for the header: one COUNT query a request, none for a visitor."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return 0
    return centre.unread_count_of(request)
