"""Text messages: one interface, a backend chosen by settings.SMS_BACKEND.

- LocalSmsBackend (the default for `make run` and the tests): the message stays
  in the outbox, where the codes can be read, and is printed to the log with the
  number masked.
- AliyunSmsBackend: Alibaba Cloud SMS (dysmsapi 2017-05-25), selected when its
  keys are in the environment (settings/base.py). A provider sends approved
  templates, not free text: each of our message templates maps to one of its
  template codes (ALIYUN_SMS_TEMPLATES), filled with the message's params.

A backend's send() returns the provider's message id, or raises: the outbox
keeps the message and retries it.
"""

import json
import logging
import re

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# What people type between digits: "+86 138-1234 5678".
_SEPARATORS = re.compile(r"[\s\-().]")


def mask(number):
    """A mobile number as logs and pages may show it: +8613812345678 → 138****5678.
    The first three and last four digits are shown only when at least four stay
    hidden; anything shorter than a mainland mobile number is starred whole."""
    digits = _SEPARATORS.sub("", str(number or ""))
    if digits.startswith("+86"):
        digits = digits[3:]
    if len(digits) < 11:
        return "*" * len(digits)
    return f"{digits[:3]}****{digits[-4:]}"


class SmsError(Exception):
    """The provider refused or failed to take a message."""


class SmsBackend:
    def send(self, message):
        """Send one OutboundMessage (channel "sms"); return the provider's id."""
        raise NotImplementedError


class LocalSmsBackend(SmsBackend):
    def send(self, message):
        logger.info("SMS to %s: %s", mask(message.to[0]), message.body)
        return f"local-{message.pk}"


class AliyunSmsBackend(SmsBackend):
    """Alibaba Cloud SMS through its own SDK (alibabacloud-dysmsapi20170525)."""

    endpoint = "dysmsapi.aliyuncs.com"

    def __init__(self, access_key_id=None, access_key_secret=None, sign_name=None, templates=None, timeout_ms=5000):
        self.access_key_id = access_key_id or settings.ALIYUN_SMS_ACCESS_KEY_ID
        self.access_key_secret = access_key_secret or settings.ALIYUN_SMS_ACCESS_KEY_SECRET
        self.sign_name = sign_name or settings.ALIYUN_SMS_SIGN_NAME
        self.templates = templates if templates is not None else settings.ALIYUN_SMS_TEMPLATES
        self.timeout_ms = timeout_ms

    def client(self):
        from alibabacloud_dysmsapi20170525.client import Client
        from alibabacloud_tea_openapi import models as open_api_models

        config = open_api_models.Config(access_key_id=self.access_key_id, access_key_secret=self.access_key_secret,
                                        endpoint=self.endpoint, connect_timeout=self.timeout_ms,
                                        read_timeout=self.timeout_ms)
        return Client(config)

    def request_for(self, message):
        """The SDK's SendSmsRequest for a message (tested as data, never sent by the tests)."""
        from alibabacloud_dysmsapi20170525 import models as sms_models

        template_code = self.templates.get(message.template)
        if not template_code:
            raise SmsError(f"no Alibaba Cloud template code configured for {message.template!r}")
        number = message.to[0]
        return sms_models.SendSmsRequest(
            phone_numbers=number[3:] if number.startswith("+86") else number.lstrip("+"),
            sign_name=self.sign_name,
            template_code=template_code,
            template_param=json.dumps(message.params, ensure_ascii=False, sort_keys=True),
            out_id=str(message.pk),
        )

    def send(self, message):
        from alibabacloud_tea_util import models as util_models

        runtime = util_models.RuntimeOptions(connect_timeout=self.timeout_ms, read_timeout=self.timeout_ms,
                                             autoretry=False)
        response = self.client().send_sms_with_options(self.request_for(message), runtime)
        body = response.body
        if body.code != "OK":
            raise SmsError(f"Alibaba Cloud SMS refused it: {body.code} {body.message}")
        return body.biz_id


def backend():
    return import_string(settings.SMS_BACKEND)()
