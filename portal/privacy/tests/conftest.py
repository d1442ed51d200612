"""A graduate with something in every section of her data: profile, résumé, a future
enrolment, a future booking with intake, a hired application with a CV and its
placement, a favourite, a saved search, a notification, an access record."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultants import services as consultant_services
from consultants.tests.factories import ConsultantFactory, local_slot
from courses import services as course_services
from courses.models import CourseCategory, CourseIndexPage, CoursePage, CourseSession
from jobs import applications, favourites
from jobs.models import Application
from jobs.tests.factories import EmployerMemberFactory, JobPostingFactory, pdf_upload
from portal.accounts.access import record_access
from portal.accounts.models import AccessRecord, PrivacyConsent, SeekerProfile
from portal.accounts.tests.factories import UserFactory
from resumes.models import Resume
from search.services import save_search


@pytest.fixture
def seeded(home_page):
    user = UserFactory(display_name="林小雨", phone="+8613812345678", phone_verified=True)
    PrivacyConsent.objects.create(user=user, notice_version="2024-04")
    SeekerProfile.objects.create(user=user, school="重庆文理学院", major="会计学", city="永川", degree="bachelor")
    Resume.objects.create(user=user, full_name="林小雨", school="重庆文理学院", major="会计学", degree="bachelor",
                          graduation=timezone.localdate().replace(day=1), statement="细心负责。",
                          contact_email="xiaoyu@example.com")
    catalog = home_page.add_child(instance=CourseIndexPage(title="课程培训", slug="courses"))
    category = CourseCategory.objects.create(name="面试技巧", name_en="Interview skills", slug="interview")
    course = catalog.add_child(instance=CoursePage(title="面试技巧实战", slug="mianshi", summary="模拟面试。",
                                                   category=category, format="offline"))
    starts = timezone.now() + timedelta(days=10)
    session = CourseSession.objects.create(course=course, starts_at=starts, ends_at=starts + timedelta(hours=2),
                                           capacity=5, venue="妇女儿童活动中心")
    enrolment = course_services.enrol(user, session.pk)
    consultant = ConsultantFactory(display_name="王律师", specialty_codes=["law"])
    booking = consultant_services.book(user, consultant.pk, local_slot(consultant, 3, 10), "online",
                                       topic="劳动合同试用期", description="试用期工资是否合法？", topic_code="other")
    job = JobPostingFactory()
    member = EmployerMemberFactory(employer=job.employer)
    application = applications.apply(job.pk, user, note="期待加入贵公司。", upload=pdf_upload(), with_resume=True)
    applications.decide(application.pk, member.user, "offer", message="欢迎。")
    applications.decide(application.pk, member.user, "hired")
    application.refresh_from_db()
    favourite_job = JobPostingFactory(title="出纳")
    favourites.add(user, favourite_job.pk)
    saved = save_search(user, {"q": "会计"})
    record_access(user, member.user, AccessRecord.What.CV, context=f"application {application.pk}")
    assert application.status == Application.Status.HIRED
    return {"user": user, "enrolment": enrolment, "booking": booking, "consultant": consultant,
            "application": application, "member": member, "favourite_job": favourite_job, "saved": saved,
            "job": job}
