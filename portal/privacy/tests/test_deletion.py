from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from wagtail.models import APIToken

from consultants.models import Booking
from courses.models import EnrolmentStatus
from jobs.models import Application, Favourite, Placement
from portal import dates
from portal.accounts.models import AccessRecord, SeekerProfile, User
from portal.accounts.tests.factories import PASSWORD, UserFactory
from portal.accounts.tokens import issue_token
from portal.notifications.models import OutboundMessage
from portal.privacy.erasure import erase_due
from resumes.models import Resume
from search.models import SavedSearch

pytestmark = pytest.mark.django_db(transaction=True)


def test_without_her_password_nothing_changes(client, seeded):
    user = seeded["user"]
    client.force_login(user)
    response = client.post(reverse("privacy:delete"), {"password": "wrong-one"})
    assert response.status_code == 400 and "这不是你的密码" in response.content.decode()
    assert client.post(reverse("privacy:delete"), {}).status_code == 400
    user.refresh_from_db()
    assert user.deletion_requested_at is None
    assert client.get(reverse("privacy:page")).status_code == 200  # still signed in


def test_deleting_someone_else_is_impossible(client, seeded):
    other = UserFactory()
    client.force_login(other)
    # The page acts on the signed-in account only: any id is ignored or unknown.
    assert client.get(reverse("privacy:export_download", args=[seeded["application"].pk])).status_code == 404
    client.post(reverse("privacy:delete"), {"password": PASSWORD, "user": seeded["user"].pk})
    seeded["user"].refresh_from_db()
    assert seeded["user"].deletion_requested_at is None


def test_request_ends_sessions_and_tokens_and_login_restores(client, seeded):
    user = seeded["user"]
    token = issue_token(user)
    phone_client = type(client)()
    phone_client.force_login(user)  # her other device
    client.force_login(user)
    response = client.post(reverse("privacy:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.deletion_requested_at is not None
    assert not Session.objects.filter(expire_date__gt=timezone.now()).exists() or all(
        s.get_decoded().get("_auth_user_id") != str(user.pk) for s in Session.objects.all())
    assert phone_client.get(reverse("privacy:page")).status_code == 302  # signed out there too
    assert client.get("/api/v1/me/export", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    assert not APIToken.objects.filter(user=user, revoked_at__isnull=True).exists()
    message = OutboundMessage.objects.get(template="privacy/messages/deletion_requested", channel="email")
    runs_on = timezone.localtime(user.deletion_requested_at + timedelta(days=7))
    assert dates.day(runs_on, "zh-hans") in message.subject
    # She signs in within the grace period: the account stays.
    page = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True)
    assert "你的账号不会被删除" in page.content.decode()
    user.refresh_from_db()
    assert user.deletion_requested_at is None
    assert erase_due(timezone.now() + timedelta(days=30)) == 0


def test_after_the_grace_period_her_data_is_erased_and_figures_stay(client, seeded):
    user, application, booking = seeded["user"], seeded["application"], seeded["booking"]
    cv_path = Path(settings.PRIVATE_MEDIA_ROOT) / application.cv.file.name
    assert cv_path.exists()
    client.force_login(user)
    client.post(reverse("privacy:delete"), {"password": PASSWORD})
    registrations, placements = User.objects.count(), Placement.objects.count()
    applications = Application.objects.count()
    assert erase_due(timezone.now() + timedelta(days=6)) == 0  # still within the grace period
    assert erase_due(timezone.now() + timedelta(days=7, minutes=1)) == 1
    assert erase_due(timezone.now() + timedelta(days=8)) == 0  # idempotent
    user.refresh_from_db()
    assert not user.is_active and user.email is None and user.phone is None and user.display_name == ""
    assert not user.has_usable_password() and user.erased_at is not None
    profile = SeekerProfile.objects.get(user=user)
    assert (profile.school, profile.city, profile.major, profile.degree) == ("重庆文理学院", "永川", "", "")
    assert not cv_path.exists()
    assert not Resume.objects.filter(user=user).exists()
    assert not SavedSearch.objects.filter(user=user).exists() and not Favourite.objects.filter(user=user).exists()
    assert not AccessRecord.objects.filter(subject=user).exists()
    application.refresh_from_db()
    assert application.status == Application.Status.HIRED and application.resume_snapshot == {}
    assert application.cover_note == "" and application.cv is None
    # The future booking is cancelled and the consultant told; the seat of the session freed.
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and booking.description == "" and booking.topic == ""
    consultant_user = seeded["consultant"].user
    assert OutboundMessage.objects.filter(to=[consultant_user.email], template="consultants/messages/booking",
                                          subject__contains="取消").exists()
    seeded["enrolment"].refresh_from_db()
    assert seeded["enrolment"].status == EnrolmentStatus.CANCELLED
    # Nothing addressed to her remains in the outbox.
    assert not OutboundMessage.objects.filter(to=[seeded["user"].email or "xiaoyu-gone"]).exists()
    # The figures are unchanged.
    assert (User.objects.count(), Placement.objects.count(), Application.objects.count()) == (
        registrations, placements, applications)
    # The employer's applicant page shows the anonymised application.
    client.force_login(seeded["member"].user)
    page = client.get(reverse("jobs:applicant", args=[application.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "已注销用户" in text and "林小雨" not in text and "期待加入" not in text
    assert client.get(reverse("jobs:applicant_cv", args=[application.pk])).status_code == 404
    # She can no longer sign in.
    client.logout()
    client.post(reverse("account_login"), {"login": "x", "password": PASSWORD})
    assert client.get(reverse("privacy:page")).status_code == 302
