"""Every email the portal sends, rendered in both languages, read as its recipient would.

Each message is produced by the code that really sends it (enrolling, booking,
applying, signing up...), for one person who uses the site in Chinese and one
who uses it in English. Every message template in the repository must have
been rendered in both languages, and each email must:

- name the site and sign with it (a missing site name reads as phishing);
- link only with absolute addresses on SITE_URL, in her language (no "/me/");
- leave no placeholder empty ("None", "“”", a label with nothing after it);
- be in her language: no English words left in a Chinese email, no Chinese in
  an English one (the English person's data is written in English);
- have a plain-text subject and both a text and an HTML part.
"""

import contextlib
import itertools
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from consultants import noshows
from consultants import services as consultant_services
from consultants.tasks import send_booking_reminders
from consultants.tests.factories import ConsultantFactory, local_slot, one_slot_consultant
from courses import services as course_services
from courses.models import CourseCategory, CourseIndexPage, CoursePage, CourseSession
from jobs import applications as job_applications
from jobs import employers as job_employers
from jobs import interviews as job_interviews
from jobs import placements as job_placements
from jobs import services as job_services
from jobs.credit_code import example_code
from jobs.models import Application, Employer, EmployerMember, JobPosting
from jobs.tasks import ask_retention, enforce_answer_deadlines, remind_expiring_postings
from jobs.tests.factories import EmployerFactory, JobPostingFactory, pdf_upload
from portal.accounts.models import User
from portal.accounts.tests.factories import PASSWORD, UserFactory
from portal.errors import Conflict
from portal.notifications.kinds import CHOOSABLE
from portal.notifications.models import ChannelPreference, OutboundMessage
from portal.privacy import deletion as privacy_deletion
from portal.privacy import export as privacy_export
from search.alerts import send_due_alerts
from search.services import save_search

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[1]
SITE_NAMES = {"zh-hans": "巾帼职达", "en": "Jinguo Careers"}
URL = re.compile(r"https?://[^\s<>\"')）]+")
CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]")
EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def message_templates(suffix):
    """Every message template of one channel in the repository ("_message.txt" for
    email, "_sms.txt" for text messages): "courses/messages/confirmation", ..."""
    found = set()
    for templates in [*ROOT.glob("*/templates"), ROOT / "portal/templates"]:
        for path in templates.glob(f"**/*{suffix}"):
            found.add(str(path.relative_to(templates)).removesuffix(suffix))
    return {name for name in found if not name.endswith("/base")}


# Content in each language: the English person's world is written in English, so
# any Chinese in her emails is the portal's own words, left untranslated.
CONTENT = {
    "zh-hans": dict(course="面试技巧实战", summary="结构化面试与模拟面试。", venue="妇女儿童活动中心三楼",
                    consultant="林晓雯", job="财务会计助理", employer="永川测试企业有限公司", district="永川",
                    city="重庆", description="负责日常账务处理。", topic="求职焦虑", name="小美", reason="临时出差",
                    comment="请删除对年龄的要求。", organisations=("永川巾帼家政服务有限公司", "江津田园农业合作社"),
                    licence_reason="营业执照照片模糊，请重新拍摄。", note="请携带作品集原件。",
                    flagged="招聘会计，男性优先。"),
    "en": dict(course="Interview skills", summary="Structured and mock interviews.", venue="Women's Centre, 3rd floor",
               consultant="Lin Xiaowen", job="Accounting assistant", employer="Yongchuan Test Ltd", district="",
               city="Chongqing", description="Day-to-day bookkeeping.", topic="Job search anxiety", name="Mei",
               reason="A trip",
               comment="Please remove the age limit.", organisations=("Yongchuan Homecare Ltd", "Jiangjin Farm Co-op"),
               licence_reason="The photo of the licence is blurred; please take it again.",
               note="Please bring your portfolio.", flagged="Accountant wanted, men preferred."),
}


