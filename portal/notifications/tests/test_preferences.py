"""Her channels per kind of message on /me/account/: pre-filled with her choice
or the kind's defaults, SMS only with a verified number, email only with an
address, and bad input refused with nothing saved."""

import re

import pytest

from jobs.tests.factories import EmployerMemberFactory
from portal.accounts.models import User
from portal.notifications import preferences
from portal.notifications.models import ChannelPreference

pytestmark = pytest.mark.django_db

NUMBER = "+8613812345678"
PAGE = "/me/account/"


def choose(client, **kinds):
    """POST the notification form: choose(client, reminder=["email"], offer=[])."""
    data = {"form": "notifications"}
    for kind, channels in kinds.items():
        data[f"notify-{kind}"] = channels
    return client.post(PAGE, data)


def rows(user):
    return dict(ChannelPreference.objects.filter(user=user).values_list("kind", "channels"))


def ticked(html):
    """{kind: [channels]} of the boxes ticked on the page."""
    found = {}
    for tag in re.findall(r"<input[^>]*type=\"checkbox\"[^>]*>", html):
        name, value = re.search(r'name="notify-(\w+)"', tag)[1], re.search(r'value="(\w+)"', tag)[1]
        found.setdefault(name, [])
        if " checked" in tag:
            found[name].append(value)
    return found


def phone_only_user():
    """Someone who signed up with her mobile number and has no email address."""
    return User.objects.create_user(None, phone=NUMBER, phone_verified=True)


@pytest.fixture
def with_phone(alice):
    alice.phone, alice.phone_verified = NUMBER, True
    alice.save()
    return alice


def test_defaults_for_an_email_only_account(client, alice):
    html = client.get(PAGE).content.decode()
    # Email for every kind she may choose for; no SMS boxes without a verified number, no posting news.
    assert ticked(html) == {kind: ["email"] for kind in
                            ["confirmation", "reminder", "offer", "application", "job_alert", "feedback", "interview",
                             "privacy"]}
    assert 'href="/accounts/phone/change/"' in html and "添加并验证你的手机号" in html
    # The centre is always on: said in words, never a disabled box.
    assert html.count("通知中心：始终接收") == 8 and "disabled" not in html


def test_defaults_with_a_verified_number_send_time_critical_ones_by_sms(client, with_phone):
    html = client.get(PAGE).content.decode()
    assert ticked(html) == {"confirmation": ["email"], "reminder": ["email", "sms"], "offer": ["email", "sms"],
                            "application": ["email"], "job_alert": ["email"], "feedback": ["email"],
                            "interview": ["email", "sms"], "privacy": ["email"]}
    assert 'href="/accounts/phone/change/"' not in html


def test_an_unverified_number_is_not_a_channel(client, alice):
    alice.phone, alice.phone_verified = NUMBER, False
    alice.save()
    html = client.get(PAGE).content.decode()
    assert 'value="sms"' not in html and 'href="/accounts/phone/change/"' in html


def test_a_phone_only_account_gets_sms_and_is_told_how_to_add_an_email(client):
    user = phone_only_user()
    client.force_login(user)
    html = client.get(PAGE).content.decode()
    assert ticked(html) == {"confirmation": ["sms"], "reminder": ["sms"], "offer": ["sms"],
                            "application": ["sms"], "job_alert": [], "feedback": ["sms"], "interview": ["sms"],
                            "privacy": ["sms"]}
    assert 'href="/accounts/email/"' in html


def test_each_kind_is_a_fieldset_with_a_legend_and_each_box_has_its_label(client, with_phone):
    html = client.get(PAGE).content.decode()
    assert html.count("<fieldset") == 8 and "<legend>开课和咨询前的提醒</legend>" in html
    for box_id in re.findall(r'<input[^>]*type="checkbox"[^>]*id="([^"]+)"', html):
        assert f'<label for="{box_id}">' in html
    assert '<label for="id_notify-reminder_1">短信</label>' in html


def test_employer_accounts_also_choose_for_their_postings(client):
    member = EmployerMemberFactory()
    client.force_login(member.user)
    html = client.get(PAGE).content.decode()
    assert ticked(html)["posting"] == ["email"] and "我发布的岗位动态" in html


