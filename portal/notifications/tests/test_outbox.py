"""The email outbox: written in the transaction, sent after commit, at most
once, kept when SMTP or the broker fails and sent later by flush_outbox.

Failures are real: SMTP and the broker are pointed at a closed port."""

import base64
import logging
import time
from contextlib import contextmanager
from email import message_from_bytes

import pytest
from django.core import mail
from django.db import transaction

from portal.notifications.models import OutboundMessage
from portal.notifications.outbox import MAX_ATTEMPTS, queue_email
from portal.notifications.tasks import flush_outbox, send_outbound_message

pytestmark = pytest.mark.django_db

CLOSED_PORT = 1  # nothing listens there: connections are refused at once
HANG_GUARD_SECONDS = 20




@pytest.fixture
def smtp_refused(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = CLOSED_PORT
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    return settings


@contextmanager
def broker_unreachable():
    """Tasks really go to a broker, and the broker is on a closed port. The app's
    connection pools are replaced for the duration, then put back."""
    from portal.celery import app

    saved = app.conf.broker_url, app.conf.task_always_eager, app._pool, app.amqp._producer_pool
    app.conf.broker_url = f"redis://127.0.0.1:{CLOSED_PORT}/0"
    app.conf.task_always_eager = False
    app._pool = None
    app.amqp._producer_pool = None
    try:
        yield app
    finally:
        if app._pool is not None:
            app._pool.force_close_all()
        app.conf.broker_url, app.conf.task_always_eager, app._pool, app.amqp._producer_pool = saved


def test_queue_email_sends_once_after_commit(tasks_in_process, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email = queue_email(["alice@example.com"], "课程报名成功", "您已报名。")
        # Written in the transaction, not sent before it commits.
        assert OutboundMessage.objects.get().status == OutboundMessage.Status.PENDING
        assert mail.outbox == []

    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert (sent.to, sent.subject, sent.body) == (["alice@example.com"], "课程报名成功", "您已报名。")
    email.refresh_from_db()
    assert email.status == OutboundMessage.Status.SENT
    assert email.attempts == 1
    assert email.sent_at is not None
    assert email.last_error == ""


def test_nothing_is_sent_when_the_transaction_rolls_back(tasks_in_process, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                queue_email(["alice@example.com"], "subject", "body")
                raise RuntimeError("the booking failed")
        except RuntimeError:
            pass

    assert callbacks == []
    assert not OutboundMessage.objects.exists()
    assert mail.outbox == []


def test_sending_the_same_row_twice_sends_one_email(tasks_in_process, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        email = queue_email(["alice@example.com"], "subject", "body")

    send_outbound_message.apply(args=[email.pk])
    send_outbound_message.apply(args=[email.pk])
    send_outbound_message(email.pk)  # called directly, as a worker's retry would run it
    assert flush_outbox(older_than_seconds=0) == 0

    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.status == OutboundMessage.Status.SENT
    assert email.attempts == 1


def test_sending_an_unknown_row_does_nothing(tasks_in_process):
    send_outbound_message.apply(args=[987654321])
    assert mail.outbox == []


def test_a_dedup_key_used_twice_queues_one_email(tasks_in_process, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = queue_email(["alice@example.com"], "明天的咨询", "提醒", dedup_key="booking:42:reminder-24h")
        second = queue_email(["alice@example.com"], "明天的咨询", "提醒", dedup_key="booking:42:reminder-24h")
        # The refused duplicate leaves the surrounding transaction usable.
        assert OutboundMessage.objects.count() == 1

    assert first is not None
    assert second is None
    assert len(callbacks) == 1
    assert OutboundMessage.objects.get().dedup_key == "booking:42:reminder-24h"
    assert len(mail.outbox) == 1

    # Later, in another transaction (a task that ran twice): still nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_email(["alice@example.com"], "明天的咨询", "提醒", dedup_key="booking:42:reminder-24h") is None
    assert OutboundMessage.objects.count() == 1
    assert len(mail.outbox) == 1

    # Another key is another email.
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_email(["alice@example.com"], "一小时后的咨询", "提醒", dedup_key="booking:42:reminder-1h")
    assert OutboundMessage.objects.count() == 2
    assert len(mail.outbox) == 2


def test_attachments_and_html_survive_the_round_trip(tasks_in_process, django_capture_on_commit_callbacks):
    pdf = b"%PDF-1.4\n\x00\x01\xfe\xff binary \xe4\xb8\xad"
    ics = "BEGIN:VCALENDAR\r\nSUMMARY:职业规划咨询\r\nEND:VCALENDAR\r\n".encode()
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email(
            ["alice@example.com"],
            "预约确认",
            "纯文本",
            html_body="<p>网页<b>正文</b></p>",
            attachments=[("简历.pdf", pdf, "application/pdf"), ("invite.ics", ics, "text/calendar")],
        )

    stored = OutboundMessage.objects.get(pk=email.pk).attachments
    assert [(a["filename"], a["mimetype"]) for a in stored] == [
        ("简历.pdf", "application/pdf"),
        ("invite.ics", "text/calendar"),
    ]
    assert base64.b64decode(stored[0]["content_b64"]) == pdf

    (sent,) = mail.outbox
    assert sent.alternatives[0][0] == "<p>网页<b>正文</b></p>"
    assert sent.alternatives[0][1] == "text/html"
    # What goes on the wire, parsed back: names, types and exact bytes.
    parsed = message_from_bytes(sent.message().as_bytes())
    parts = [part for part in parsed.walk() if part.get_filename()]
    assert [(part.get_filename(), part.get_content_type()) for part in parts] == [
        ("简历.pdf", "application/pdf"),
        ("invite.ics", "text/calendar"),
    ]
    assert parts[0].get_payload(decode=True) == pdf
    assert parts[1].get_payload(decode=True).replace(b"\r\n", b"\n") == ics.replace(b"\r\n", b"\n")


def test_a_refused_smtp_send_stays_pending_and_flush_sends_it_once(
    tasks_in_process, smtp_refused, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email(["alice@example.com"], "subject", "body")
    assert time.monotonic() - started < HANG_GUARD_SECONDS

    email.refresh_from_db()
    assert email.status == OutboundMessage.Status.PENDING
    assert email.attempts == 1
    assert email.last_error  # e.g. "[Errno 111] Connection refused"
    assert email.sent_at is None
    assert mail.outbox == []

    # SMTP is back.
    smtp_refused.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    flush_outbox(older_than_seconds=0)
    flush_outbox(older_than_seconds=0)

    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.status == OutboundMessage.Status.SENT
    assert email.attempts == 2
    assert email.sent_at is not None


def test_flush_leaves_recent_emails_to_their_own_task(
    tasks_in_process, smtp_refused, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email(["alice@example.com"], "subject", "body")

    assert flush_outbox() == 0  # default: only what has waited a minute
    email.refresh_from_db()
    assert email.attempts == 1


def test_an_email_that_keeps_failing_is_given_up_after_max_attempts(
    tasks_in_process, smtp_refused, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        email = queue_email(["alice@example.com"], "subject", "body")

    for _ in range(MAX_ATTEMPTS + 2):
        send_outbound_message.apply(args=[email.pk])

    email.refresh_from_db()
    assert email.status == OutboundMessage.Status.FAILED
    assert email.attempts == MAX_ATTEMPTS
    assert email.last_error

    smtp_refused.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert flush_outbox(older_than_seconds=0) == 0
    assert mail.outbox == []


def test_an_unreachable_broker_loses_nothing_and_sends_once_later(settings, caplog, django_capture_on_commit_callbacks):
    """REDIS_URL configured, tasks really go to the broker, and Redis is down.
    Runs with or without a real Redis: the broker is on a closed port either way."""
    settings.REDIS_URL = f"redis://127.0.0.1:{CLOSED_PORT}/0"

    with broker_unreachable():
        started = time.monotonic()
        with caplog.at_level(logging.WARNING, logger="portal.background"):
            with django_capture_on_commit_callbacks(execute=True) as callbacks:
                with transaction.atomic():
                    email = queue_email(["alice@example.com"], "预约确认", "正文")
        elapsed = time.monotonic() - started

    assert len(callbacks) == 1
    assert elapsed < HANG_GUARD_SECONDS
    assert "Could not enqueue portal.notifications.tasks.send_outbound_message" in caplog.text
    email.refresh_from_db()
    assert email.status == OutboundMessage.Status.PENDING
    assert email.attempts == 0
    assert mail.outbox == []

    # The broker is back; the periodic flush sends it, once.
    from portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        flush_outbox(older_than_seconds=0)
        flush_outbox(older_than_seconds=0)
    finally:
        app.conf.task_always_eager = previous

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "预约确认"
    email.refresh_from_db()
    assert email.status == OutboundMessage.Status.SENT
    assert email.attempts == 1
