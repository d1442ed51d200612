"""Text messages with the local backend (the default), and the masking of
numbers wherever they are logged or shown."""

import logging
import re

import pytest
from django.db import transaction
from phonenumber_field.phonenumber import PhoneNumber

from portal.notifications import sms
from portal.notifications.models import Channel, OutboundMessage
from portal.notifications.services import send_text

NUMBER = "+8613812345678"


@pytest.mark.django_db
def test_the_local_backend_keeps_the_text_in_the_outbox_and_masks_the_number_in_the_log(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = "portal.notifications.sms.LocalSmsBackend"

    with caplog.at_level(logging.INFO, logger="portal.notifications.sms"):
        with django_capture_on_commit_callbacks(execute=True):
            with transaction.atomic():
                message = send_text(NUMBER, "account/messages/verification_code", {"code": "482915"},
                                    sms={"code": "482915"})

    message.refresh_from_db()
    assert message.channel == Channel.SMS
    assert message.to == [NUMBER]
    assert "482915" in message.body  # where `make run` reads the code
    assert message.params == {"code": "482915"}
    assert message.status == OutboundMessage.Status.SENT
    assert message.provider_id == f"local-{message.pk}"

    (line,) = [record.getMessage() for record in caplog.records if record.name == "portal.notifications.sms"]
    assert line == f"SMS to 138****5678: {message.body}"
    assert "13812345678" not in caplog.text


@pytest.mark.parametrize("number, shown", [
    ("+8613812345678", "138****5678"),
    ("13812345678", "138****5678"),
    ("+86 138-1234-5678", "138****5678"),
    (" +86 (138) 1234 5678 ", "138****5678"),
    (PhoneNumber.from_string("+8613812345678"), "138****5678"),  # User.phone as the model gives it
    ("+85291234567", "+85****4567"),  # not a mainland number: its country code is kept
    ("", ""),
    (None, ""),
    ("+86", ""),
    ("12345", "*****"),
    ("1234567", "*******"),  # short: starred whole, not shown as 123****4567
    ("+861380013", "*******"),
])
def test_mask(number, shown):
    assert sms.mask(number) == shown


@pytest.mark.parametrize("length", range(0, 16))
def test_mask_always_hides_at_least_four_digits(length):
    digits = "".join(str(n % 10) for n in range(1, length + 1))
    masked = sms.mask(digits)
    shown = len(re.sub(r"\D", "", masked))
    assert length - shown >= min(4, length)
