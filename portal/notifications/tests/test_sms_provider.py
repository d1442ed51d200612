"""Alibaba Cloud SMS (AliyunSmsBackend) as a contract: the request our backend
builds, checked against the SDK's own request objects, and the signed HTTP
request the SDK would put on the wire; and what the outbox does with each
answer the provider may give.

No provider keys exist on this machine and nothing here reaches Alibaba Cloud.
The provider is replaced at requests' transport-adapter boundary
(`HTTPAdapter.send`), the layer just below the SDK: `DaraCore.do_action`
composes the URL, prepares the request and calls `Session.send` on the SDK's
own session, whose adapter would open the socket. Everything above that runs
for real: the SDK's parameter mapping, its ACS3-HMAC-SHA256 signature, its
timeouts and TLS settings, its parsing of the answer and its exceptions. The
database is real; failures of the network are real where they can be (a closed
local port, a port that never answers).
"""

import hashlib
import hmac
import io
import json
import logging
import socket
import time
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
import requests
import urllib3
from django.db import transaction

from portal.notifications import sms
from portal.notifications.models import Channel, OutboundMessage
from portal.notifications.outbox import queue_sms
from portal.notifications.services import send_text
from portal.notifications.tasks import flush_outbox, send_outbound_message

pytestmark = pytest.mark.django_db

ACCESS_KEY_ID = "LTAI5tTestOnlyKeyId"
ACCESS_KEY_SECRET = "test-only-secret-9f8e7d"
SIGN_NAME = "巾帼职达"
TEMPLATES = {
    "account/messages/verification_code": "SMS_465300001",
    "courses/messages/confirmation": "SMS_465300002",
    "account/messages/unknown_account": "SMS_465300003",
}
NUMBER = "+8613812345678"
NATIONAL = "13812345678"
CODE = "482915"
CLOSED_PORT = 1  # nothing listens there: connections are refused at once
HANG_GUARD_SECONDS = 20

# The answers SendSms gives, as its API reference shows them.
ACCEPTED = {"Code": "OK", "Message": "OK", "BizId": "900619746936498440^0",
            "RequestId": "F655A8D5-B967-440B-8683-DAD6FF8DE990"}
FLOW_CONTROLLED = {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发号码天级流控Permits:10",
                   "RequestId": "A1B2C3D4-0000-4000-8000-000000000001"}
UNKNOWN_KEY = {"Code": "InvalidAccessKeyId.NotFound", "Message": "Specified access key is not found.",
               "RequestId": "A1B2C3D4-0000-4000-8000-000000000002"}


@dataclass
class Sent:
    """One HTTP request as it left the SDK, and how it was to be sent."""

    prepared: requests.PreparedRequest
    adapter: requests.adapters.HTTPAdapter
    timeout: object
    verify: object
    proxies: dict

    @property
    def url(self):
        return urlsplit(self.prepared.url)

    @property
    def query(self):
        return dict(parse_qsl(self.url.query, keep_blank_values=True))

    @property
    def headers(self):
        return {name.lower(): value for name, value in self.prepared.headers.items()}


class FakeAliyun:
    """Alibaba Cloud as seen from requests' transport adapter: records every
    request and answers each with the next queued answer (accepted by default)."""

    def __init__(self):
        self.sent = []
        self.answers = []

    def answer(self, payload, status=200):
        self.answers.append((status, payload))

    def send(self, adapter, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        self.sent.append(Sent(request, adapter, timeout, verify, proxies))
        status, payload = self.answers.pop(0) if self.answers else (200, {**ACCEPTED, "BizId": f"biz-{len(self.sent)}"})
        raw = urllib3.HTTPResponse(
            body=io.BytesIO(json.dumps(payload, ensure_ascii=False).encode()), status=status,
            reason=HTTPStatus(status).phrase, headers={"Content-Type": "application/json;charset=utf-8"},
            preload_content=False,
        )
        # The adapter's own way of turning a raw answer into a Response.
        return adapter.build_response(request, raw)


@pytest.fixture
def aliyun(settings):
    settings.SMS_BACKEND = "portal.notifications.sms.AliyunSmsBackend"
    settings.ALIYUN_SMS_ACCESS_KEY_ID = ACCESS_KEY_ID
    settings.ALIYUN_SMS_ACCESS_KEY_SECRET = ACCESS_KEY_SECRET
    settings.ALIYUN_SMS_SIGN_NAME = SIGN_NAME
    settings.ALIYUN_SMS_TEMPLATES = dict(TEMPLATES)
    settings.ALIYUN_SMS_ENDPOINT = "dysmsapi.aliyuncs.com"
    return settings


@pytest.fixture
def provider(aliyun, monkeypatch):
    fake = FakeAliyun()
    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send",
                        lambda adapter, request, **kwargs: fake.send(adapter, request, **kwargs))
    return fake


