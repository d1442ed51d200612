"""The Content-Security-Policy header: strict on the portal's pages, its own
looser policy on the admin sites and the API's docs page (portal/csp.py)."""

import pytest

pytestmark = pytest.mark.django_db


def directives(response):
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


def test_portal_pages_get_the_strict_policy(client, home_page):
    for path in ["/", "/en/", "/jobs/", "/accounts/login/", "/api/v1/courses"]:
        policy = directives(client.get(path))
        assert policy["default-src"] == ["'self'"], path
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"], path
        assert policy["img-src"] == ["'self'", "data:"]
        assert policy["frame-ancestors"] == ["'none'"] and policy["form-action"] == ["'self'", "https://open.weixin.qq.com"]


def test_a_missing_page_gets_it_too(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/cms/login/", "/django-admin/login/", "/api/v1/docs"])
def test_admin_and_docs_get_the_loose_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"] and "'unsafe-inline'" in policy["style-src"]
    # Still nothing from other hosts, and never framed by another site.
    assert policy["default-src"] == ["'self'"] and policy["frame-ancestors"] == ["'self'"]