def produce_every_message(language, home_page, django_capture_on_commit_callbacks):
    """Run every path that sends a message, for people who use the site in `language`."""
    text = CONTENT[language]
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    tag = language.replace("-", "")
    numbers = itertools.count()

    phones = (f"+86139{language == 'en':01d}{number:07d}" for number in itertools.count(1))

    def person(**fields):
        """Someone with an address and a verified number, who wants every message by both."""
        user = UserFactory(email=f"{tag}-{next(numbers)}@example.com", language=language, phone=next(phones),
                           phone_verified=True, **fields)
        for kind in CHOOSABLE:
            ChannelPreference.objects.create(user=user, kind=kind, channels=["email", "sms"])
        return user

    seeker = person(display_name=text["name"])
    waiting = person(display_name=text["name"])
    with django_capture_on_commit_callbacks(execute=True):
        # Courses: confirmation, offer, cancellation, reminder.
        index = CourseIndexPage.objects.first() or home_page.add_child(
            instance=CourseIndexPage(title="课程", slug="courses"))
        category, _ = CourseCategory.objects.get_or_create(slug="interview", defaults={
            "name": "面试技巧", "name_en": "Interview skills"})
        course = index.add_child(instance=CoursePage(title=text["course"], slug=f"course-{tag}", category=category,
                                                     summary=text["summary"], format="offline"))
        soon = timezone.now() + timedelta(hours=20)
        session = CourseSession.objects.create(course=course, starts_at=soon, ends_at=soon + timedelta(hours=2),
                                               capacity=1, venue=text["venue"])
        enrolment = course_services.enrol(seeker, session.pk)
        offered = course_services.enrol(waiting, session.pk)
        course_services.cancel(seeker, enrolment.pk)
        course_services.accept_offer(waiting, offered.pk)
        course_services.send_reminders()

        # Consultations: booked, moved, cancelled, reminded, to both sides.
        consultant = ConsultantFactory(display_name=text["consultant"], user=person(display_name=text["consultant"]))
        booking = consultant_services.book(seeker, consultant.pk, local_slot(consultant, 3, 10), "online",
                                           text["topic"])
        consultant_services.reschedule(booking, seeker, local_slot(consultant, 3, 14))
        consultant_services.cancel_by_consultant(booking, text["reason"])
        start = timezone.now() + timedelta(hours=20)
        consultant_services.Booking.objects.create(
            consultant=consultant, seeker=seeker, start=start, end=start + timedelta(minutes=50), mode="online",
            topic=text["topic"])
        send_booking_reminders()
        # After sessions: attended (feedback is asked), missed twice (her bookings then wait
        # for approval, and she writes to the editors), the consultant could not come.
        past = [consultant_services.Booking.objects.create(
            consultant=consultant, seeker=waiting, start=timezone.now() - timedelta(days=days, hours=2),
            end=timezone.now() - timedelta(days=days, hours=1), mode="online", topic=text["topic"])
            for days in (1, 2, 3, 4)]
        consultant_services.set_outcome(past[0], "completed")
        consultant_services.set_outcome(past[1], "no_show")
        consultant_services.set_outcome(past[2], "no_show")
        consultant_services.set_outcome(past[3], "absent")
        editor = person(display_name=text["consultant"])
        Group.objects.get_or_create(name="Editors")[0].user_set.set([editor])  # this language's editor only
        noshows.appeal(noshows.current_restriction(waiting), text["reason"])
        consultant_services.book(waiting, consultant.pk, local_slot(consultant, 4, 10), "online", text["topic"])

        # A full calendar's queue: the slot a cancellation frees is held for the first in line, who books it.
        full, only_slot = one_slot_consultant(display_name=text["consultant"],
                                              user=person(display_name=text["consultant"]))
        freed = consultant_services.book(seeker, full.pk, only_slot, "online", text["topic"])
        queued = consultant_services.join_queue(waiting, full.pk)
        consultant_services.cancel_by_seeker(freed, seeker)
        consultant_services.accept_queue_offer(waiting, queued.pk, "online", text["topic"])

        # Jobs: moderation, application updates, the expiry reminder, a job alert.
        employer = EmployerFactory(name=text["employer"], district=text["district"])
        EmployerMember.objects.create(employer=employer, user=person(display_name=text["employer"]))
        moderator = User.objects.create_superuser(email=f"{tag}-moderator@example.com", password=PASSWORD)
        posting = JobPostingFactory(employer=employer, title=text["job"], district=text["district"], city=text["city"],
                                    description=text["description"], requirements="",
                                    status=JobPosting.Status.SUBMITTED, published_at=None,
                                    expires_at=timezone.now() + timedelta(days=2))
        save_search(seeker, {"q": text["job"]})
        job_services.approve_posting(posting, moderator)
        rejected = JobPostingFactory(employer=employer, title=text["job"], status=JobPosting.Status.SUBMITTED,
                                     description=text["description"], requirements="", published_at=None)
        job_services.reject_posting(rejected, moderator, text["comment"])
        # Employer verification: one registration verified, one refused with the moderator's reason.
        series = "MA5X" if language == settings.LANGUAGE_CODE else "MA5Y"
        registered = [
            job_employers.register(person(display_name=text["name"]), Employer(
                name=name, credit_code=example_code(number, prefix=series), industry="retail"),
                pdf_upload("licence.pdf"))
            for number, name in enumerate(text["organisations"])
        ]
        job_employers.verify(registered[0], moderator)
        job_employers.reject(registered[1], moderator, text["licence_reason"])
        # Wording the check flags is sent back to its employer instead of being approved.
        held = JobPostingFactory(employer=employer, title=text["job"], status=JobPosting.Status.SUBMITTED,
                                 description=text["flagged"], requirements="", published_at=None)
        with contextlib.suppress(Conflict):
            job_services.approve_posting(held, moderator)
        # Applications, each side told of each step: sent, viewed, invited, accepted, offer,
        # hired; not selected with a reason; declined, another time proposed, withdrawn; and
        # reminders then the close of one left unanswered.
        hr = employer.members.get().user
        application = job_applications.apply(posting.pk, seeker, upload=pdf_upload())
        job_applications.mark_viewed(application, hr)
        soon = timezone.now() + timedelta(days=3)
        job_interviews.invite(application.pk, hr, soon, 60, "onsite", place=text["venue"],
                              contact_name=text["consultant"], contact_phone="023-49876543", note=text["note"])
        job_interviews.answer(application.pk, seeker, "accept")
        job_applications.decide(application.pk, hr, "offer", message=text["note"])
        job_applications.decide(application.pk, hr, "hired")
        # The placement: she confirms it, and six months on is asked whether she is still there.
        job_placements.confirm(application.placement.pk, seeker)
        ask_retention(today=timezone.localdate() + timedelta(days=settings.PLACEMENT_RETENTION_DAYS))
        others = [job_applications.apply(posting.pk, person(display_name=text["name"]), upload=pdf_upload())
                  for _ in range(5)]
        job_applications.decide(others[0].pk, hr, "rejected", reason="position_filled", message=text["note"])
        for other, choice in ((others[1], "decline"), (others[2], "propose")):
            job_interviews.invite(other.pk, hr, soon, 45, "online", link="https://meet.example/room",
                                  contact_name=text["consultant"])
            job_interviews.answer(other.pk, other.seeker, choice, proposed_start=soon + timedelta(days=1),
                                  message=text["reason"])
        job_applications.withdraw(others[3].pk, others[3].seeker)
        Application.objects.filter(pk__in=[others[4].pk]).update(reminders_sent=0)
        for days in (7, 12, 14):
            enforce_answer_deadlines(now=timezone.now() + timedelta(days=days, hours=1))
        remind_expiring_postings()
        send_due_alerts(now=timezone.now() + timedelta(minutes=1))
        # Her data: an export too large for the request, built and linked; a deletion request.
        with override_settings(PRIVACY_EXPORT_MAX_RECORDS=0):
            privacy_export.request_export(seeker)
        privacy_deletion.request_deletion(person(display_name=text["name"]))

    # Accounts, through the pages, as she uses them.
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        signup = {"email": f"{tag}-new@example.com", "password1": PASSWORD, "password2": PASSWORD,
                  "privacy_consent": "on"}
        client.post(f"{prefix}/accounts/signup/", signup)
        client.post(f"{prefix}/accounts/signup/", {**signup, "email": seeker.email})
        client.post(f"{prefix}/accounts/password/reset/", {"email": seeker.email})
        client.post(f"{prefix}/accounts/password/reset/", {"email": f"{tag}-nobody@example.com"})
        client.post(f"{prefix}/accounts/login/code/", {"email": seeker.email})
        # By mobile number: a sign-up, a sign-up with a number already taken, a sign-in
        # code, and a sign-in code for a number without an account.
        # (Different numbers: one number gets at most one code a minute, of any kind.)
        for number in (f"+86138{language == 'en':01d}0000001", waiting.phone):
            Client().post(f"{prefix}/accounts/signup/", {"phone": str(number), "password1": PASSWORD,
                                                         "password2": PASSWORD, "privacy_consent": "on"})
        for number in (seeker.phone, f"+86137{language == 'en':01d}0000002"):
            Client().post(f"{prefix}/accounts/login/code/", {"phone": str(number)})
        client.force_login(seeker)
        client.post(f"{prefix}/accounts/email/", {"email": f"{tag}-second@example.com", "action_add": ""})


