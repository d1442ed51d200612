"""/jobs/employer/: her postings with applicants counted by status, her answer rate
on top, in a fixed number of queries."""

import pytest
from django.urls import reverse

from jobs.models import Application
from jobs.tests.factories import JobPostingFactory
from jobs.tests.test_responsiveness import make
from portal.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOME = reverse("jobs:employer_home")
Status = Application.Status


def counts_of(response, posting):
    row = next(p for p in response.context["postings"] if p.pk == posting.pk)
    return {status: count for status, _label, count in row.applicant_counts if count}


def test_her_postings_count_applicants_by_status(client, member):
    accountant = JobPostingFactory(employer=member.employer, title="会计")
    clerk = JobPostingFactory(employer=member.employer, title="文员")
    for status in [Status.SUBMITTED, Status.SUBMITTED, Status.VIEWED, Status.INTERVIEW, Status.HIRED,
                   Status.WITHDRAWN, Status.UNANSWERED]:
        make(accountant, 3, status=status)
    make(clerk, 3, status=Status.OFFER)
    make(JobPostingFactory(title="别家的岗位"), 3)  # another employer's

    response = client.get(HOME)

    assert response.status_code == 200
    assert counts_of(response, accountant) == {"submitted": 2, "viewed": 1, "interview": 1, "hired": 1,
                                               "withdrawn": 1, "unanswered": 1}
    assert counts_of(response, clerk) == {"offer": 1}
    html = response.content.decode()
    assert "新投递 2" in html and "逾期未答复 1" in html
    assert "别家的岗位" not in html
    assert response.context["responsiveness"] is None  # nothing answered or due yet, apart from one


def test_her_answer_rate_is_on_top(client, member):
    job = JobPostingFactory(employer=member.employer)
    for days in (1, 2, 3):
        make(job, 30, days, "rejected")
    make(job, 30, None, "unanswered")

    response = client.get(HOME)

    assert response.context["responsiveness"].rate == 75
    html = response.content.decode()
    assert html.index("75%") < html.index('class="plain-list posting-list"')


def test_someone_without_an_employer_is_sent_to_register(client):
    client.force_login(UserFactory())
    assert client.get(HOME)["Location"] == reverse("jobs:employer_register")


def _applicants(employer, postings, per_posting):
    for _ in range(postings):
        job = JobPostingFactory(employer=employer)
        for n in range(per_posting):
            make(job, 3 + n, status=[Status.SUBMITTED, Status.VIEWED, Status.REJECTED][n % 3])


def test_the_home_query_count_does_not_grow_with_postings_or_applicants(client, member,
                                                                       django_assert_max_num_queries):
    _applicants(member.employer, 1, 2)
    with django_assert_max_num_queries(30) as small:
        client.get(HOME)
    _applicants(member.employer, 6, 5)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(HOME)
    assert len(response.context["postings"]) == 7
