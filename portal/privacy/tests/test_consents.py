import pytest
from django.urls import reverse

from consultants import feedback
from consultants.models import Booking
from jobs.models import Application
from portal.accounts.access import record_access
from portal.accounts.models import AccessRecord
from portal.accounts.tests.factories import UserFactory
from portal.notifications.models import OutboundMessage
from portal.privacy import consents
from portal.privacy.models import OptionalConsent, Purpose
from search.alerts import send_alert

pytestmark = pytest.mark.django_db


def test_withdrawing_and_giving_again_keeps_a_history(client, seeded):
    user = seeded["user"]
    client.force_login(user)
    page = client.get(reverse("privacy:page"))
    text = page.content.decode()
    assert page.status_code == 200 and "2024-04" in text and seeded["job"].employer.name in text
    for given in ("0", "1", "0"):
        assert client.post(reverse("privacy:consent"), {"purpose": "job_alerts", "given": given}).status_code == 302
    assert list(OptionalConsent.objects.filter(user=user).values_list("given", flat=True)) == [False, True, False]
    assert not consents.allows(user, Purpose.JOB_ALERTS)
    assert client.post(reverse("privacy:consent"), {"purpose": "nonsense", "given": "0"}).status_code == 400
    assert client.post(reverse("privacy:consent"), {"purpose": "job_alerts", "given": "yes"}).status_code == 400
    assert OptionalConsent.objects.filter(user=user).count() == 3


def test_withdrawn_consents_stop_alerts_feedback_requests_and_resume_reads(client, seeded):
    from django.utils import timezone

    user, application = seeded["user"], seeded["application"]
    for purpose in Purpose.values:
        consents.set_consent(user, purpose, False)
    assert send_alert(seeded["saved"], timezone.now()) is False
    booking = seeded["booking"]
    Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.COMPLETED)
    booking.refresh_from_db()
    feedback.ask_for(booking)
    assert not OutboundMessage.objects.filter(template="consultants/messages/feedback_request").exists()
    client.force_login(seeded["member"].user)
    reads = AccessRecord.objects.filter(subject=user, what=AccessRecord.What.RESUME).count()
    page = client.get(reverse("jobs:applicant", args=[application.pk])).content.decode()
    assert "她已不再允许用人单位查看她的在线简历" in page and "细心负责" not in page
    assert AccessRecord.objects.filter(subject=user, what=AccessRecord.What.RESUME).count() == reads
    consents.set_consent(user, Purpose.RESUME_VISIBLE, True)
    assert "细心负责" in client.get(reverse("jobs:applicant", args=[application.pk])).content.decode()
    assert Application.objects.get(pk=application.pk).with_resume


def test_access_log_page_queries_do_not_grow(client, seeded):
    user = seeded["user"]
    client.force_login(user)
    readers = [seeded["member"].user, seeded["consultant"].user, UserFactory(is_staff=True)]

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("privacy:page")).status_code == 200
        return len(queries)

    count()  # the first page of a test also creates the site's settings rows
    for reader in readers:
        record_access(user, reader, AccessRecord.What.RESUME)
    few = count()
    for _ in range(15):
        for reader in readers:
            record_access(user, reader, AccessRecord.What.PHONE)
    assert count() == few
    assert "王律师" in client.get(reverse("privacy:page")).content.decode()
    assert "?page=2" in client.get(reverse("privacy:page")).content.decode()
