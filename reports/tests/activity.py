"""Known activity for the statistics' tests: three graduates from two schools and districts,
each doing known things (reports/tests/test_statistics.py checks the figures it gives)."""

from datetime import timedelta

from django.utils import timezone

from consultants.models import Booking
from consultants.tests.factories import ConsultantFactory
from courses.models import CourseCategory, CourseIndexPage, CoursePage, CourseSession, Enrolment
from jobs import applications, placements
from jobs.models import Placement
from jobs.tests.factories import EmployerMemberFactory, JobPostingFactory, pdf_upload
from portal.accounts.models import SeekerProfile
from portal.accounts.tests.factories import UserFactory


def graduate(school, city):
    user = UserFactory()
    SeekerProfile.objects.create(user=user, school=school, city=city)
    return user


def seed(home_page):
    """Three graduates from two schools and districts, each doing known things."""
    a = graduate("重庆文理学院", "永川")
    b = graduate("重庆文理学院", "永川")
    c = graduate("重庆大学", "渝中")
    # Courses: a attended, b did not come, c cancelled (not an enrolment that counts).
    index = home_page.add_child(instance=CourseIndexPage(title="课程", slug="courses"))
    category = CourseCategory.objects.create(name="面试技巧", name_en="Interview skills", slug="interview")
    course = index.add_child(instance=CoursePage(title="面试技巧", slug="interview", summary="结构化面试。",
                                                 category=category, format="offline"))
    held = timezone.now() - timedelta(days=3)
    session = CourseSession.objects.create(course=course, starts_at=held, ends_at=held + timedelta(hours=2),
                                           capacity=10)
    for user, status in ((a, "attended"), (b, "no_show"), (c, "cancelled")):
        Enrolment.objects.create(session=session, user=user, status=status)
    # Consultations: a law one attended, a psychology one missed, one cancelled.
    consultant = ConsultantFactory()
    for number, (user, topic, status) in enumerate(((a, "labour_contract", "completed"), (b, "stress", "no_show"),
                                                   (c, "stress", "cancelled"))):
        start = timezone.now() - timedelta(days=2, hours=number * 2)
        Booking.objects.create(consultant=consultant, seeker=user, start=start, end=start + timedelta(minutes=50),
                               mode="online", topic_code=topic, status=status)
    # Applications: a and b hired (a confirms, b does not), c's unanswered.
    for user in (a, b, c):
        job = JobPostingFactory()
        member = EmployerMemberFactory(employer=job.employer)
        application = applications.apply(job.pk, user, upload=pdf_upload())
        if user is not c:
            applications.decide(application.pk, member.user, "offer")
            applications.decide(application.pk, member.user, "hired")
    placements.confirm(Placement.objects.get(application__seeker=a).pk, a)
    return a, b, c
