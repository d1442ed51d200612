"""The copy check: every public page, form and message in both languages follows docs/style.md.

The pages are rendered from the demo content (`seed_demo`) as each person sees
them: a visitor, the demo graduate signed in (/me/ and its pages), a consultant
in her workspace and an employer's member; forms are also sent empty, so their
errors are read too. Chinese is at /, English at /en/. The rules are in
tests/copy_rules.py; demo content is Chinese by design and is marked as content
in the templates (data-content), so on English pages only the interface counts.

Every email and text message comes from tests/test_messages.py's run of every
sending path, read with the same rules.
"""

import re

import copy_rules
import pytest
from django.core.management import call_command
from django.test import Client
from test_messages import CONTENT, outbox  # noqa: F401  (the fixture)

from consultants.models import Booking, Consultant
from courses.models import CoursePage
from jobs.models import Application, EmployerMember, JobPosting
from portal.accounts.models import User

PREFIX = {"zh-hans": "", "en": "/en"}
SEARCHES = ("面试", "会计")


def test_the_rules_catch_what_the_style_guide_forbids():
    """The check itself: each rule fires on a made-up case and stays quiet on the right form."""
    zh = copy_rules.problems
    assert zh("最近场次: 12月5日", "zh-hans") and zh("电话(手机)", "zh-hans") and zh("线上,电话", "zh-hans")
    assert not zh("最近场次：12月5日（周六）14:00", "zh-hans")
    assert zh("请选择\n---------", "zh-hans") and zh("您好", "zh-hans") and zh("电子邮件", "zh-hans")
    assert zh("保存 Save", "zh-hans") and zh("验证你的Email地址", "zh-hans") and not zh("上传 PDF 或 DOCX", "zh-hans")
    assert zh("时间均为 Asia/Shanghai 时区", "zh-hans") and zh("Times are in Asia/Shanghai.", "en")
    assert not zh("详见 https://example.com/jobs/1/ 或 /me/", "zh-hans")
    # Content is excused, but not the interface's punctuation after it.
    assert not zh("Venue 妇女儿童活动中心", "en", allowed=["妇女儿童活动中心"])
    assert zh("地点：妇女儿童活动中心（三楼）", "zh-hans", allowed=["妇女儿童活动中心"]) == []
    assert zh("妇女儿童活动中心: 三楼", "zh-hans", allowed=["妇女儿童活动中心"])
    assert zh("Online、Phone", "en") and zh("Times are in 北京时间", "en") and not zh("Sat 5 Dec, 14:00", "en")
    html = ('<p>课程</p><script>var a = "中文";</script><p data-content>面试技巧</p><input placeholder="搜索">'
            '<a href="/courses/" class="中">x</a>')
    assert copy_rules.visible_text(html).split() == ["课程", "搜索", "x"]


def demo_pages():
    """[(who, path, method)] from the demo database: what each person opens."""
    course = CoursePage.objects.live().order_by("pk").first()
    consultant = Consultant.objects.filter(is_active=True, user__isnull=False).order_by("pk").first()
    job = JobPosting.objects.visible().order_by("-published_at").first()
    member = EmployerMember.objects.select_related("employer").order_by("pk").first()
    graduate = User.objects.get(email="graduate1@jinguo.example")
    own_posting = JobPosting.objects.filter(employer=member.employer).order_by("pk").first()
    pages = [(None, path) for path in (
        "/", "/courses/", course.url, "/consultants/", f"/consultants/{consultant.pk}/", "/jobs/",
        f"/jobs/{job.pk}/", "/search/", *(f"/search/?q={q}" for q in SEARCHES), "/privacy/",
        "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/accounts/login/code/",
        f"/employers/{member.employer_id}/")]
    pages += [(graduate, path) for path in (
        "/me/", "/me/profile/", "/me/account/", "/me/notifications/", "/me/resume/", "/me/resume/preview/",
        "/me/privacy/", "/me/privacy/delete/",
        f"/consultants/{consultant.pk}/")]
    pages += [(graduate, f"/me/applications/{pk}/")
              for pk in Application.objects.filter(seeker=graduate).values_list("pk", flat=True)[:3]]
    pages += [(consultant.user, path) for path in (
        "/consultants/me/", "/consultants/me/settings/", "/consultants/me/availability/")]
    pages += [(consultant.user, f"/consultants/bookings/{pk}/")
              for pk in Booking.objects.filter(consultant=consultant).values_list("pk", flat=True)[:2]]
    pages += [(member.user, path) for path in (
        "/jobs/employer/", "/jobs/employer/new/", f"/jobs/employer/{own_posting.pk}/",
        f"/jobs/employer/{own_posting.pk}/edit/")]
    pages += [(member.user, f"/jobs/employer/applications/{pk}/")
              for pk in Application.objects.filter(job__employer=member.employer).values_list("pk", flat=True)[:2]]
    return pages, graduate


