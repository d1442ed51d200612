"""The client's address comes from configuration (portal/client.py): X-Forwarded-For
is believed only from TRUSTED_PROXIES, everywhere an address is counted or kept."""

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client, RequestFactory

from portal.accounts.adapter import AccountAdapter
from portal.accounts.tests.factories import UserFactory
from portal.client import client_ip, is_local

PROXY = "10.0.0.2"


def request(remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"
    assert client_ip(request("127.0.0.1", "198.51.100.1")) == "127.0.0.1"


@pytest.mark.parametrize(("remote", "forwarded", "expected"), [
    (PROXY, "198.51.100.1", "198.51.100.1"),
    # The client wrote a first hop herself; our proxy appended what it saw.
    (PROXY, "1.1.1.1, 198.51.100.1", "198.51.100.1"),
    # Two proxies of ours (the network 10.0.0.0/8): the rightmost hop not ours.
    (PROXY, "1.1.1.1, 198.51.100.1, 10.0.0.7", "198.51.100.1"),
    (PROXY, "198.51.100.1:5678", "198.51.100.1"),
    (PROXY, "[2001:db8::1]:443", "2001:db8::1"),
    # Garbage where an address should be: the nearest address we trust.
    (PROXY, "not-an-address", PROXY),
    (PROXY, "", PROXY),
    # Not from a proxy of ours: the header is the client's own words.
    ("203.0.113.9", "198.51.100.1", "203.0.113.9"),
])
def test_the_header_is_read_from_trusted_proxies_only(settings, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request(remote, forwarded)) == expected


def test_localhost_is_the_real_address_not_the_header(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert is_local(request("127.0.0.1")) and is_local(request("::1"))
    assert not is_local(request("203.0.113.9", "127.0.0.1"))
    assert not is_local(request(PROXY, "203.0.113.9"))
    assert is_local(request(PROXY, "127.0.0.1"))


def test_allauth_counts_the_same_address(settings):
    settings.TRUSTED_PROXIES = []
    assert AccountAdapter().get_client_ip(request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


@pytest.fixture
def fresh_throttle():
    keys = [f"throttle_anon_{address}" for address in ("203.0.113.9", PROXY, "198.51.100.1", "198.51.100.2")]
    cache.delete_many(keys)
    yield
    cache.delete_many(keys)


@pytest.mark.django_db
def test_a_rotating_header_from_an_untrusted_address_is_still_throttled(settings, fresh_throttle):
    settings.TRUSTED_PROXIES = [PROXY]
    client = Client()
    answers = [client.get("/api/v1/courses", REMOTE_ADDR="203.0.113.9",
                          HTTP_X_FORWARDED_FOR=f"198.51.{number // 250}.{number % 250}").status_code
               for number in range(61)]
    assert answers[:60] == [200] * 60
    assert answers[60] == 429


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_client_is_counted_apart(settings, fresh_throttle):
    settings.TRUSTED_PROXIES = [PROXY]
    client = Client()
    first = [client.get("/api/v1/courses", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code
             for _ in range(61)]
    assert first[-1] == 429
    # Another visitor behind the same proxy is not held back by the first.
    other = client.get("/api/v1/courses", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert other.status_code == 200


@pytest.mark.django_db
def test_the_login_lockout_records_the_real_address(settings, home_page):
    settings.TRUSTED_PROXIES = [PROXY]
    user = UserFactory(email="alice@example.com")
    client = Client()
    client.post("/accounts/login/", {"login": user.email, "password": "Wrong-Horse-00"},
                REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.77")
    client.post("/accounts/login/", {"login": user.email, "password": "Wrong-Horse-00"},
                REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9", "198.51.100.1"}
