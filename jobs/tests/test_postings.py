"""Posting workflow, visibility and the pages, feeds and API that show postings."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from jobs import services
from jobs.models import JobPosting
from jobs.tests.factories import JobPostingFactory
from portal.accounts.tests.factories import UserFactory
from portal.errors import Conflict, Forbidden

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "title": "财务会计助理", "district": "永川", "industry": "finance", "job_type": "full_time",
        "salary_min": "4000", "salary_max": "6000", "education": "associate", "experience": "none",
        "description": "负责日常账务。", "requirements": "会计相关专业。", "benefits": "五险一金",
        "how_to_apply": "在线投递", "expires_on": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
    }
    data.update(overrides)
    return data


def test_visibility_follows_state_and_dates():
    now = timezone.now()
    visible = JobPostingFactory()
    JobPostingFactory(status=JobPosting.Status.SUBMITTED, published_at=None)
    JobPostingFactory(status=JobPosting.Status.REJECTED)
    JobPostingFactory(status=JobPosting.Status.CLOSED)
    JobPostingFactory(expires_at=now - datetime.timedelta(seconds=1))
    JobPostingFactory(published_at=now + datetime.timedelta(hours=1))
    assert list(JobPosting.objects.visible()) == [visible]


def test_expired_posting_answers_410_with_similar_jobs(client):
    expired = JobPostingFactory(title="出纳", expires_at=timezone.now() - datetime.timedelta(days=1))
    similar = JobPostingFactory(title="审计助理")
    response = client.get(reverse("jobs:detail", args=[expired.pk]))
    assert response.status_code == 410
    assert similar.title in response.content.decode()


def test_unpublished_posting_is_404_for_the_public_and_previewed_by_its_employer(client, member):
    draft = JobPostingFactory(employer=member.employer, status=JobPosting.Status.DRAFT, published_at=None)
    assert client.get(reverse("jobs:detail", args=[draft.pk])).status_code == 200
    client.logout()
    assert client.get(reverse("jobs:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("jobs:detail", args=[999999])).status_code == 404


def test_lists_feeds_sitemap_and_api_show_only_visible_jobs(client):
    shown = JobPostingFactory(title="可见岗位")
    hidden = JobPostingFactory(title="过期岗位", expires_at=timezone.now() - datetime.timedelta(minutes=1))
    for url in (reverse("search:jobs"), reverse("jobs:feed_rss"), reverse("jobs:feed_atom"), "/sitemap.xml",
                "/api/v1/jobs"):
        body = client.get(url).content.decode()
        assert hidden.title not in body and f"/jobs/{hidden.pk}/" not in body, url
        assert f"/jobs/{shown.pk}/" in body, url


def test_employer_submits_and_flagged_posting_cannot_be_approved(client, member, moderator):
    response = client.post(reverse("jobs:employer_new"), form_data(requirements="男性优先，能出差。", submit="1"))
    posting = JobPosting.objects.get()
    # Held with her, not submitted (jobs/tests/test_fair_moderation.py has the details).
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:employer_edit", args=[posting.pk])
    assert posting.status == JobPosting.Status.NEEDS_CHANGES
    assert [f["phrase"] for f in posting.flagged_phrases] == ["男性优先"]
    page = client.get(reverse("jobs:employer_posting", args=[posting.pk])).content.decode()
    assert '<mark class="flagged" title="gender">男性优先</mark>' in page

    with pytest.raises(Conflict):
        services.approve_posting(posting, moderator)
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.NEEDS_CHANGES

    client.post(reverse("jobs:employer_edit", args=[posting.pk]), form_data(requirements="能出差。", submit="1"))
    posting.refresh_from_db()
    assert posting.flagged_phrases == [] and posting.status == JobPosting.Status.SUBMITTED
    services.approve_posting(posting, moderator)
    posting.refresh_from_db()
    assert posting.is_visible()


def test_employer_cannot_approve_in_the_admin(client, member):
    posting = JobPostingFactory(employer=member.employer, status=JobPosting.Status.SUBMITTED, published_at=None)
    member.user.is_staff = True
    member.user.save()
    Group.objects.get(name="Editors").user_set.add(member.user)
    response = client.post(reverse("jobs_admin_review", args=[posting.pk]), {"action": "approve"})
    assert response.status_code in (302, 403)
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.SUBMITTED
    with pytest.raises(Forbidden):
        services.approve_posting(posting, member.user)


def test_moderator_approves_and_rejects_in_the_admin(client, moderator, mailoutbox,
                                                     django_capture_on_commit_callbacks):
    first = JobPostingFactory(status=JobPosting.Status.SUBMITTED, published_at=None)
    second = JobPostingFactory(status=JobPosting.Status.SUBMITTED, published_at=None)
    client.force_login(moderator)
    assert first.title in client.get(reverse("jobs_admin_queue")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("jobs_admin_review", args=[first.pk]), {"action": "approve"})
        response = client.post(reverse("jobs_admin_review", args=[second.pk]), {"action": "reject", "comment": ""})
    assert response.status_code == 200
    second.refresh_from_db()
    assert second.status == JobPosting.Status.SUBMITTED  # a rejection needs its reason
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("jobs_admin_review", args=[second.pk]), {"action": "reject", "comment": "薪资写错了"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_visible()
    assert second.status == JobPosting.Status.REJECTED and second.moderation_comment == "薪资写错了"
    assert any("薪资写错了" in message.body for message in mailoutbox)


@pytest.mark.parametrize(("overrides", "field"), [
    ({"salary_min": "8000", "salary_max": "5000"}, "salary_max"),
    ({"salary_min": "-100"}, "salary_min"),
    ({"expires_on": "2020-01-01"}, "expires_on"),
    ({"description": "<script>alert(1)</script>"}, "description"),
])
def test_bad_posting_input_is_refused_and_nothing_saved(client, member, overrides, field):
    response = client.post(reverse("jobs:employer_new"), form_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert JobPosting.objects.count() == 0


def test_script_tags_are_removed_from_descriptions(client, member):
    client.post(reverse("jobs:employer_new"), form_data(description="负责账务<script>alert(1)</script><b>认真</b>"))
    posting = JobPosting.objects.get()
    assert posting.description == "负责账务认真"
    assert posting.revisions.count() == 1


def test_employer_sees_only_its_own_postings(client, member):
    other = JobPostingFactory(status=JobPosting.Status.DRAFT, published_at=None)
    assert client.get(reverse("jobs:employer_posting", args=[other.pk])).status_code == 404
    assert client.post(reverse("jobs:employer_close", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.status == JobPosting.Status.DRAFT


def test_state_changes_refuse_get(client, member):
    posting = JobPostingFactory(employer=member.employer, status=JobPosting.Status.DRAFT, published_at=None)
    assert client.get(reverse("jobs:employer_submit", args=[posting.pk])).status_code == 405
    assert client.get(reverse("jobs:employer_close", args=[posting.pk])).status_code == 405
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.DRAFT


def test_login_ignores_a_next_parameter_to_another_site(client):
    user = UserFactory()
    response = client.post(reverse("account_login") + "?next=https://evil.example/",
                           {"login": user.email, "password": "Correct-Horse-42"})
    assert response.status_code == 302
    assert not response["Location"].startswith("https://evil.example")


def test_expiry_reminder_is_sent_once(mailoutbox, django_capture_on_commit_callbacks):
    from jobs.tasks import remind_expiring_postings

    JobPostingFactory(expires_at=timezone.now() + datetime.timedelta(days=2))
    JobPostingFactory(expires_at=timezone.now() + datetime.timedelta(days=20))
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_expiring_postings() == 1
        assert remind_expiring_postings() == 0
    assert len(mailoutbox) == 1


def test_edit_form_shows_the_expiry_date_the_date_input_can_read(client, member):
    posting = JobPostingFactory(employer=member.employer, status=JobPosting.Status.DRAFT, published_at=None)
    page = client.get(reverse("jobs:employer_edit", args=[posting.pk])).content.decode()
    day = timezone.localtime(posting.expires_at).date().isoformat()
    assert f'value="{day}"' in page

