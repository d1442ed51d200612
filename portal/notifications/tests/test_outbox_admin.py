"""The outbox in /cms/: a message that failed is listed with its last error, and
"failed" is a filter; nobody edits or deletes a message there."""

import pytest

from portal.accounts.tests.factories import UserFactory
from portal.notifications.models import OutboundMessage

pytestmark = pytest.mark.django_db

LIST = "/cms/snippets/notifications/outboundmessage/"


@pytest.fixture
def messages():
    failed = OutboundMessage.objects.create(
        to=["her@example.com"], subject="面试邀请：财务会计助理", body="…", status=OutboundMessage.Status.FAILED,
        attempts=5, last_error="SMTPRecipientsRefused: 550 mailbox unavailable")
    sent = OutboundMessage.objects.create(to=["other@example.com"], subject="报名成功：面试技巧实战", body="…",
                                          status=OutboundMessage.Status.SENT)
    return failed, sent


def test_failed_messages_are_listed_with_their_error(client, messages):
    failed, sent = messages
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(LIST, {"status": "failed"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "面试邀请：财务会计助理" in body and "550 mailbox unavailable" in body
    assert "报名成功：面试技巧实战" not in body
    everything = client.get(LIST).content.decode()
    assert "报名成功：面试技巧实战" in everything
    inspect = client.get(f"{LIST}inspect/{failed.pk}/")
    assert inspect.status_code == 200 and "SMTPRecipientsRefused" in inspect.content.decode()


def test_nobody_edits_or_deletes_a_message(client, messages):
    failed, _ = messages
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(f"{LIST}edit/{failed.pk}/").status_code in (302, 403)
    assert client.post(f"{LIST}delete/{failed.pk}/").status_code in (302, 403)
    assert OutboundMessage.objects.filter(pk=failed.pk, status=OutboundMessage.Status.FAILED).exists()


def test_an_editor_without_the_permission_does_not_read_them(client, messages):
    from django.contrib.auth.models import Group, Permission

    editor = UserFactory(is_staff=True)
    group = Group.objects.create(name="Readers of the admin")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    response = client.get(LIST)
    assert response.status_code in (302, 403)
    assert "550 mailbox unavailable" not in response.content.decode()
