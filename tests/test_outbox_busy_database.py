"""An email goes out while the database is busy: the write that records it
meets a lock held by another connection (SQLite's one write lock, as under a
crowd on `make run`; a row lock past PostgreSQL's lock_timeout). It is still
sent exactly once: the record waits the lock out, and where the lock outlasts
every try, the row is left for the flush to mark uncertain, never to resend.

The lock is real, taken by a second connection of the database's own driver
at the moment the mail backend accepts the message.
"""

import sqlite3
import threading
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection

from portal.notifications import tasks
from portal.notifications.models import OutboundMessage
from portal.notifications.tasks import flush_outbox, send_outbound_message

pytestmark = pytest.mark.django_db(transaction=True)

LOCK_WAIT_SECONDS = 0.3  # the sender's own wait for a lock, shortened from 20 s for the test
held_for = {"seconds": 0.0}


class Locker(threading.Thread):
    """Holds the database's write lock (SQLite) or the message's row lock
    (PostgreSQL) from its own connection for `seconds`."""

    def __init__(self, message_pk, seconds):
        super().__init__(daemon=True)
        self.message_pk, self.seconds = message_pk, seconds
        self.holding = threading.Event()
        self.error = None

    def run(self):
        try:
            if connection.vendor == "sqlite":
                self.hold_sqlite()
            else:
                self.hold_postgres()
        except Exception as exc:  # reported by the test, not swallowed
            self.error = exc
            self.holding.set()

    def hold_sqlite(self):
        db = sqlite3.connect(connection.settings_dict["NAME"], timeout=5, isolation_level=None)
        try:
            db.execute("BEGIN IMMEDIATE")
            self.holding.set()
            time.sleep(self.seconds)
            db.execute("ROLLBACK")
        finally:
            db.close()

    def hold_postgres(self):
        import psycopg

        s = connection.settings_dict
        with psycopg.connect(host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, user=s["USER"],
                             dbname=s["NAME"]) as db:
            db.execute(f"SELECT id FROM {OutboundMessage._meta.db_table} WHERE id = %s FOR UPDATE",
                       [self.message_pk])
            self.holding.set()
            time.sleep(self.seconds)
            db.rollback()


lockers = []


class LockingBackend(EmailBackend):
    """Accepts the message like locmem, then has the database locked before
    the sender gets to record it."""

    def send_messages(self, messages):
        sent = super().send_messages(messages)
        message = OutboundMessage.objects.get(status=OutboundMessage.Status.SENDING)
        locker = Locker(message.pk, held_for["seconds"])
        lockers.append(locker)
        locker.start()
        assert locker.holding.wait(10)
        return sent


@pytest.fixture
def busy_database(settings):
    """The locking backend, and the sender's connection giving up on a lock
    after LOCK_WAIT_SECONDS instead of its production wait."""
    settings.EMAIL_BACKEND = f"{__name__}.LockingBackend"
    lockers.clear()
    if connection.vendor == "sqlite":
        options = connection.settings_dict["OPTIONS"]
        previous = options.get("timeout")
        options["timeout"] = LOCK_WAIT_SECONDS
        connection.close()
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = '{int(LOCK_WAIT_SECONDS * 1000)}ms'")
    yield
    for locker in lockers:
        locker.join(30)
        assert locker.error is None, locker.error
    if connection.vendor == "sqlite":
        options["timeout"] = previous
        connection.close()
    else:
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")


def queued():
    return OutboundMessage.objects.create(to=["her@example.com"], subject="巾帼职达：预约确认", body="你好")


def test_a_message_sent_while_the_database_is_locked_is_recorded_once_the_lock_goes(busy_database, caplog):
    held_for["seconds"] = 1.5
    message = queued()

    result = send_outbound_message.apply(args=[message.pk])

    assert result.successful(), result.traceback
    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.SENT and message.sent_at
    assert len(mail.outbox) == 1
    assert "recording it waits for the database" in caplog.text
    flush_outbox(older_than_seconds=0)
    assert len(mail.outbox) == 1


def test_a_lock_that_outlasts_every_try_leaves_it_uncertain_never_resent(busy_database, monkeypatch, caplog):
    monkeypatch.setattr(tasks, "RECORD_RETRY_DELAYS", (0.1, 0.1))
    held_for["seconds"] = 3
    message = queued()

    result = send_outbound_message.apply(args=[message.pk])

    assert result.successful(), result.traceback  # nothing raised into the request that queued it
    assert "went out but could not be recorded" in caplog.text
    lockers[0].join(30)
    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.SENDING and message.handed_at
    flush_outbox(older_than_seconds=0)  # within the lease: left alone
    OutboundMessage.objects.filter(pk=message.pk).update(claimed_at=message.claimed_at.replace(year=2000))
    flush_outbox(older_than_seconds=0)
    flush_outbox(older_than_seconds=0)
    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.UNCERTAIN
    assert len(mail.outbox) == 1