@pytest.fixture
def no_proxy(monkeypatch):
    """The SDK reads HTTP(S)_PROXY itself: a proxy would answer instead of the closed port."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def sms_row(template="account/messages/verification_code", params=None, number=NUMBER):
    return OutboundMessage.objects.create(
        channel=Channel.SMS, to=[number], body=f"【巾帼职达】您的验证码是{CODE}", template=template,
        params={"code": CODE} if params is None else params,
    )


def text_a_code(django_capture_on_commit_callbacks, number=NUMBER):
    """What the sign-up and sign-in steps do: a code texted through the outbox, sent after commit."""
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            return send_text(number, "account/messages/verification_code", {"code": CODE}, sms={"code": CODE})


def run_task(message, caplog):
    """One run of the outbox's task for the row, as a worker runs it; the row as it is afterwards."""
    with caplog.at_level(logging.INFO):
        send_outbound_message.apply(args=[message.pk])
    message.refresh_from_db()
    return message


def acs3_signature(sent, secret):
    """Alibaba Cloud's V3 request signature (ACS3-HMAC-SHA256), computed here from
    what is on the wire, independently of the SDK: the canonical request (method,
    path, sorted and RFC 3986-encoded query, the signed headers, the payload's
    SHA-256), hashed, then HMAC-SHA256 with the secret."""
    authorization = sent.headers["authorization"]
    scheme, _, fields = authorization.partition(" ")
    assert scheme == "ACS3-HMAC-SHA256"
    fields = dict(field.split("=", 1) for field in fields.split(","))
    signed_headers = fields["SignedHeaders"]
    canonical_query = "&".join(
        f"{quote(name, safe='~')}={quote(value, safe='~')}" for name, value in sorted(sent.query.items()))
    canonical_headers = "".join(f"{name}:{sent.headers[name].strip()}\n" for name in signed_headers.split(";"))
    payload = hashlib.sha256(sent.prepared.body or b"").hexdigest()
    canonical_request = "\n".join(
        [sent.prepared.method, sent.url.path or "/", canonical_query, canonical_headers, signed_headers, payload])
    string_to_sign = f"ACS3-HMAC-SHA256\n{hashlib.sha256(canonical_request.encode()).hexdigest()}"
    return hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()


def leaks(text):
    """The parts of `text` that must never be logged or stored with an error."""
    return [secret for secret in (NATIONAL, CODE, ACCESS_KEY_SECRET) if secret in text]


# --- the request object ------------------------------------------------------------------------------------------


def test_the_sdk_request_carries_template_code_params_sign_and_the_national_number(aliyun):
    from alibabacloud_dysmsapi20170525.models import SendSmsRequest

    values = {"course": "面试技巧", "time": "2026-12-05 14:00"}
    message = sms_row(template="courses/messages/confirmation", params=values)
    request = sms.AliyunSmsBackend().request_for(message)

    assert isinstance(request, SendSmsRequest)
    request.validate()
    assert request.phone_numbers == NATIONAL  # mainland numbers without +86
    assert request.sign_name == SIGN_NAME
    assert request.template_code == "SMS_465300002"
    assert json.loads(request.template_param) == values
    assert "面试技巧" in request.template_param  # UTF-8 text, not \\u escapes, so the provider counts characters right
    assert request.out_id == str(message.pk)
    # The names the API takes, as the SDK's own model maps them.
    assert request.to_map() == {
        "PhoneNumbers": NATIONAL, "SignName": SIGN_NAME, "TemplateCode": "SMS_465300002",
        "TemplateParam": request.template_param, "OutId": str(message.pk),
    }


