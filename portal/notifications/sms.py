"""Text messages: one interface, a backend chosen by settings.SMS_BACKEND.

- LocalSmsBackend (the default for `make run` and the tests): the message stays
  in the outbox, where the codes can be read, and is printed to the log with the
  number masked.
- AliyunSmsBackend: Alibaba Cloud SMS (dysmsapi 2017-05-25), selected when its
  keys are in the environment (settings/base.py). A provider sends approved
  templates, not free text: each of our message templates maps to one of its
  template codes (ALIYUN_SMS_TEMPLATES), filled with the message's params.

A backend's send() returns the provider's message id, or raises SmsError: the
outbox keeps the message and retries it. What a backend logs or puts in an
error never holds the whole number or the message's values (a sign-in code):
errors end up in the log and in the outbox row's last_error.
"""

import json
import logging
import re
from urllib.parse import quote, quote_plus

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
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


def provider_number(number):
    """A number as SMS providers in China take it: a mainland number without +86
    (13812345678), any other with its country code and no + (85291234567)."""
    number = str(number)
    return number[3:] if number.startswith("+86") else number.lstrip("+")


# A URL's query string (?a=b&c=d), up to the next space or quote.
_QUERY_STRING = re.compile(r"\?[^\s'\"]*=[^\s'\"]*")


def redact(text, message):
    """`text` without the message's number and values. Errors from the SDK may
    quote the request: requests' connection errors carry the whole URL, whose
    query holds PhoneNumbers and TemplateParam, and signature errors quote the
    string the provider signed. Values are removed however they were encoded."""
    text = _QUERY_STRING.sub("?…", str(text))
    number = str(message.to[0]) if message.to else ""
    secrets = [(number, mask(number)), (provider_number(number), mask(number))] if number else []
    # Shorter values are left alone: removing "1" or "OK" would garble the text
    # and protect nothing (codes are six digits).
    secrets += [(str(value), "***") for value in (message.params or {}).values() if len(str(value)) >= 3]
    for value, replacement in sorted(secrets, key=lambda pair: -len(pair[0])):
        for form in {value, quote(value, safe=""), quote_plus(value), json.dumps(value)[1:-1]}:
            text = text.replace(form, replacement)
    return text


class SmsError(Exception):
    """The provider refused or failed to take a message. `code` is the
    provider's own (e.g. "isv.BUSINESS_LIMIT_CONTROL") when it gave one."""

    def __init__(self, text, code=""):
        super().__init__(text)
        self.code = code or ""


class SmsBackend:
    def send(self, message):
        """Send one OutboundMessage (channel "sms"); return the provider's id."""
        raise NotImplementedError


class LocalSmsBackend(SmsBackend):
    def send(self, message):
        logger.info("SMS to %s: %s", mask(message.to[0]), message.body)
        return f"local-{message.pk}"


class AliyunSmsBackend(SmsBackend):
    """Alibaba Cloud SMS through its own SDK (alibabacloud-dysmsapi20170525).

    The SDK tries once (no retry options are given): the outbox retries, and
    an SDK retrying inside send_outbound_message would hold the row's lock for
    longer. The timeouts are short for the same reason, and because in the
    embedded default the send runs inside the request that queued it."""

    def __init__(self, access_key_id=None, access_key_secret=None, sign_name=None, templates=None, endpoint=None,
                 connect_timeout_ms=3000, read_timeout_ms=5000):
        self.access_key_id = access_key_id or settings.ALIYUN_SMS_ACCESS_KEY_ID
        self.access_key_secret = access_key_secret or settings.ALIYUN_SMS_ACCESS_KEY_SECRET
        self.sign_name = sign_name or settings.ALIYUN_SMS_SIGN_NAME
        self.templates = templates if templates is not None else settings.ALIYUN_SMS_TEMPLATES
        if not isinstance(self.templates, dict):
            raise ImproperlyConfigured(
                'ALIYUN_SMS_TEMPLATES must be a JSON object: {"account/messages/verification_code": "SMS_…", …}')
        self.endpoint = endpoint or settings.ALIYUN_SMS_ENDPOINT
        self.connect_timeout_ms = connect_timeout_ms
        self.read_timeout_ms = read_timeout_ms

    def client(self):
        from alibabacloud_dysmsapi20170525.client import Client
        from alibabacloud_tea_openapi import utils_models as open_api_models

        return Client(open_api_models.Config(
            access_key_id=self.access_key_id, access_key_secret=self.access_key_secret, endpoint=self.endpoint,
            connect_timeout=self.connect_timeout_ms, read_timeout=self.read_timeout_ms,
        ))

    def request_for(self, message):
        """The SDK's SendSmsRequest for a message; SmsError when our template has
        no approved template code, rather than sending something else."""
        from alibabacloud_dysmsapi20170525 import models as sms_models

        template_code = self.templates.get(message.template)
        if not template_code:
            raise SmsError(f"no Alibaba Cloud SMS template code for {message.template!r}: "
                           f"add it to ALIYUN_SMS_TEMPLATES", code="template-not-configured")
        params = message.params or {}
        return sms_models.SendSmsRequest(
            phone_numbers=provider_number(message.to[0]),
            sign_name=self.sign_name,
            template_code=template_code,
            # The provider's template variables are text; a template without
            # variables takes no TemplateParam at all.
            template_param=json.dumps({name: str(value) for name, value in params.items()}, ensure_ascii=False,
                                      sort_keys=True, separators=(",", ":")) if params else None,
            # Echoed in delivery receipts: which outbox row a receipt is about.
            out_id=str(message.pk),
        )

    def send(self, message):
        from darabonba.runtime import RuntimeOptions

        request = self.request_for(message)
        runtime = RuntimeOptions(connect_timeout=self.connect_timeout_ms, read_timeout=self.read_timeout_ms)
        try:
            response = self.client().send_sms_with_options(request, runtime)
        except Exception as exc:  # the SDK's Tea, Dara and validation errors share no base class
            # `from None`: the SDK's own text, which may hold the number and the
            # code, is not printed with a traceback either.
            raise SmsError(redact(self._describe(exc), message), code=str(getattr(exc, "code", None) or "")) from None
        body = response.body
        if body is None or body.code != "OK":
            code = getattr(body, "code", None) or ""
            text = f"Alibaba Cloud SMS refused it: {code or 'no code'} {getattr(body, 'message', '')}".rstrip()
            if getattr(body, "request_id", None):
                text += f" (request {body.request_id})"
            raise SmsError(redact(text, message), code=code)
        logger.info("SMS to %s accepted by Alibaba Cloud SMS: %s", mask(message.to[0]), body.biz_id)
        return (body.biz_id or "")[:100]

    @staticmethod
    def _describe(exc):
        from alibabacloud_tea_openapi.exceptions import AlibabaCloudException
        from darabonba.exceptions import RetryError

        if isinstance(exc, AlibabaCloudException):
            # An HTTP error answer: its message has the status and the request id.
            return f"Alibaba Cloud SMS error {exc.code}: {exc.message}"
        # Everything else comes wrapped in the SDK's UnretryableException; the
        # transport's failures (refused, timed out, TLS) as a RetryError.
        inner = getattr(exc, "inner_exception", None) or exc
        what = "not reached" if isinstance(inner, RetryError) else f"failed ({type(inner).__name__})"
        return f"Alibaba Cloud SMS {what}: {getattr(inner, 'message', None) or inner}"


def backend():
    return import_string(settings.SMS_BACKEND)()
