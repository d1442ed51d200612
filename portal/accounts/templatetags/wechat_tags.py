from django import template

from portal.accounts import wechat

register = template.Library()


@register.simple_tag
def wechat_login_enabled():
    """Whether WeChat login is on (WECHAT_APP_ID and WECHAT_APP_SECRET set)."""
    return wechat.enabled()
