import datetime

import pytest

from courses.models import Enrolment, EnrolmentStatus

# The courses app's fixtures, so a test can attend a real course session.
from courses.tests.conftest import catalog, category, make_course  # noqa: F401
from portal.accounts.tests.factories import UserFactory

from ..models import Resume, ResumeEntry


@pytest.fixture
def seeker(db):
    return UserFactory(display_name="林小雨", phone="+8613812345678", phone_verified=True)


@pytest.fixture
def make_resume():
    def make(user, **fields):
        values = {
            "full_name": "林小雨", "school": "重庆工商大学", "major": "会计学", "degree": "bachelor",
            "graduation": datetime.date(2025, 6, 1), "statement": "认真细致，熟悉财务软件。",
            "skills": ["Excel", "用友财务软件"], "languages": [{"name": "英语", "level": "working"}],
            "certificates": ["初级会计职称"], "desired_job_types": ["full_time"], "desired_districts": ["永川"],
            "salary_min": 4000, "salary_max": 6000, "contact_phone": "+8613812345678",
            "contact_email": "xiaoyu@example.com", **fields,
        }
        resume = Resume.objects.create(user=user, **values)
        ResumeEntry.objects.create(resume=resume, section="education", organisation="重庆工商大学", role="会计学",
                                   start=datetime.date(2021, 9, 1), end=datetime.date(2025, 6, 1))
        ResumeEntry.objects.create(resume=resume, section="experience", kind="internship",
                                   organisation="永川区某会计师事务所", role="审计助理",
                                   start=datetime.date(2024, 7, 1), end=datetime.date(2024, 8, 1),
                                   description="整理凭证，协助年报审计。")
        return resume

    return make


@pytest.fixture
def attended(request):
    """Make `user` attend a session of a course titled `title` (a past session, status ATTENDED)."""
    make = request.getfixturevalue("make_course")

    def attend(user, title="面试技巧实战"):
        course = make(title=title, starts_in=datetime.timedelta(days=-10))
        session = course.sessions.get()
        Enrolment.objects.create(session=session, user=user, status=EnrolmentStatus.ATTENDED)
        return session

    return attend
