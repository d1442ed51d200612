"""Test doubles for WeChat login.

- wechat_settings(settings, on): WeChat login on (test keys) or off.
"""

APP_ID = "wx0123456789abcdef"
APP_SECRET = "test-secret-not-real"
CODE = "code-from-wechat"


def wechat_settings(settings, on):
    """What portal.settings.base makes of WECHAT_APP_ID/WECHAT_APP_SECRET, set or unset."""
    settings.WECHAT_LOGIN_ENABLED = on
    apps = [{"client_id": APP_ID, "secret": APP_SECRET}] if on else []
    settings.SOCIALACCOUNT_PROVIDERS = {"weixin": {"APPS": apps, "SCOPE": ["snsapi_login"]}}