@pytest.fixture
def outbox(home_page, tasks_in_process, django_capture_on_commit_callbacks):
    """{language: [OutboundMessage]} of everything both people were sent."""
    found = {}
    for language in ("zh-hans", "en"):
        first = OutboundMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        produce_every_message(language, home_page, django_capture_on_commit_callbacks)
        found[language] = list(OutboundMessage.objects.filter(pk__gt=first).order_by("pk"))
    return found


def common_problems(name, body, language):
    """What any channel's text must not have: off-site or relative links, links to the
    other language's pages, empty placeholders, words of the other language."""
    found = []
    for url in URL.findall(body):
        if not url.startswith(settings.SITE_URL + "/"):
            found.append(f"{name} links off the site or without SITE_URL: {url}")
        path = url.removeprefix(settings.SITE_URL)
        if language == "en" and not path.startswith(("/en/", "/cms/")):  # the admin has no language prefix
            found.append(f"{name} links to a Chinese page: {url}")
    for placeholder in ("None", "“”", "《》", "{{", "{%", "[]", "  上", "来自的"):
        if placeholder in body:
            found.append(f"{name} has an empty placeholder {placeholder!r}")
    if re.search(r"(?<![\w/.:-])/(me|jobs|courses|consultants|accounts|en)/", URL.sub("", body)):
        found.append(f"{name} has a relative link")
    readable = EMAIL_ADDRESS.sub("", URL.sub("", body))
    if language == "en":
        leftovers = CJK.findall(readable)
        if leftovers:
            found.append(f"Chinese left in English ({name}): {''.join(leftovers)[:40]}")
    else:
        leftovers = [word for word in re.findall(r"[A-Za-z]{2,}", readable) if word not in {"PDF"}]
        if leftovers:
            found.append(f"English left in Chinese ({name}): {leftovers[:8]}")
    return found