def test_unticking_sms_for_reminders_is_saved_and_defaults_need_no_row(client, with_phone):
    response = choose(client, confirmation=["email"], reminder=["email"], offer=["email", "sms"],
                      application=["email"], job_alert=[], feedback=["email"], interview=["email", "sms"],
                      privacy=["email"])
    assert (response.status_code, response["Location"]) == (302, "/me/account/#notifications")
    # Only where she differs from the defaults: the rest keep following them.
    assert rows(with_phone) == {"reminder": ["email", "site"], "job_alert": ["site"]}
    page = client.get(response["Location"]).content.decode()
    assert "你的通知方式已保存。" in page
    assert ticked(page)["reminder"] == ["email"] and ticked(page)["job_alert"] == []
    # Choosing the defaults again removes her row.
    choose(client, confirmation=["email"], reminder=["email", "sms"], offer=["email", "sms"],
           application=["email"], job_alert=["email"], feedback=["email"], interview=["email", "sms"],
           privacy=["email"])
    assert rows(with_phone) == {}


@pytest.mark.parametrize("data, field, message", [
    ({"notify-reminder": ["fax"]}, "reminder", None),
    ({"notify-birthday": ["email"]}, "__all__", "没有这种可选择的消息类型。"),
    ({"notify-posting": ["email"]}, "__all__", "没有这种可选择的消息类型。"),
    ({"notify-reminder": ["email", "sms"]}, "reminder", "接收短信需要先验证你的手机号。"),
])
def test_bad_choices_are_refused_and_nothing_is_saved(client, alice, data, field, message):
    ChannelPreference.objects.create(user=alice, kind="offer", channels=["site"])
    response = client.post(PAGE, {"form": "notifications", "notify-offer": [], **data})
    assert response.status_code == 200
    errors = response.context["channels_form"].errors
    assert errors[field] and (message is None or errors[field] == [message])
    assert rows(alice) == {"offer": ["site"]}
    html = response.content.decode()
    assert 'role="alert"' in html


def test_email_needs_an_address(client):
    user = phone_only_user()
    client.force_login(user)
    response = choose(client, reminder=["email", "sms"])
    assert response.context["channels_form"].errors["reminder"] == ["接收邮件需要先在账号中添加邮箱地址。"]
    assert rows(user) == {}


def test_the_two_forms_leave_each_other_alone(client, with_phone):
    choose(client, confirmation=["email"], reminder=["email"], offer=["email", "sms"],
           application=["email"], job_alert=["email"], feedback=["email"], interview=["email", "sms"],
           privacy=["email"])
    response = client.post(PAGE, {"display_name": "小美美", "language": "zh-hans"})
    assert response.status_code == 302
    assert rows(with_phone) == {"reminder": ["email", "site"]}
    choose(client, confirmation=["email"], reminder=["email", "sms"], offer=["email", "sms"],
           application=["email"], job_alert=["email"], feedback=["email"], interview=["email", "sms"],
           privacy=["email"])
    with_phone.refresh_from_db()
    assert (with_phone.display_name, with_phone.language) == ("小美美", "zh-hans")


def test_the_service_refuses_what_the_form_refuses(with_phone):
    from portal.errors import ServiceError

    with pytest.raises(ServiceError) as refused:
        preferences.save(with_phone, {"reminder": ["email"], "offer": ["pigeon"]})
    assert refused.value.code == "unknown_channel"
    assert rows(with_phone) == {}


def test_what_she_saves_is_what_send_uses(client, with_phone):
    from portal.notifications.services import channels_for, recipient_for

    def channels(kind):
        return channels_for(recipient_for(with_phone), kind)

    assert (channels("reminder"), channels("job_alert")) == (["email", "sms", "site"], ["email", "site"])
    choose(client, confirmation=["email", "sms"], reminder=["email"], offer=["email", "sms"],
           application=["email"], job_alert=[], feedback=["email"], interview=["email", "sms"], privacy=["email"])
    assert channels("reminder") == ["email", "site"]
    assert channels("confirmation") == ["email", "sms", "site"]
    # Unticking everything still leaves the centre.
    assert channels("job_alert") == ["site"]
