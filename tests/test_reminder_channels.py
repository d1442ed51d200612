"""Reminders follow her choices: a course reminder and a consultation's 24-hour
reminder go by SMS too when she has a verified number (the default for
reminders), by email only once she unticks SMS on her account page, and every
one lands in her notification centre."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultants.tasks import send_booking_reminders
from consultants.tests.factories import ConsultantFactory, make_booking
from courses import services as course_services
from courses.models import CourseCategory, CourseIndexPage, CoursePage, CourseSession
from portal.accounts.tests.factories import UserFactory
from portal.notifications.models import Notification, OutboundMessage

pytestmark = pytest.mark.django_db

NUMBER = "+8613812345678"


@pytest.fixture
def her(client):
    user = UserFactory(email="mei@example.com", phone=NUMBER, phone_verified=True)
    client.force_login(user)
    return user


def course_reminder(user, home_page):
    catalog = home_page.add_child(instance=CourseIndexPage(title="课程培训", slug="courses"))
    course = catalog.add_child(instance=CoursePage(
        title="面试技巧实战", slug="interview", summary="模拟面试。",
        category=CourseCategory.objects.create(name="面试技巧", slug="interview")))
    starts = timezone.now() + timedelta(hours=20)
    session = CourseSession.objects.create(course=course, starts_at=starts, ends_at=starts + timedelta(hours=2),
                                           capacity=5, venue="妇女儿童活动中心 3 楼")
    course_services.enrol(user, session.pk)
    assert course_services.send_reminders() == 1
    return "courses/messages/reminder"


def consultation_reminder(user, home_page):
    make_booking(ConsultantFactory(), seeker=user, start=timezone.now() + timedelta(hours=20))
    send_booking_reminders()
    assert OutboundMessage.objects.filter(dedup_key__contains=":reminder_24h:").exists()
    return "consultants/messages/booking"


def sent_to_her(user, template):
    """(channel, recipient) of each message of `template` to her, and her centre's entries of it."""
    messages = OutboundMessage.objects.filter(template=template)
    mine = sorted((m.channel, m.to[0]) for m in messages if m.to[0] in (user.email, NUMBER))
    return mine, Notification.objects.filter(user=user, template=template).count()


REMINDERS = [course_reminder, consultation_reminder]


@pytest.mark.parametrize("remind", REMINDERS, ids=["course", "consultation-24h"])
def test_by_default_a_reminder_goes_by_sms_and_email_and_into_her_centre(her, home_page, remind):
    template = remind(her, home_page)
    assert sent_to_her(her, template) == ([("email", her.email), ("sms", NUMBER)], 1)
    sms = OutboundMessage.objects.get(channel="sms", template=template, to=[NUMBER])
    assert sms.kind == "reminder" and sms.body


@pytest.mark.parametrize("remind", REMINDERS, ids=["course", "consultation-24h"])
def test_with_sms_unticked_it_goes_by_email_only_and_still_into_her_centre(client, her, home_page, remind):
    response = client.post("/me/account/", {"form": "notifications", "notify-reminder": ["email"],
                                            "notify-confirmation": ["email"], "notify-offer": ["email", "sms"],
                                            "notify-application": ["email"], "notify-job_alert": ["email"]})
    assert response.status_code == 302
    template = remind(her, home_page)
    assert sent_to_her(her, template) == ([("email", her.email)], 1)


@pytest.mark.parametrize("remind", REMINDERS, ids=["course", "consultation-24h"])
def test_without_a_verified_number_there_is_no_sms(her, home_page, remind):
    her.phone_verified = False
    her.save()
    template = remind(her, home_page)
    assert sent_to_her(her, template) == ([("email", her.email)], 1)


def test_her_reminder_is_in_her_centre_with_its_link(client, her, home_page):
    course_reminder(her, home_page)
    entry = Notification.objects.get(user=her, kind="reminder")
    assert entry.url == "/me/" and entry.title
    html = client.get("/me/notifications/").content.decode()
    assert entry.title in html and f"/me/notifications/{entry.pk}/open/" in html
