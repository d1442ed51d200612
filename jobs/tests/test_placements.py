"""The placement ledger: what counts, her confirmation page, editors' verification and
the retention question six months on."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobs import applications, placements
from jobs.models import Application, Placement
from jobs.tasks import ask_retention
from jobs.tests.factories import EmployerMemberFactory, JobPostingFactory, pdf_upload
from portal.accounts.tests.factories import UserFactory
from portal.errors import Conflict, Forbidden, NotFound, ServiceError
from portal.notifications.models import OutboundMessage

pytestmark = pytest.mark.django_db


def hire(seeker=None):
    """A real hire: she applies, gets an offer and is marked hired by the employer."""
    job = JobPostingFactory()
    member = EmployerMemberFactory(employer=job.employer)
    seeker = seeker or UserFactory()
    application = applications.apply(job.pk, seeker, upload=pdf_upload())
    applications.decide(application.pk, member.user, "offer")
    applications.decide(application.pk, member.user, "hired", message="欢迎加入。")
    return Placement.objects.get(application=application)


@pytest.fixture
def editor():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def admin_without_role():
    """Someone who may open the admin but is neither editor nor moderator."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def counted():
    return set(Placement.objects.counted().values_list("pk", flat=True))


def test_a_placement_counts_once_she_confirms_or_an_editor_verifies(editor):
    waiting, confirmed, disputed, verified, disputed_then_verified = (hire() for _ in range(5))
    placements.confirm(confirmed.pk, confirmed.application.seeker)
    placements.dispute(disputed.pk, disputed.application.seeker)
    placements.verify(verified.pk, editor, "电话回访确认已入职。")
    placements.dispute(disputed_then_verified.pk, disputed_then_verified.application.seeker)
    placements.verify(disputed_then_verified.pk, editor, "见到劳动合同。")
    assert counted() == {confirmed.pk, verified.pk, disputed_then_verified.pk}
    assert set(Placement.objects.waiting_for_her().values_list("pk", flat=True)) == {waiting.pk}
    verified.refresh_from_db()
    assert verified.verified_by == editor and verified.verification_note == "电话回访确认已入职。"


def test_hired_asks_her_to_confirm_with_an_absolute_link(django_capture_on_commit_callbacks, settings):
    with django_capture_on_commit_callbacks(execute=True):
        placement = hire()
    message = OutboundMessage.objects.get(template="jobs/messages/placement/confirm")
    assert message.to == [placement.application.seeker.email]
    assert f"{settings.SITE_URL}/me/placements/{placement.pk}/" in message.body and "欢迎加入。" in message.body


def test_her_page_confirms_once_and_refuses_others(client):
    placement = hire()
    page = reverse("my_placements:detail", args=[placement.pk])
    answer = reverse("my_placements:answer", args=[placement.pk])
    # Someone else: 404 for the page and for an answer, nothing changes.
    client.force_login(UserFactory())
    assert client.get(page).status_code == 404
    assert client.post(answer, {"choice": "confirm"}).status_code == 404
    client.force_login(placement.application.seeker)
    html = client.get(page).content.decode()
    assert "我已入职" in html and "我没有入职" in html
    assert client.post(answer, {"choice": "maybe"}).status_code == 400
    assert client.post(answer, {"choice": "confirm"}).status_code == 302
    # A second answer, either way: 409, the first stands.
    assert client.post(answer, {"choice": "dispute"}).status_code == 409
    placement.refresh_from_db()
    assert placement.confirmed_at and placement.disputed_at is None
    assert counted() == {placement.pk}


def test_her_dashboard_shows_a_placement_waiting_for_her(client):
    placement = hire()
    client.force_login(placement.application.seeker)
    url = reverse("my_placements:detail", args=[placement.pk])
    assert url in client.get(reverse("dashboard")).content.decode()
    placements.confirm(placement.pk, placement.application.seeker)
    assert url not in client.get(reverse("dashboard")).content.decode()