def sms_problems(message, language):
    """What is wrong with one text message: it must say who sends it first, stay short
    enough for a phone, and otherwise read as well as an email."""
    found = common_problems("sms", message.body, language)
    sign = f"【{SITE_NAMES[language]}】" if language == "zh-hans" else f"[{SITE_NAMES[language]}] "
    if not message.body.startswith(sign):
        found.append(f"does not start with {sign!r}")
    if len(message.body) > 160:
        found.append(f"{len(message.body)} characters: too long for a text message")
    if "\n" in message.body:
        found.append("has line breaks")
    return found


def problems(email, language):
    """What is wrong with one email, in words."""
    found = []
    if not email.html_body.strip():
        found.append("no HTML part")
    if "\n" in email.subject or "&amp;" in email.subject or "&#" in email.subject:
        found.append(f"subject is not plain text: {email.subject!r}")
    for name, body in {"subject": email.subject, "text": email.body, "html": html_text(email)}.items():
        found.extend(common_problems(name, body, language))
        if name != "subject" and SITE_NAMES[language] not in body:
            found.append(f"{name} does not name the site")
    # "地点：" or "Venue: " alone on its line: a fact whose value was empty.
    if empty_label(email.body):
        found.append(f"text has a label with nothing after it: {empty_label(email.body)!r}")
    for href in re.findall(r'href="([^"]*)"', email.html_body):
        if not href.startswith(settings.SITE_URL + "/"):
            found.append(f"html links with a relative or foreign address: {href}")
    return found


LABEL = re.compile(r"^[^：:]{1,16}[：:]")


def empty_label(text):
    """A line like "地点：" whose value is missing: nothing after it on its line, and
    no value on the next line either (a blank line, another label or the end)."""
    lines = text.strip().split("\n")[1:]  # the greeting "小美，您好：" ends with a colon
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        if LABEL.match(line) and not LABEL.sub("", line).strip():
            if not following.strip() or (LABEL.match(following) and not following.startswith("http")):
                return line
    return None


def html_text(email):
    """The words of the HTML part: tags, styles and the head removed."""
    body = re.sub(r"<head>.*?</head>", "", email.html_body, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", " ", body)


def test_every_message_in_both_languages_reads_as_it_should(outbox):
    """One run of every sending path (it takes a while), every check on what it sent."""
    found = {}
    for channel, suffix in (("email", "_message.txt"), ("sms", "_sms.txt")):
        expected = message_templates(suffix)
        assert expected, f"no {channel} templates found"
        for language, messages in outbox.items():
            rendered = {message.template for message in messages if message.channel == channel}
            if rendered != expected:
                found[f"{channel} templates not rendered in {language}"] = sorted(expected - rendered)
    for language, messages in outbox.items():
        for message in messages:
            check = problems if message.channel == "email" else sms_problems
            if issues := check(message, language):
                found[f"{language}: {message.template} → {message.to[0]}"] = issues
    assert found == {}, "\n".join(f"{key}: {value}" for key, value in found.items())
    sent = {tuple(message.to): message for message in mail.outbox}
    assert sent and all([mimetype for _content, mimetype in message.alternatives] == ["text/html"]
                        for message in sent.values())
