"""Saving a posting: one post_save per save, discrimination flags that follow
the text wherever it is edited (the site's form, the admin's), and the statuses
the admin lets an editor save."""

import datetime
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import Group
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone

from jobs import services
from jobs.models import JobPosting
from jobs.tests.factories import EmployerMemberFactory, JobPostingFactory
from portal.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@contextmanager
def post_saves():
    """The update_fields of every post_save a JobPosting sends inside the block."""
    sent = []

    def receiver(sender, instance, update_fields=None, **kwargs):
        sent.append(update_fields)

    post_save.connect(receiver, sender=JobPosting, dispatch_uid="test_saving.post_saves")
    try:
        yield sent
    finally:
        post_save.disconnect(sender=JobPosting, dispatch_uid="test_saving.post_saves")


@pytest.fixture
def editor(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def admin_edit(client, posting, **changes):
    """POST the posting's snippet form in the Wagtail admin with some fields changed."""
    data = {
        "employer": posting.employer_id, "title": posting.title, "city": posting.city, "district": posting.district,
        "industry": posting.industry, "job_type": posting.job_type, "salary_min": posting.salary_min,
        "salary_max": posting.salary_max, "education": posting.education, "experience": posting.experience,
        "description": posting.description, "requirements": posting.requirements, "benefits": posting.benefits,
        "how_to_apply": posting.how_to_apply, "status": posting.status,
        "expires_at": timezone.localtime(posting.expires_at).strftime("%Y-%m-%d %H:%M"),
        **changes,
    }
    return client.post(reverse("wagtailsnippets_jobs_jobposting:edit", args=[posting.pk]), data)


def test_save_posting_sends_post_save_once_and_records_the_revision():
    member = EmployerMemberFactory()
    posting = JobPostingFactory.build(employer=member.employer, status=JobPosting.Status.DRAFT, published_at=None)
    with post_saves() as sent:
        services.save_posting(posting, member.user)
    assert len(sent) == 1
    posting.title = "出纳"
    with post_saves() as sent:
        services.save_posting(posting, member.user)
    assert len(sent) == 1
    stored = JobPosting.objects.get(pk=posting.pk)
    assert stored.revisions.count() == 2
    assert stored.latest_revision == posting.latest_revision == stored.revisions.order_by("-pk").first()


def test_flags_follow_text_edited_on_the_site(client):
    member = EmployerMemberFactory()
    posting = JobPostingFactory(employer=member.employer, status=JobPosting.Status.DRAFT, published_at=None)
    assert posting.flagged_phrases == []
    client.force_login(member.user)
    data = {
        "title": posting.title, "district": posting.district, "industry": posting.industry,
        "job_type": posting.job_type, "salary_min": posting.salary_min, "salary_max": posting.salary_max,
        "education": posting.education, "experience": posting.experience, "description": posting.description,
        "requirements": "已婚已育优先。",
        "expires_on": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
    }
    with post_saves() as sent:
        client.post(reverse("jobs:employer_edit", args=[posting.pk]), data)
    assert len(sent) == 1
    posting.refresh_from_db()
    assert [flag["phrase"] for flag in posting.flagged_phrases] == ["已婚已育优先"]


def test_flags_follow_text_edited_in_the_admin(client, editor):
    posting = JobPostingFactory(status=JobPosting.Status.DRAFT, published_at=None)
    for requirements, flags in (("男性优先，能出差。", ["男性优先"]), ("能出差。", [])):
        with post_saves() as sent:
            response = admin_edit(client, posting, requirements=requirements)
        assert response.status_code == 302 and len(sent) == 1
        posting.refresh_from_db()
        assert [flag["phrase"] for flag in posting.flagged_phrases] == flags


def test_editor_cannot_approve_by_setting_the_status_in_the_admin(client, editor):
    posting = JobPostingFactory(status=JobPosting.Status.SUBMITTED, published_at=None)
    form = client.get(reverse("wagtailsnippets_jobs_jobposting:edit", args=[posting.pk])).content.decode()
    assert 'value="approved"' not in form
    assert admin_edit(client, posting, status=JobPosting.Status.APPROVED).status_code == 200
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.SUBMITTED
