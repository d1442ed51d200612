"""Test doubles for WeChat login, reused by the browser test.

- FakeWeChat: WeChat's token and profile endpoints, answering in place of
  requests' HTTP transport (no network exists in tests);
- wechat_settings(settings, on): WeChat login on (test keys) or off.
"""

import json
from urllib.parse import parse_qs, urlsplit

import requests
from requests.structures import CaseInsensitiveDict
from requests.utils import get_encoding_from_headers

APP_ID = "wx0123456789abcdef"
APP_SECRET = "test-secret-not-real"
CODE = "code-from-wechat"
TOKEN = "access-token-from-wechat"
OPENID = "oXiaomei-openid"


def wechat_settings(settings, on):
    """What portal.settings.base makes of WECHAT_APP_ID/WECHAT_APP_SECRET, set or unset."""
    settings.WECHAT_LOGIN_ENABLED = on
    apps = [{"client_id": APP_ID, "secret": APP_SECRET}] if on else []
    settings.SOCIALACCOUNT_PROVIDERS = {"weixin": {"APPS": apps, "SCOPE": ["snsapi_login"]}}


class FakeWeChat:
    """api.weixin.qq.com's sns/oauth2/access_token and sns/userinfo, as WeChat
    documents them: GET with the parameters in the query, JSON answers with
    status 200 even for errors ({"errcode": ..., "errmsg": ...}). Any other
    address fails as an unreachable network would."""

    def __init__(self, nickname="小美", content_type="application/json; encoding=utf-8"):
        self.nickname = nickname
        self.content_type = content_type
        self.calls = []

    def send(self, request):
        url = urlsplit(request.url)
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        self.calls.append((request.method, url.path, query, request.body))
        if url.netloc != "api.weixin.qq.com":
            raise requests.ConnectionError(f"no network in tests: {request.url}")
        if url.path == "/sns/oauth2/access_token":
            expected = {"appid": APP_ID, "secret": APP_SECRET, "code": CODE, "grant_type": "authorization_code"}
            if request.method == "GET" and query == expected:
                body = {"access_token": TOKEN, "expires_in": 7200, "refresh_token": "refresh", "openid": OPENID,
                        "scope": "snsapi_login", "unionid": "oUnion-xiaomei"}
            else:
                body = {"errcode": 40029, "errmsg": "invalid code"}
        elif url.path == "/sns/userinfo":
            if query == {"access_token": TOKEN, "openid": OPENID}:
                body = {"openid": OPENID, "nickname": self.nickname, "sex": 2, "province": "湖北", "city": "武汉",
                        "country": "中国", "headimgurl": "https://thirdwx.qlogo.cn/mmopen/x/132", "privilege": [],
                        "unionid": "oUnion-xiaomei"}
            else:
                body = {"errcode": 40003, "errmsg": "invalid openid"}
        else:
            body = {"errcode": 40001, "errmsg": "unknown api"}
        response = requests.Response()
        response.status_code = 200
        response.headers = CaseInsensitiveDict({"Content-Type": self.content_type})
        response.encoding = get_encoding_from_headers(response.headers)
        response._content = json.dumps(body, ensure_ascii=False).encode("utf-8")
        response.url, response.request = request.url, request
        return response

    def install(self, monkeypatch):
        """Answer every request made through `requests` from here."""
        monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", lambda adapter, request, **kw: self.send(request))
        return self