def test_a_number_outside_the_mainland_keeps_its_country_code_without_plus(aliyun):
    request = sms.AliyunSmsBackend().request_for(sms_row(number="+85291234567"))
    assert request.phone_numbers == "85291234567"


def test_a_template_without_variables_sends_no_template_param(aliyun):
    request = sms.AliyunSmsBackend().request_for(sms_row(template="account/messages/unknown_account", params={}))
    assert request.template_param is None
    assert "TemplateParam" not in request.to_map()


def test_values_are_sent_as_text(aliyun):
    request = sms.AliyunSmsBackend().request_for(sms_row(params={"code": 123456}))
    assert json.loads(request.template_param) == {"code": "123456"}


def test_templates_that_are_not_a_json_object_are_refused_at_once(aliyun):
    from django.core.exceptions import ImproperlyConfigured

    aliyun.ALIYUN_SMS_TEMPLATES = ["SMS_465300001"]
    with pytest.raises(ImproperlyConfigured, match="ALIYUN_SMS_TEMPLATES"):
        sms.AliyunSmsBackend()


def test_a_template_without_a_code_fails_naming_it_and_sends_nothing(provider, caplog):
    message = sms_row(template="consultants/messages/booking", params={"name": "王老师", "time": "2026-12-05 14:00"})

    with pytest.raises(sms.SmsError, match="consultants/messages/booking") as refused:
        sms.AliyunSmsBackend().send(message)
    assert refused.value.code == "template-not-configured"

    message = run_task(message, caplog)
    assert message.status == OutboundMessage.Status.PENDING
    assert "consultants/messages/booking" in message.last_error
    assert "ALIYUN_SMS_TEMPLATES" in message.last_error
    assert "consultants/messages/booking" in caplog.text
    assert provider.sent == []  # no garbage sent with some other template


# --- the signed request on the wire, and the accepted answer ------------------------------------------------------


def test_an_accepted_message_goes_out_signed_once_and_records_the_biz_id(
    provider, caplog, django_capture_on_commit_callbacks
):
    provider.answer(ACCEPTED)
    with caplog.at_level(logging.INFO):
        message = text_a_code(django_capture_on_commit_callbacks)

    (sent,) = provider.sent
    # Through the SDK's own session and TLS adapter, certificates verified, with our short timeouts.
    assert type(sent.adapter).__module__ == "darabonba.core"
    assert sent.verify is True
    assert sent.timeout == (3.0, 5.0)
    assert sent.proxies == {}
    # POST https://dysmsapi.aliyuncs.com/?PhoneNumbers=...: SendSms is an RPC-style API.
    assert sent.prepared.method == "POST"
    assert (sent.url.scheme, sent.url.netloc, sent.url.path) == ("https", "dysmsapi.aliyuncs.com", "/")
    assert sent.query == {
        "PhoneNumbers": NATIONAL, "SignName": SIGN_NAME, "TemplateCode": "SMS_465300001",
        "TemplateParam": json.dumps({"code": CODE}, separators=(",", ":")), "OutId": str(message.pk),
    }
    assert not sent.prepared.body
    # With the V3 signature the action and version travel as signed headers, not as query parameters.
    assert sent.headers["x-acs-action"] == "SendSms"
    assert sent.headers["x-acs-version"] == "2017-05-25"
    assert sent.headers["host"] == "dysmsapi.aliyuncs.com"
    assert sent.headers["x-acs-content-sha256"] == hashlib.sha256(b"").hexdigest()

    # Signed with the secret, which itself never travels.
    authorization = sent.headers["authorization"]
    assert authorization.startswith(f"ACS3-HMAC-SHA256 Credential={ACCESS_KEY_ID},SignedHeaders=")
    signed = authorization.split("SignedHeaders=")[1].split(",")[0].split(";")
    assert {"host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce",
            "x-acs-content-sha256"} <= set(signed)
    signature = authorization.rsplit("Signature=", 1)[1]
    assert signature == acs3_signature(sent, ACCESS_KEY_SECRET)
    assert signature != acs3_signature(sent, ACCESS_KEY_SECRET + "x")
    assert ACCESS_KEY_SECRET not in sent.prepared.url + json.dumps(sent.headers) + str(sent.prepared.body)

    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.SENT
    assert message.provider_id == "900619746936498440^0"
    assert message.attempts == 1
    assert message.sent_at is not None
    assert message.last_error == ""
    assert "138****5678" in caplog.text
    assert leaks(caplog.text) == []

    # A task that runs again, a worker's retry, the periodic flush: nothing goes out twice.
    send_outbound_message.apply(args=[message.pk])
    send_outbound_message(message.pk)
    assert flush_outbox(older_than_seconds=0) == 0
    assert len(provider.sent) == 1