def test_verification_needs_an_editor_and_a_note(editor):
    placement = hire()
    with pytest.raises(Forbidden):
        placements.verify(placement.pk, UserFactory(), "来自路人")
    with pytest.raises(ServiceError) as refused:
        placements.verify(placement.pk, editor, "   ")
    assert refused.value.code == "note_required"
    placements.verify(placement.pk, editor, "电话回访。")
    with pytest.raises(Conflict):
        placements.verify(placement.pk, editor, "再次确认。")


def test_the_admin_ledger_and_verify_page(client, editor):
    disputed = hire()
    placements.dispute(disputed.pk, disputed.application.seeker)
    other = hire()
    client.force_login(admin_without_role())
    assert client.get(reverse("jobs_admin_placements")).status_code == 403
    assert client.post(reverse("jobs_admin_placement_verify", args=[disputed.pk]), {"note": "x"}).status_code == 403
    client.force_login(editor)
    listing = client.get(reverse("jobs_admin_placements") + "?show=disputed").content.decode()
    assert reverse("jobs_admin_placement_verify", args=[disputed.pk]) in listing
    assert reverse("jobs_admin_placement_verify", args=[other.pk]) not in listing
    verify = reverse("jobs_admin_placement_verify", args=[disputed.pk])
    assert client.post(verify, {"note": ""}).status_code == 400
    assert disputed.pk not in counted()
    assert client.post(verify, {"note": "见到劳动合同，确已入职。"}).status_code == 302
    assert disputed.pk in counted()


def test_ledger_queries_do_not_grow_with_placements(client, editor):
    hire()
    client.force_login(editor)
    client.get(reverse("jobs_admin_placements"))  # warm caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("jobs_admin_placements"))
    for _ in range(4):
        hire()
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("jobs_admin_placements"))
    assert len(more) == len(few)


def test_retention_is_asked_once_six_months_on_and_answered_once(client, settings,
                                                                django_capture_on_commit_callbacks):
    confirmed, unconfirmed = hire(), hire()
    placements.confirm(confirmed.pk, confirmed.application.seeker)
    later = timezone.localdate() + timedelta(days=settings.PLACEMENT_RETENTION_DAYS)
    with django_capture_on_commit_callbacks(execute=True):
        assert ask_retention(today=later - timedelta(days=1)) == 0
        assert ask_retention(today=later) == 1
        assert ask_retention(today=later) == 0  # idempotent
    asked = OutboundMessage.objects.filter(template="jobs/messages/placement/retention")
    assert [message.to for message in asked] == [[confirmed.application.seeker.email]]
    confirmed.refresh_from_db()
    assert confirmed.retention_asked_at is not None

    seeker = confirmed.application.seeker
    url = reverse("my_placements:retention", args=[confirmed.pk])
    # Not hers, or she was not placed (her placement does not count): 404.
    client.force_login(UserFactory())
    assert client.post(url, {"answer": "still_employed"}).status_code == 404
    client.force_login(unconfirmed.application.seeker)
    assert client.post(reverse("my_placements:retention", args=[unconfirmed.pk]),
                       {"answer": "left"}).status_code == 404
    client.force_login(seeker)
    assert "你还在这份工作岗位上吗" in client.get(reverse("my_placements:detail", args=[confirmed.pk])).content.decode()
    assert client.post(url, {"answer": "sometimes"}).status_code == 400
    assert client.post(url, {"answer": "still_employed"}).status_code == 302
    assert client.post(url, {"answer": "left"}).status_code == 409
    confirmed.refresh_from_db()
    assert confirmed.retention_answer == Placement.Retention.STILL_EMPLOYED


def test_a_retention_answer_for_an_application_never_hired_is_404():
    job = JobPostingFactory()
    seeker = UserFactory()
    application = applications.apply(job.pk, seeker, upload=pdf_upload())
    assert application.status == Application.Status.SUBMITTED
    with pytest.raises(NotFound):
        placements.answer_retention(application.pk, seeker, "still_employed")
