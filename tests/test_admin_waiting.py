"""The admin dashboard (/cms/) shows an editor or moderator what waits for her:
postings to moderate, employers to verify, low ratings not read yet; each only to
whoever may act on it."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from consultants.models import Booking, Feedback
from consultants.tests.factories import ConsultantFactory, make_booking
from jobs.models import Employer, JobPosting
from jobs.tests.factories import EmployerFactory, JobPostingFactory
from portal.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def staff(group):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group))
    return user


def feedback(rating, days_ago=1):
    consultant = ConsultantFactory()
    booking = make_booking(consultant, start=timezone.now() - timedelta(days=days_ago + 1),
                           status=Booking.Status.COMPLETED)
    answer = Feedback.objects.create(booking=booking, rating=rating)
    Feedback.objects.filter(pk=answer.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return answer


@pytest.fixture
def waiting(home_page):
    JobPostingFactory(status=JobPosting.Status.SUBMITTED)
    JobPostingFactory(status=JobPosting.Status.SUBMITTED)
    JobPostingFactory(status=JobPosting.Status.APPROVED)
    EmployerFactory(verified=False, verification_status=Employer.Verification.PENDING)
    EmployerFactory(verified=False)  # never asked
    low = feedback(1)
    feedback(2)
    feedback(2, days_ago=40)  # too old
    feedback(4)  # not low
    return low


def figure(html, label):
    match = re.search(r"<strong>(\d+)</strong> " + re.escape(label), html)
    return match and int(match.group(1))


def test_a_moderator_sees_every_count_and_its_link(client, waiting):
    client.force_login(staff("Moderators"))

    html = client.get("/cms/").content.decode()

    assert figure(html, "个岗位待审核") == 2
    assert figure(html, "家用人单位待认证") == 1
    assert figure(html, "条未读的低分评价") == 2
    assert 'href="/cms/jobs/moderation/"' in html and 'href="/cms/jobs/verification/"' in html


def test_an_editor_sees_only_what_she_may_act_on(client, waiting):
    client.force_login(staff("Editors"))

    html = client.get("/cms/").content.decode()

    assert figure(html, "个岗位待审核") is None
    assert figure(html, "家用人单位待认证") is None
    assert figure(html, "条未读的低分评价") == 2


def test_opening_a_low_rating_takes_it_off_the_dashboard(client, waiting):
    client.force_login(staff("Editors"))
    inspect = f"/cms/snippets/consultants/feedback/inspect/{waiting.pk}/"

    assert client.get(inspect).status_code == 200

    waiting.refresh_from_db()
    assert waiting.read_at is not None
    assert figure(client.get("/cms/").content.decode(), "条未读的低分评价") == 1


def test_nothing_waiting_says_so_instead_of_an_empty_dashboard(client, home_page):
    client.force_login(staff("Moderators"))

    html = client.get("/cms/").content.decode()

    assert "招聘：等你处理" in html and "咨询：等你处理" in html
    assert html.count("目前没有等你处理的事项。") == 2
    assert figure(html, "个岗位待审核") is None


def test_someone_without_the_admin_role_never_reaches_it(client, waiting):
    client.force_login(UserFactory())
    response = client.get("/cms/")
    assert response.status_code == 302
