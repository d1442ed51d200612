"""The /jobs/ list page: filters, bad input and a query count that does not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobs.models import CV, Application, Favourite
from jobs.tests.factories import JobPostingFactory
from portal.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_list_filters(client):
    JobPostingFactory(title="永川会计", district="永川", salary_min=3000, salary_max=4000)
    JobPostingFactory(title="渝中设计", district="渝中", industry="media", salary_min=8000, salary_max=12000)
    body = client.get(reverse("search:jobs"), {"city": "渝中"}).content.decode()
    assert "渝中设计" in body and "永川会计" not in body
    body = client.get(reverse("search:jobs"), {"salary_min": "5000"}).content.decode()
    assert "渝中设计" in body and "永川会计" not in body


@pytest.mark.parametrize("params", [{"salary_min": "abc"}, {"salary_min": "-5"},
                                    {"salary_min": "9000", "salary_max": "1000"}, {"industry": "nonsense"},
                                    {"page": "99999"}, {"q": "x" * 2000}, {"sort": "sideways"}])
def test_bad_filters_get_a_message_and_the_jobs_still_show(client, params):
    job = JobPostingFactory()
    response = client.get(reverse("search:jobs"), params)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'role="alert"' in body
    assert f"/jobs/{job.pk}/" in body


def _keep_and_apply(user, jobs):
    """She keeps every other job and applied to the rest: each card has a marker."""
    for number, job in enumerate(jobs):
        if number % 2:
            Favourite.objects.create(user=user, job=job)
        else:
            cv = CV.objects.create(owner=user, file="cvs/x.pdf", original_name="x.pdf", kind="pdf", size=1)
            Application.objects.create(seeker=user, job=job, cv=cv)


@pytest.mark.parametrize("signed_in", [False, True])
def test_list_query_count_does_not_grow(client, signed_in):
    user = UserFactory() if signed_in else None
    if user:
        client.force_login(user)
    jobs = JobPostingFactory.create_batch(10)
    if user:
        _keep_and_apply(user, jobs)
    client.get(reverse("search:jobs"))  # the first request creates the site settings rows
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("search:jobs"))
    jobs = JobPostingFactory.create_batch(190)
    if user:
        _keep_and_apply(user, jobs)
    client.get(reverse("search:jobs"))  # the first search after a change rebuilds the in-memory index
    with CaptureQueriesContext(connection) as many:
        body = client.get(reverse("search:jobs")).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    # The markers are on the cards (20 a page), not left out to keep the count down.
    assert (body.count('aria-pressed="true"') > 0 and body.count("tag--applied") > 0) == signed_in


def test_the_sort_menu_says_newest_without_a_keyword_and_best_match_with_one(client, settings):
    import re

    settings.ELASTICSEARCH_URL = ""

    def menu(**params):
        body = client.get("/jobs/", params).content.decode()
        select = re.search(r'<select id="job-sort".*?</select>', body, flags=re.S).group(0)
        return re.findall(r'<option value="([^"]*)"( selected)?>([^<]+)</option>', select)

    assert menu() == [("", " selected", "最新发布"), ("salary", "", "薪资最高")]
    assert menu(q="会计") == [("", " selected", "最相关"), ("newest", "", "最新发布"), ("salary", "", "薪资最高")]
    assert menu(q="会计", sort="newest")[1] == ("newest", " selected", "最新发布")
    assert menu(sort="salary")[1] == ("salary", " selected", "薪资最高")
