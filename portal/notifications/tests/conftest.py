from datetime import timedelta

import pytest
from django.utils import timezone, translation

from portal.accounts.tests.factories import UserFactory
from portal.notifications.kinds import Kind
from portal.notifications.models import Notification


@pytest.fixture(autouse=True)
def chinese_by_default():
    """A request under /en/ leaves English active in this thread: start each test in Chinese."""
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def alice(client, db):
    user = UserFactory(email="alice@example.com", display_name="小美")
    client.force_login(user)
    return user


def make_entry(user, title="课程报名成功", minutes_ago=0, read=False, url="/me/", kind=Kind.CONFIRMATION, **fields):
    """A notification-centre entry as send() writes it, `minutes_ago` old."""
    entry = Notification.objects.create(user=user, kind=kind, title=title, body=fields.pop("body", f"{title}。"),
                                        url=url, read_at=timezone.now() if read else None, **fields)
    Notification.objects.filter(pk=entry.pk).update(created_at=timezone.now() - timedelta(minutes=minutes_ago))
    entry.refresh_from_db()
    return entry
