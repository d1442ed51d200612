"""The anonymous page cache (portal/page_cache.py): served from the cache on the second
visit, fresh at once after every change that shows on a page, bounded by the clock for
what changes with no save, never for people signed in, forms still posting.

Each change runs the way the site makes it (the services, Wagtail's publish) inside
`django_capture_on_commit_callbacks(execute=True)`: the invalidation happens on
commit, as it does outside a test. The same tests run on the local-memory cache and,
with REDIS_URL set, on Redis.
"""

import os
import re
import subprocess
import sys
from datetime import timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from consultants import services as consultant_services
from consultants.models import AvailabilityOverride, AvailabilityRule
from consultants.tests.factories import ConsultantFactory, one_slot_consultant
from courses import services as course_services
from courses.models import CourseCategory, CourseIndexPage, CoursePage, CourseSession
from jobs import services as job_services
from jobs.models import JobPosting
from jobs.tests.factories import JobPostingFactory
from portal.accounts.tests.factories import PASSWORD, UserFactory
from portal.pages.models import NewsIndexPage, NewsPage

HEADER = "X-Page-Cache"


@pytest.fixture(autouse=True)
def page_cache_on(settings, db):
    settings.PAGE_CACHE_ENABLED = True
    reverse("search:jobs")  # the URLconf (and the API's schemas) loaded before any frozen clock
    stores = [cache] + ([caches[settings.PAGE_CACHE_TOPICS_ALIAS]] if settings.PAGE_CACHE_TOPICS_ALIAS else [])
    for store in stores:
        store.clear()
    yield
    for store in stores:
        store.clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change and its on-commit callbacks, as a real commit would."""
    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)
    return run


def get(client, path, **extra):
    response = client.get(path, **extra)
    assert response.status_code in (200, 404, 410), (path, response.status_code)
    return response, response.content.decode()


def cached(client, path):
    """Fill the cache with `path` and check the next visit is served from it."""
    first, _ = get(client, path)
    assert first[HEADER] == "miss", (path, first.get(HEADER))
    second, body = get(client, path)
    assert second[HEADER] == "hit", path
    return body


@pytest.fixture
def course(home_page):
    catalog = home_page.add_child(instance=CourseIndexPage(title="课程培训", slug="courses"))
    category = CourseCategory.objects.create(name="面试技巧", name_en="Interview skills", slug="interview")
    course = catalog.add_child(instance=CoursePage(
        title="面试技巧实战", slug="interview-course", summary="结构化面试。", category=category, format="offline"))
    starts = timezone.now() + timedelta(days=7)
    CourseSession.objects.create(course=course, starts_at=starts, ends_at=starts + timedelta(hours=2), capacity=2,
                                 venue="妇女儿童活动中心")
    return course


# --- served from the cache ------------------------------------------------------------

def test_the_second_anonymous_visit_is_served_from_the_cache_without_a_query(
        client, home_page, django_assert_num_queries):
    JobPostingFactory(title="出纳专员")
    first, body = get(client, "/jobs/")
    assert first[HEADER] == "miss" and "出纳专员" in body
    with django_assert_num_queries(0):
        second, again = get(client, "/jobs/")
    assert second[HEADER] == "hit"
    assert again == body
    # The middleware outside the cache still runs on a hit: the strict CSP, the language.
    assert "script-src 'self'" in second["Content-Security-Policy"]
    assert second["Content-Language"] == "zh-hans"
    head = client.head("/jobs/")
    assert head.status_code == 200 and head[HEADER] == "hit"


def test_each_language_and_query_has_its_own_copy(client, home_page):
    JobPostingFactory(title="出纳专员")
    chinese = cached(client, "/jobs/")
    english = cached(client, "/en/jobs/")
    assert 'lang="zh-Hans"' in chinese and 'lang="en"' in english
    assert get(client, "/jobs/?q=出纳")[0][HEADER] == "miss"


def test_signed_in_visitors_never_read_nor_fill_the_cache(client, home_page):
    job = JobPostingFactory(title="出纳专员")
    cached(client, f"/jobs/{job.pk}/")
    # Changed with no commit, hence no invalidation: only a page rendered now shows it.
    JobPosting.objects.filter(pk=job.pk).update(title="行政文员")
    user = UserFactory()
    client.force_login(user)
    for _ in range(2):
        response, body = get(client, f"/jobs/{job.pk}/")
        assert HEADER not in response and "行政文员" in body
    client.logout()
    stale, body = get(client, f"/jobs/{job.pk}/")  # the visitors' copy is still the one it was
    assert stale[HEADER] == "hit" and "出纳专员" in body
    # And what she saw signed in was never stored for visitors.
    client.force_login(user)
    get(client, "/en/jobs/")
    client.logout()
    assert get(client, "/en/jobs/")[0][HEADER] == "miss"


def test_a_visitor_with_a_message_pending_gets_the_page_rendered_with_it(client, home_page):
    cached(client, "/jobs/")
    user = UserFactory()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("account_logout"))  # "You have signed out.": pending for the next page
    response, body = get(client, "/jobs/")
    assert response.get(HEADER) != "hit"
    assert "message" in body and 'class="messages"' in body
    assert get(client, "/jobs/")[0][HEADER] == "hit"  # shown once; then the copy again


def test_private_addresses_are_never_cached(client, home_page):
    for path in ("/accounts/login/", "/en/accounts/login/", "/me/"):
        for _ in range(2):
            response = client.get(path)
            assert HEADER not in response, path


# --- fresh at once after each change -----------------------------------------------------

def test_publishing_and_unpublishing_a_page(client, home_page, commit):
    news_index = home_page.add_child(instance=NewsIndexPage(title="新闻", slug="news"))
    article = news_index.add_child(instance=NewsPage(title="招聘会通知", slug="fair"))
    assert "巾帼职达" in cached(client, "/")
    assert "招聘会通知" in cached(client, "/news/")
    cached(client, "/news/fair/")

    home_page.hero_title = "春季招聘月"
    commit(lambda: home_page.save_revision().publish())
    response, body = get(client, "/")
    assert response[HEADER] == "miss" and "春季招聘月" in body

    commit(article.unpublish)
    assert "招聘会通知" not in get(client, "/news/")[1]
    assert get(client, "/news/fair/")[0].status_code == 404


def test_enrolment_cancellation_and_capacity_change_the_seats_at_once(client, course, commit):
    path = course.url
    assert "2 个名额" in cached(client, path) or "2 seats left" in cached(client, path)
    seats = re.compile(r'class="card__meta seats[^"]*">([^<]+)<')
    before = seats.findall(get(client, path)[1])
    user = UserFactory()
    session = course.sessions.get()
    enrolment = commit(course_services.enrol, user, session.pk)
    after_enrol = seats.findall(get(client, path)[1])
    assert after_enrol != before and "1" in after_enrol[0]
    assert "1" in seats.findall(get(client, "/courses/")[1])[0]

    commit(course_services.cancel, user, enrolment.pk)
    assert seats.findall(get(client, path)[1]) == before

    session.capacity = 9
    commit(session.save)
    assert "9" in seats.findall(get(client, path)[1])[0]
    assert "9" in seats.findall(get(client, "/courses/")[1])[0]


def test_a_booking_and_its_cancellation_change_the_consultants_slots_at_once(client, home_page, commit):
    consultant, start = one_slot_consultant()
    path = reverse("consultants:detail", args=[consultant.pk])
    slot_link = reverse("consultants:book", args=[consultant.pk]) + "?start="
    assert slot_link in cached(client, path)
    seeker = UserFactory()
    booking = commit(consultant_services.book, seeker, consultant.pk, start, "online", topic="面试焦虑")
    response, body = get(client, path)
    assert response[HEADER] == "miss" and slot_link not in body
    assert get(client, path)[0][HEADER] == "hit"

    commit(consultant_services.cancel_by_seeker, booking, seeker)
    assert slot_link in get(client, path)[1]


def test_availability_rules_and_overrides_change_the_slots_at_once(client, home_page, commit):
    consultant = ConsultantFactory(hours=[])
    path = reverse("consultants:detail", args=[consultant.pk])
    slot_link = reverse("consultants:book", args=[consultant.pk]) + "?start="
    assert slot_link not in cached(client, path)
    day = timezone.now().astimezone(ZoneInfo(consultant.time_zone)).date() + timedelta(days=3)
    commit(AvailabilityRule.objects.create, consultant=consultant, weekday=day.weekday(),
           start_time="09:00", end_time="12:00")
    assert slot_link in get(client, path)[1]
    # Blocking that day (every other weekday has no hours) leaves none again.
    for offset in range(0, 15, 7):
        commit(AvailabilityOverride.objects.create, consultant=consultant, date=day + timedelta(days=offset),
               kind=AvailabilityOverride.Kind.BLOCK)
    assert slot_link not in get(client, path)[1]


def test_a_posting_approved_edited_and_closed_shows_at_once(client, home_page, commit):
    moderator = UserFactory(is_staff=True, is_superuser=True)
    job = JobPostingFactory(title="出纳专员", status=JobPosting.Status.SUBMITTED, published_at=None)
    assert "出纳专员" not in cached(client, "/jobs/")
    assert "出纳专员" not in cached(client, "/")

    commit(job_services.approve_posting, job, moderator)
    assert "出纳专员" in get(client, "/jobs/")[1]
    assert "出纳专员" in get(client, "/")[1]
    assert "出纳专员" in cached(client, f"/jobs/{job.pk}/")
    assert "出纳专员" in cached(client, reverse("employers:detail", args=[job.employer_id]))

    job.title = "会计专员"
    commit(job_services.save_posting, job, moderator)
    job.refresh_from_db()
    if job.status == JobPosting.Status.APPROVED:  # a moderator's own edit stays published
        assert "会计专员" in get(client, f"/jobs/{job.pk}/")[1]
        assert "会计专员" in get(client, "/jobs/")[1]
    else:
        commit(job_services.approve_posting, job, moderator)
        assert "会计专员" in get(client, f"/jobs/{job.pk}/")[1]

    commit(job_services.close_posting, job, moderator)
    assert "会计专员" not in get(client, "/jobs/")[1]
    assert get(client, f"/jobs/{job.pk}/")[0].status_code != 200
    assert "会计专员" not in get(client, reverse("employers:detail", args=[job.employer_id]))[1]


# --- fresh with the clock, no save -------------------------------------------------------

def test_a_posting_reaching_its_expiry_leaves_every_page_with_no_save(client, home_page):
    with freeze_time(timezone.now()) as frozen:
        job = JobPostingFactory(title="出纳专员", expires_at=timezone.now() + timedelta(seconds=90))
        JobPostingFactory(title="行政文员")
        for path in ("/jobs/", "/", f"/jobs/{job.pk}/"):
            assert "出纳专员" in cached(client, path)
        frozen.tick(timedelta(seconds=60))
        assert get(client, "/jobs/")[0][HEADER] == "hit"  # still before its expiry
        frozen.tick(timedelta(seconds=31))
        for path in ("/jobs/", "/"):
            response, body = get(client, path)
            assert response[HEADER] == "miss" and "出纳专员" not in body and "行政文员" in body
        assert get(client, f"/jobs/{job.pk}/")[0].status_code == 410


def test_a_posting_reaching_its_publication_time_appears_with_no_save(client, home_page):
    with freeze_time(timezone.now()) as frozen:
        JobPostingFactory(title="出纳专员", published_at=timezone.now() + timedelta(seconds=90))
        assert "出纳专员" not in cached(client, "/jobs/")
        frozen.tick(timedelta(seconds=91))
        assert "出纳专员" in get(client, "/jobs/")[1]


def test_an_enrolment_deadline_closes_the_form_on_the_cached_page(client, course):
    with freeze_time(timezone.now()) as frozen:
        session = course.sessions.get()
        session.enrolment_deadline = timezone.now() + timedelta(seconds=90)
        session.save()
        enrol_url = reverse("courses:enrol", args=[session.pk])
        assert enrol_url in cached(client, course.url)
        frozen.tick(timedelta(seconds=91))
        assert enrol_url not in get(client, course.url)[1]


def test_a_slot_coming_within_the_notice_leaves_the_profile_with_no_save(client, home_page):
    consultant = ConsultantFactory()  # 09:00–17:00 every day, 12 hours' notice
    notice = timedelta(hours=consultant.min_notice_hours)
    first = consultant_services.next_open_slots(consultant)[0]
    # A minute before her first slot comes within her notice (no earlier slot is open then).
    with freeze_time(first - notice - timedelta(seconds=60)) as frozen:
        assert consultant_services.next_open_slots(consultant)[0] == first
        path = reverse("consultants:detail", args=[consultant.pk])
        link = reverse("consultants:book", args=[consultant.pk]) + "?start=" + quote(first.isoformat())
        assert link in cached(client, path)
        frozen.tick(timedelta(seconds=61))
        assert link not in get(client, path)[1]


# --- forms on cached pages ---------------------------------------------------------------

def test_a_form_on_a_cached_page_posts_for_two_visitors_each_with_her_own_token(course):
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    session = course.sessions.get()
    action = reverse("courses:enrol", args=[session.pk])
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    served = []
    for visitor in (first, second):
        response = visitor.get(course.url)
        served.append(response[HEADER])
        tokens = token.findall(response.content.decode())
        assert tokens and action in response.content.decode()
        assert "csrftoken" in visitor.cookies
        posted = visitor.post(action, {"csrfmiddlewaretoken": tokens[0]})
        assert posted.status_code == 302 and reverse("account_login") in posted["Location"]
        visitor.token = tokens[0]
    assert served == ["miss", "hit"]
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    # The check is real: a token that is not one's own is refused.
    third = Client(enforce_csrf_checks=True)
    third.cookies["csrftoken"] = "x" * 32
    assert third.post(action, {"csrfmiddlewaretoken": first.token}).status_code == 403


# --- several processes -------------------------------------------------------------------

def test_a_change_made_in_another_process_makes_this_ones_copy_miss(client, home_page):
    """Two gunicorn workers: the topic tokens are shared (Redis, or files on this machine
    without it), so one worker's invalidation reaches the copies the other keeps."""
    JobPostingFactory(title="出纳专员")
    cached(client, "/jobs/")
    change = "from portal import page_cache; page_cache.invalidate_now({'jobs'})"
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", change],
        cwd=settings.BASE_DIR, env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
        check=True, timeout=120, capture_output=True)
    assert get(client, "/jobs/")[0][HEADER] == "miss"
