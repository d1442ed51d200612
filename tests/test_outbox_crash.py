"""A sender killed between handing an email to SMTP and committing its row:
the flush afterwards does not send it again (exactly once), and marks it
uncertain for an operator, since SMTP gives no receipt to tell.

A real subprocess sends through a tiny SMTP sink run by this test, sleeps at
the crash window (test settings only) and is SIGKILLed there.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from portal.notifications.models import OutboundMessage
from portal.notifications.tasks import flush_outbox

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parent.parent


class SmtpSink:
    """Just enough SMTP for Django's backend; keeps each message's DATA."""

    def __init__(self):
        self.messages = []
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self.session, args=(conn,), daemon=True).start()

    def session(self, conn):
        with conn, conn.makefile("rb") as lines:
            conn.sendall(b"220 sink\r\n")
            for line in lines:
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    conn.sendall(b"250 sink\r\n")
                elif verb == b"DATA":
                    conn.sendall(b"354 go on\r\n")
                    data = b""
                    for body_line in lines:
                        if body_line == b".\r\n":
                            break
                        data += body_line
                    self.messages.append(data)
                    conn.sendall(b"250 queued\r\n")
                elif verb == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
                else:
                    conn.sendall(b"250 ok\r\n")

    def close(self):
        self.server.close()


def database_url():
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def test_a_sender_killed_after_smtp_before_commit_is_not_resent(settings):
    sink = SmtpSink()
    message = OutboundMessage.objects.create(to=["her@example.com"], subject="预约确认", body="您好")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", "DATABASE_URL": database_url(),
           "PORTAL_TEST_SMTP_PORT": str(sink.port), "PORTAL_OUTBOX_TEST_PAUSE": "after_send",
           "REDIS_URL": ""}
    code = ("from portal.notifications.tasks import send_outbound_message as t; "
            f"t.apply(args=[{message.pk}])")
    sender = subprocess.Popen([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not sink.messages and time.monotonic() < deadline and sender.poll() is None:
            time.sleep(0.05)
        assert len(sink.messages) == 1, sender.stderr.read().decode(errors="replace")[-3000:] if sender.poll() else ""
        os.killpg(sender.pid, signal.SIGKILL)
        sender.wait(timeout=10)
    finally:
        if sender.poll() is None:
            os.killpg(sender.pid, signal.SIGKILL)
            sender.wait(timeout=10)
    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.SENDING and message.handed_at

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", sink.port, False
    flush_outbox(older_than_seconds=0)  # within the lease: left alone
    OutboundMessage.objects.filter(pk=message.pk).update(claimed_at=message.claimed_at.replace(year=2000))
    flush_outbox(older_than_seconds=0)  # lease expired: uncertain, not resent
    flush_outbox(older_than_seconds=0)
    sink.close()
    message.refresh_from_db()
    assert len(sink.messages) == 1
    assert message.status == OutboundMessage.Status.UNCERTAIN


def test_a_claim_never_handed_over_is_sent_after_its_lease(mailoutbox):
    message = OutboundMessage.objects.create(to=["her@example.com"], subject="预约确认", body="您好")
    OutboundMessage.objects.filter(pk=message.pk).update(
        status=OutboundMessage.Status.SENDING, claimed_at=message.created_at.replace(year=2000), claimed_by="dead")
    flush_outbox(older_than_seconds=0)
    flush_outbox(older_than_seconds=0)
    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.SENT and len(mailoutbox) == 1
