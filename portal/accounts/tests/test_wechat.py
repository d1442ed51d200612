"""WeChat login (allauth's weixin provider, portal/accounts/wechat.py).

Off while WECHAT_APP_ID/WECHAT_APP_SECRET are unset: no button, and every
WeChat address answers 404.
"""

import re

import pytest

from .factories import UserFactory
from .fake_wechat import CODE, wechat_settings

pytestmark = pytest.mark.django_db

WECHAT_LOGIN = "/accounts/weixin/login/"
CALLBACK = "/accounts/weixin/login/callback/"
CONNECTIONS = "/accounts/3rdparty/"
SOCIAL_SIGNUP = "/accounts/3rdparty/signup/"
WECHAT_TEXT = re.compile(r"wechat|weixin|微信", re.I)


@pytest.fixture(autouse=True)
def _site(home_page):
    return home_page


@pytest.fixture
def wechat_off(settings):
    wechat_settings(settings, on=False)


# --- off ------------------------------------------------------------------------------------------------------------


ENTRANCES = ["/accounts/login/", "/accounts/signup/", "/en/accounts/login/", "/en/accounts/signup/"]


@pytest.mark.parametrize("path", ENTRANCES)
def test_while_off_the_login_and_signup_pages_say_nothing_of_wechat(client, wechat_off, path):
    response = client.get(path)

    assert response.status_code == 200
    assert not WECHAT_TEXT.search(response.content.decode())


@pytest.mark.parametrize("method, path", [
    ("get", WECHAT_LOGIN), ("post", WECHAT_LOGIN), ("get", f"{CALLBACK}?code={CODE}&state=x"),
    ("get", CONNECTIONS), ("post", CONNECTIONS), ("get", SOCIAL_SIGNUP), ("get", "/accounts/3rdparty/login/error/"),
    ("get", "/accounts/3rdparty/login/cancelled/"), ("get", "/accounts/social/connections/"),
    ("get", "/en/accounts/weixin/login/"), ("get", "/en/accounts/3rdparty/"),
])
@pytest.mark.parametrize("signed_in", [False, True])
def test_while_off_every_wechat_address_answers_404(client, wechat_off, method, path, signed_in):
    if signed_in:
        client.force_login(UserFactory())

    response = getattr(client, method)(path)

    assert response.status_code == 404


def test_while_off_the_dashboard_has_no_wechat_link(client, wechat_off):
    client.force_login(UserFactory())

    html = client.get("/me/").content.decode()

    assert CONNECTIONS not in html
    assert not WECHAT_TEXT.search(html)