# Forms sent empty: their errors are copy too.
EMPTY_POSTS = ["/accounts/signup/", "/accounts/login/", "/accounts/password/reset/"]
SIGNED_IN_EMPTY_POSTS = ["/me/profile/"]


def booking_page(client, prefix, consultant_path):
    """The booking form of the consultant's first open slot, from her page's slot links."""
    html = client.get(prefix + consultant_path).content.decode()
    link = re.search(r'href="([^"]*/book/\?[^"]+)"', html)
    return link.group(1).replace("&amp;", "&") if link else None


@pytest.mark.django_db
def test_every_page_and_form_reads_as_the_style_guide_says(home_page):
    call_command("seed_demo", verbosity=0)
    pages, graduate = demo_pages()
    # The demo's text, and the searches this test types, are content, not the interface.
    content = sorted({*copy_rules.stored_content(), *SEARCHES}, key=len, reverse=True)
    clients = {}
    found = {}
    for language, prefix in PREFIX.items():
        reads = []
        for who, path in pages:
            if who not in clients:
                clients[who] = Client()
                if who is not None:
                    clients[who].force_login(who)
            response = clients[who].get(prefix + path, follow=True)
            assert response.status_code == 200, f"{prefix}{path} as {who}: {response.status_code}"
            reads.append((f"{prefix}{path}", response))
        graduate_client = clients[graduate]
        consultant_path = next(path for who, path in pages if who == graduate and path.startswith("/consultants/"))
        book = booking_page(graduate_client, prefix, consultant_path)
        assert book, "no open slot to book on the demo consultant's page"
        reads.append((book, graduate_client.get(book)))
        for path in EMPTY_POSTS:
            reads.append((f"POST {prefix}{path}", Client().post(prefix + path, {})))
        for path in SIGNED_IN_EMPTY_POSTS:
            reads.append((f"POST {prefix}{path}", graduate_client.post(prefix + path, {})))
        for name, response in reads:
            if "text/html" not in response.get("Content-Type", ""):
                continue
            text = copy_rules.visible_text(response.content.decode())
            if issues := copy_rules.problems(text, language, allowed=content):
                found[name] = sorted(set(issues))
    assert found == {}, "\n".join(f"{name}:\n  " + "\n  ".join(issues) for name, issues in found.items())


@pytest.mark.django_db(transaction=True)
def test_every_message_reads_as_the_style_guide_says(outbox):  # noqa: F811
    """Emails (subject, text, HTML) and text messages, in both languages."""
    found = {}
    for language, messages in outbox.items():
        created = [value for value in CONTENT[language].values() if isinstance(value, str)]
        created += [name for value in CONTENT[language].values() if isinstance(value, tuple) for name in value]
        created = sorted(filter(None, created), key=len, reverse=True)
        for message in messages:
            parts = {"body": message.body, "subject": message.subject}
            if message.html_body:
                parts["html"] = copy_rules.visible_text(message.html_body)
            for part, text in parts.items():
                if issues := copy_rules.problems(text, language, allowed=created):
                    found[f"{language} {message.template} ({message.channel} {part})"] = sorted(set(issues))
    assert found == {}, "\n".join(f"{name}:\n  " + "\n  ".join(issues) for name, issues in found.items())
