import io
import json
import zipfile

import pytest
from django.test import override_settings
from django.urls import reverse

from portal.accounts.tests.factories import UserFactory
from portal.accounts.tokens import issue_token
from portal.notifications.models import Notification, OutboundMessage
from portal.privacy.models import DataExport

pytestmark = pytest.mark.django_db


def _open(content):
    archive = zipfile.ZipFile(io.BytesIO(content))
    return archive, json.loads(archive.read("data.json"))


def test_export_holds_every_section_and_her_files(client, seeded):
    user, application = seeded["user"], seeded["application"]
    client.force_login(user)
    assert client.get(reverse("privacy:export")).status_code == 405  # asked for with a POST only
    response = client.post(reverse("privacy:export"))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive, data = _open(b"".join(response.streaming_content) if response.streaming else response.content)
    sections = data["sections"]
    assert sections["account"]["profile"]["school"] == "重庆文理学院"
    assert sections["account"]["privacy_consents"][0]["notice_version"] == "2024-04"
    assert sections["account"]["access_log"][0]["reader"] == seeded["job"].employer.name  # a name, not an email
    assert sections["resume"]["resume"]["full_name"] == "林小雨"
    assert sections["courses"]["enrolments"][0]["course"] == "面试技巧实战"
    booking = sections["consultations"]["bookings"][0]
    assert booking["consultant"] == "王律师" and booking["intake"]["description"] == "试用期工资是否合法？"
    sent = sections["jobs"]["applications"][0]
    assert sent["id"] == application.pk and sent["cover_note"] == "期待加入贵公司。"
    assert [step["kind"] for step in sent["history"]] == ["sent", "offer", "hired"]
    assert sent["resume_as_sent"]["full_name"] == "林小雨"
    assert sections["jobs"]["favourites"][0]["job"] == "出纳"
    assert sections["jobs"]["placements"][0]["employer"] == seeded["job"].employer.name
    assert sections["search"]["saved_searches"][0]["keywords"] == "会计"
    assert sections["notifications"]["notifications"], "the messages about her application"
    cv = application.cv
    with cv.file.open("rb") as handle:
        assert archive.read(f"files/cvs/{cv.pk}.pdf") == handle.read()
    assert archive.read("files/resume.pdf").startswith(b"%PDF")


def test_api_export_small_account_at_once_and_anonymous_refused(client, seeded):
    assert client.get("/api/v1/me/export").status_code == 401
    token = issue_token(seeded["user"])
    response = client.get("/api/v1/me/export", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    _archive, data = _open(response.content)
    assert data["sections"]["jobs"]["applications"][0]["id"] == seeded["application"].pk


@override_settings(PRIVACY_EXPORT_MAX_RECORDS=3)
def test_large_export_is_built_in_the_background_and_linked_for_her_only(client, seeded,
                                                                        django_capture_on_commit_callbacks):
    user = seeded["user"]
    token = issue_token(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/api/v1/me/export", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 202
    body = response.json()
    export = DataExport.objects.get(pk=body["id"])
    assert export.status == DataExport.Status.READY and export.file
    assert body["status_url"] == f"/api/v1/me/exports/{export.pk}"
    status = client.get(body["status_url"], HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert status["download_url"]
    # The link reached her by her channel, absolute, and in her centre.
    message = OutboundMessage.objects.get(template="privacy/messages/export_ready")
    link = f"http://testserver/me/privacy/export/{export.pk}/"
    assert message.to == [user.email] and link in message.body
    assert Notification.objects.filter(user=user, template="privacy/messages/export_ready").exists()
    # Only she, signed in, can download it.
    assert client.get(link.removeprefix("http://testserver")).status_code == 302  # to the login page
    other = UserFactory()
    client.force_login(other)
    assert client.get(reverse("privacy:export_download", args=[export.pk])).status_code == 404
    other_token = issue_token(other)
    assert client.get(body["status_url"], HTTP_AUTHORIZATION=f"Bearer {other_token}").status_code == 404
    assert client.get(status["download_url"], HTTP_AUTHORIZATION=f"Bearer {other_token}").status_code == 404
    client.force_login(user)
    download = client.get(reverse("privacy:export_download", args=[export.pk]))
    assert download.status_code == 200
    _archive, data = _open(b"".join(download.streaming_content))
    assert data["user_id"] == user.pk


def test_expired_export_link_is_gone(client, seeded):
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    export = DataExport.objects.create(user=seeded["user"], status=DataExport.Status.READY,
                                       expires_at=timezone.now() - timedelta(minutes=1))
    export.file.save("old.zip", ContentFile(b"PK"), save=True)
    client.force_login(seeded["user"])
    assert client.get(reverse("privacy:export_download", args=[export.pk])).status_code == 410
