"""Redis stopped mid-test: every page and API call still answers, and the
booking's email goes out exactly once when the flush runs after Redis returns.

A throwaway redis-server on a port of its own serves as cache and broker, so
stopping it touches nobody else's Redis. Nothing is mocked: the cache backend
meets a refused connection and Celery's publish meets a dead broker.
"""

import shutil
import socket
import subprocess
import tempfile
import time

import pytest
from django.core import mail
from django.urls import reverse

from consultants.models import Booking
from consultants.tests.factories import ConsultantFactory, local_slot
from courses.models import CourseIndexPage
from portal.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

BOUND = 2.0  # seconds per request: generous; the point is no 19 s hang and no 500


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayRedis:
    def __init__(self, port, directory):
        self.port, self.directory, self.process = port, directory, None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--save", "", "--appendonly", "no",
             "--dir", self.directory, "--bind", "127.0.0.1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        pytest.fail("the throwaway redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def throwaway_redis():
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server on PATH")
    with tempfile.TemporaryDirectory() as directory:
        server = ThrowawayRedis(free_port(), directory)
        server.start()
        yield server
        server.stop()


@pytest.fixture
def pointed_at(throwaway_redis, settings):
    """The cache and the Celery broker of this process use the throwaway server."""
    from portal.celery import app

    settings.REDIS_URL = throwaway_redis.url
    settings.CACHES = {"default": {"BACKEND": "portal.cache.FallbackRedisCache",
                                   "LOCATION": throwaway_redis.url}}
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}

    def reset_pools():
        # kombu keeps producer pools in a registry of its own, keyed by connection.
        from kombu import pools

        pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    app.conf.broker_url = throwaway_redis.url
    app.conf.task_always_eager = False
    reset_pools()
    yield throwaway_redis
    app.conf.update(saved)
    reset_pools()


def timed(call, *args, **kwargs):
    started = time.monotonic()
    response = call(*args, **kwargs)
    return response, time.monotonic() - started


def test_with_redis_stopped_everything_answers_and_the_booking_email_goes_once(pointed_at, home_page, client):
    from django.core.cache import cache

    from portal.notifications.tasks import flush_outbox

    cache.set("probe", "up")
    assert cache.get("probe") == "up"  # really on the throwaway Redis
    home_page.add_child(instance=CourseIndexPage(title="课程培训", slug="courses"))
    consultant = ConsultantFactory()
    seeker = UserFactory()
    start = local_slot(consultant, 3, 10)

    pointed_at.stop()

    answers = {}
    answers["home"] = timed(client.get, "/")
    answers["courses"] = timed(client.get, "/courses/")
    answers["api"] = timed(client.get, "/api/v1/courses")
    answers["signup"] = timed(client.post, "/accounts/signup/", {
        "email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD, "privacy_consent": "on"})
    client.logout()
    answers["login"] = timed(client.post, "/accounts/login/", {"login": seeker.email, "password": PASSWORD})
    client.force_login(seeker)
    answers["booking"] = timed(client.post, reverse("consultants:book", args=[consultant.pk]), {
        "start": start.isoformat(), "mode": "online", "topic_code": "job_anxiety", "topic": "面试焦虑"})
    for name, (response, seconds) in answers.items():
        assert response.status_code < 400, (name, response.status_code)
        assert seconds < BOUND, (name, seconds)
    assert Booking.objects.filter(seeker=seeker, start=start).count() == 1
    health = client.get("/healthz")
    assert health.status_code == 503 and "cache" in health.json()["failing"]

    pointed_at.start()
    mail.outbox.clear()
    flush_outbox(older_than_seconds=0)
    flush_outbox(older_than_seconds=0)
    booked_to = sorted(m.to[0] for m in mail.outbox if m.to[0] in (seeker.email, consultant.user.email))
    assert booked_to == sorted([seeker.email, consultant.user.email])


def test_the_page_cache_keeps_pages_answering_and_fresh_through_a_redis_pause(throwaway_redis, settings, home_page,
                                                                              client):
    """Redis stops answering (CLIENT PAUSE: the server keeps its data) while a posting
    changes: pages still render, and once Redis answers again the copy stored before
    the pause is not served, because the invalidation owed from the pause is paid first."""
    import redis
    from django.core.cache import caches

    from jobs.tests.factories import JobPostingFactory

    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_TOPICS_ALIAS = None  # the tokens in Redis too, as with REDIS_URL
    settings.CACHES = {"default": {"BACKEND": "portal.cache.FallbackRedisCache", "LOCATION": throwaway_redis.url,
                                   "OPTIONS": {"RETRY_AFTER": 0.5}}}
    caches["default"].clear()
    job = JobPostingFactory(title="出纳专员")
    path = f"/jobs/{job.pk}/"
    assert client.get(path)["X-Page-Cache"] == "miss"
    assert client.get(path)["X-Page-Cache"] == "hit"

    redis.Redis.from_url(throwaway_redis.url).execute_command("CLIENT", "PAUSE", 2500, "ALL")
    paused_until = time.monotonic() + 2.5
    response, seconds = timed(client.get, path)
    assert response.status_code == 200 and "X-Page-Cache" not in response and seconds < BOUND
    job.title = "会计专员"
    job.save()  # autocommit here: the invalidation runs now, meets the paused Redis and is owed
    response = client.get(path)
    assert response.status_code == 200 and "会计专员" in response.content.decode()

    time.sleep(max(0.0, paused_until - time.monotonic()) + 0.6)
    response = client.get(path)
    assert response["X-Page-Cache"] == "miss" and "会计专员" in response.content.decode()
    assert client.get(path)["X-Page-Cache"] == "hit"