def test_chinese_values_travel_percent_encoded_as_utf8(provider, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_sms(NUMBER, "课程报名成功", {"course": "面试 技巧&礼仪", "time": "12月5日 14:00"},
                  template="courses/messages/confirmation", kind="confirmation")

    (sent,) = provider.sent
    assert "%E9%9D%A2%E8%AF%95" in sent.url.query  # 面试
    assert json.loads(sent.query["TemplateParam"]) == {"course": "面试 技巧&礼仪", "time": "12月5日 14:00"}
    assert sent.headers["authorization"].rsplit("Signature=", 1)[1] == acs3_signature(sent, ACCESS_KEY_SECRET)


# --- refusals -----------------------------------------------------------------------------------------------------


def test_a_refusal_keeps_the_message_pending_and_a_later_flush_sends_it_once(
    provider, caplog, django_capture_on_commit_callbacks
):
    provider.answer(FLOW_CONTROLLED)  # HTTP 200, but not sent
    with caplog.at_level(logging.INFO):
        message = text_a_code(django_capture_on_commit_callbacks)

    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.PENDING
    assert message.attempts == 1
    assert message.sent_at is None
    assert message.provider_id == ""
    assert "isv.BUSINESS_LIMIT_CONTROL" in message.last_error
    assert FLOW_CONTROLLED["RequestId"] in message.last_error
    assert "isv.BUSINESS_LIMIT_CONTROL" in caplog.text
    assert leaks(message.last_error + caplog.text) == []

    # Later, the periodic flush; the provider takes it this time.
    provider.answer(ACCEPTED)
    assert flush_outbox(older_than_seconds=0) == 1
    assert flush_outbox(older_than_seconds=0) == 0

    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.SENT
    assert message.provider_id == ACCEPTED["BizId"]
    assert message.attempts == 2
    assert len(provider.sent) == 2


def test_an_error_answer_becomes_an_sms_error_with_the_providers_code(provider):
    provider.answer(UNKNOWN_KEY, status=404)

    with pytest.raises(sms.SmsError) as refused:
        sms.AliyunSmsBackend().send(sms_row())

    assert refused.value.code == "InvalidAccessKeyId.NotFound"
    assert "Specified access key is not found." in str(refused.value)
    assert UNKNOWN_KEY["RequestId"] in str(refused.value)
    assert len(provider.sent) == 1  # the SDK does not retry on its own: the outbox does


def test_an_answer_that_quotes_the_request_is_stored_and_logged_without_number_or_code(provider, caplog):
    # Signature errors quote the provider's string to sign, which can hold the request's parameters.
    provider.answer({"Code": "SignatureDoesNotMatch", "RequestId": "A1B2C3D4-0000-4000-8000-000000000003",
                     "Message": f"Specified signature is not matched with our calculation. server string to sign "
                                f"is:POST&%2F&OutId%3D1%26PhoneNumbers%3D{NATIONAL}%26TemplateParam%3D%257B%2522code"
                                f"%2522%253A%2522{CODE}%2522%257D"}, status=400)

    message = run_task(sms_row(), caplog)
    assert message.status == OutboundMessage.Status.PENDING
    assert "SignatureDoesNotMatch" in message.last_error
    assert "138****5678" in message.last_error
    assert leaks(message.last_error) == []
    assert "SignatureDoesNotMatch" in caplog.text
    assert leaks(caplog.text) == []


def test_an_answer_that_is_not_json_is_an_sms_error(aliyun, monkeypatch):
    def gateway_error(adapter, request, **kwargs):
        raw = urllib3.HTTPResponse(body=io.BytesIO(b"<html>502 Bad Gateway</html>"), status=502,
                                   reason="Bad Gateway", headers={"Content-Type": "text/html"},
                                   preload_content=False)
        return adapter.build_response(request, raw)

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", gateway_error)
    with pytest.raises(sms.SmsError, match="(?i)SMS failed .*json"):
        sms.AliyunSmsBackend().send(sms_row())


def test_redact_removes_number_and_values_however_encoded():
    message = OutboundMessage(channel=Channel.SMS, to=[NUMBER], params={"code": CODE, "course": "面试技巧", "n": "1"})
    text = (f"url: /?PhoneNumbers={NATIONAL}&TemplateParam=x (Caused by refused) to {NUMBER}, "
            f"%2B86{NATIONAL}, code {CODE}, course %E9%9D%A2%E8%AF%95%E6%8A%80%E5%B7%A7 \\u9762\\u8bd5\\u6280\\u5de7; "
            f"is it 1?")
    redacted = sms.redact(text, message)
    assert leaks(redacted) == []
    assert "%E9%9D%A2" not in redacted and "\\u9762" not in redacted
    assert "138****5678" in redacted
    assert "(Caused by refused)" in redacted
    assert redacted.endswith("is it 1?")  # short values and plain question marks are left alone


# --- the provider out of reach ------------------------------------------------------------------------------------


def test_a_closed_port_keeps_the_message_the_page_answers_and_a_flush_sends_it_once(
    aliyun, home_page, client, caplog, no_proxy, monkeypatch, django_capture_on_commit_callbacks
):
    """Signing up with a mobile number texts a code; Alibaba Cloud is on a closed
    port (a real refused connection). The sign-up still goes through."""
    aliyun.ALIYUN_SMS_ENDPOINT = f"127.0.0.1:{CLOSED_PORT}"

    started = time.monotonic()
    with caplog.at_level(logging.INFO):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/accounts/signup/", {
                "phone": "138 1234 5678", "password1": "Correct-Horse-42", "password2": "Correct-Horse-42",
                "privacy_consent": "on"})
    assert time.monotonic() - started < HANG_GUARD_SECONDS

    assert response.status_code == 302
    assert response["Location"] == "/accounts/phone/verify/"
    message = OutboundMessage.objects.get(channel=Channel.SMS)
    code = message.params["code"]
    assert message.status == OutboundMessage.Status.PENDING
    assert message.attempts == 1
    assert "Connection refused" in message.last_error
    for text in (message.last_error, caplog.text):
        assert NATIONAL not in text
        assert code not in text
    assert "138****5678" in caplog.text

    # Alibaba Cloud is back.
    fake = FakeAliyun()
    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send",
                        lambda adapter, request, **kwargs: fake.send(adapter, request, **kwargs))
    aliyun.ALIYUN_SMS_ENDPOINT = "dysmsapi.aliyuncs.com"
    flush_outbox(older_than_seconds=0)
    flush_outbox(older_than_seconds=0)

    (sent,) = fake.sent
    assert json.loads(sent.query["TemplateParam"]) == {"code": code}
    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.SENT
    assert message.provider_id == "biz-1"
    assert message.attempts == 2


def test_a_provider_that_never_answers_fails_fast(aliyun, no_proxy):
    """A port that accepts connections (the kernel completes them for the listen
    queue) and never says a word: the SDK gives up after the timeouts."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        backend = sms.AliyunSmsBackend(endpoint=f"127.0.0.1:{port}", connect_timeout_ms=300, read_timeout_ms=300)

        started = time.monotonic()
        with pytest.raises(sms.SmsError, match="not reached: .*(?i:timed out)") as failed:
            backend.send(sms_row())
        assert time.monotonic() - started < HANG_GUARD_SECONDS
    assert leaks(str(failed.value)) == []
