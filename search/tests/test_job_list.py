"""The /jobs/ list page: filters, bad input and a query count that does not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobs.tests.factories import JobPostingFactory

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


def test_list_query_count_does_not_grow(client):
    JobPostingFactory.create_batch(10)
    client.get(reverse("search:jobs"))  # the first request creates the site settings rows
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("search:jobs"))
    JobPostingFactory.create_batch(190)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("search:jobs"))
    assert len(many.captured_queries) == len(few.captured_queries)
