"""Queries per public page (issue 17): bounded, the same however much data there
is, and Wagtail's Site row read once a page. The pages are those the load
benchmark drives (benchmarks/pages.py), on the demo content, then again after
more consultants, postings, employers and news have been added."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultants.models import Consultant
from consultants.tests.factories import ConsultantFactory, make_booking
from courses.models import CoursePage
from jobs.models import JobPosting
from jobs.tests.factories import JobPostingFactory
from portal.pages.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db

# The most queries each page may run, anonymous.
LIMITS = {"/": 15, "/courses/": 15, "course": 15, "/consultants/": 15, "consultant": 15,
          "/jobs/": 15, "/jobs/?q=会计": 15, "job": 15, "/search/?q=面试": 15}


def addresses():
    return {
        **{path: path for path in ("/", "/courses/", "/consultants/", "/jobs/", "/jobs/?q=会计", "/search/?q=面试")},
        "course": CoursePage.objects.live().order_by("pk").first().url,
        "consultant": Consultant.objects.active().order_by("pk").first().get_absolute_url(),
        "job": JobPosting.objects.visible().order_by("pk").first().get_absolute_url(),
    }


def counted(client, paths):
    counts = {}
    for name, path in paths.items():
        client.get(path)  # warm: first-request work (translations, caches) is not per request
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        site_reads = [q for q in queries.captured_queries if 'FROM "wagtailcore_site"' in q["sql"]]
        assert len(site_reads) <= 1, (path, [q["sql"] for q in site_reads])
        counts[name] = len(queries)
    return counts


def more_data():
    for n in range(8):
        consultant = ConsultantFactory(display_name=f"新顾问{n}")
        make_booking(consultant)
    for n in range(15):
        JobPostingFactory(title=f"会计{n}号岗位", published_at=timezone.now() - timedelta(hours=n))
    news = NewsIndexPage.objects.live().first()
    for n in range(4):
        news.add_child(instance=NewsPage(title=f"新闻{n}", slug=f"extra-news-{n}", intro="面试"))


def test_public_pages_run_a_bounded_number_of_queries_that_does_not_grow_with_data(client):
    call_command("seed_demo", verbosity=0)
    paths = addresses()
    before = counted(client, paths)
    for name, count in before.items():
        assert count <= LIMITS[name], (name, count)
    more_data()
    assert counted(client, paths) == before
