"""下一步 on /me/: the steps each situation brings, from the apps' rules, and /me/'s
query count whatever her activity."""

import datetime
from datetime import timedelta

import pytest
from django.utils import timezone

from consultants.tests.factories import ConsultantFactory, make_booking
from courses.models import CourseCategory, CourseIndexPage, CoursePage
from jobs.models import CV, Application, Interview
from jobs.tests.factories import JobPostingFactory
from portal.accounts.tests.factories import UserFactory
from resumes.models import Resume
from search.models import SavedSearch

pytestmark = pytest.mark.django_db
Status = Application.Status


@pytest.fixture
def seeker(client, home_page):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def interview_course(home_page):
    catalog = home_page.add_child(instance=CourseIndexPage(title="课程培训", slug="courses"))
    category = CourseCategory.objects.create(name="求职准备", name_en="Job readiness", slug="ready")
    catalog.add_child(instance=CoursePage(title="简历写作", slug="cv", summary="写简历。", category=category,
                                          format="offline"))
    return catalog.add_child(instance=CoursePage(title="面试技巧实战", slug="interview", summary="模拟面试。",
                                                 category=category, format="offline"))


def complete_resume(user):
    return Resume.objects.create(user=user, full_name="林小雨", school="重庆工商大学", major="会计学",
                                 degree="bachelor", graduation=datetime.date(2025, 6, 1))


def application(user, status=Status.SUBMITTED, **fields):
    cv = CV.objects.create(owner=user, original_name="cv.pdf", kind="pdf", size=10, file="cvs/x.pdf")
    return Application.objects.create(seeker=user, job=JobPostingFactory(), cv=cv, status=status, **fields)


def steps(client):
    response = client.get("/me/")
    assert response.status_code == 200
    return [(step.url, str(step.text)) for step in response.context["next_steps"]], response.content.decode()


def test_no_resume_asks_for_one(client, seeker):
    found, html = steps(client)
    assert [url for url, _text in found] == ["/me/resume/"]
    assert "你还没有在线简历" in html and "填写简历" in html


def test_an_incomplete_resume_asks_to_complete_it(client, seeker):
    Resume.objects.create(user=seeker, full_name="林小雨")
    found, html = steps(client)
    assert [url for url, _text in found] == ["/me/resume/"]
    assert "完善简历" in html


def test_a_complete_resume_and_no_application_suggests_searching_then_her_saved_search(client, seeker):
    complete_resume(seeker)
    found, _html = steps(client)
    assert [url for url, _text in found] == ["/jobs/"]

    SavedSearch.objects.create(user=seeker, query="会计", filters={"district": ["永川"]})
    found, html = steps(client)
    assert len(found) == 1 and found[0][0].startswith("/jobs/?") and "q=" in found[0][0]
    assert "打开我保存的搜索" in html


def test_an_accepted_interview_ahead_brings_the_interview_course_and_a_career_consultation(
        client, seeker, interview_course):
    complete_resume(seeker)
    app = application(seeker, Status.INTERVIEW)
    Interview.objects.create(application=app, starts_at=timezone.now() + timedelta(days=2), contact_name="王老师",
                             answer=Interview.Answer.ACCEPTED, uid="x")
    found, html = steps(client)
    assert [url for url, _text in found] == [interview_course.url, "/consultants/?specialty=career"]
    assert "面试技巧课程" in html and "预约职业咨询" in html


def test_an_interview_not_accepted_or_past_brings_nothing(client, seeker, interview_course):
    complete_resume(seeker)
    app = application(seeker, Status.INTERVIEW)
    Interview.objects.create(application=app, starts_at=timezone.now() + timedelta(days=2), contact_name="王老师",
                             answer=Interview.Answer.WAITING, uid="x")
    Interview.objects.create(application=app, starts_at=timezone.now() - timedelta(days=2), contact_name="王老师",
                             answer=Interview.Answer.ACCEPTED, uid="y")
    found, html = steps(client)
    assert found == []
    assert "现在没有需要你处理的事" in html


@pytest.mark.parametrize("status, closed_days_ago", [(Status.OFFER, None), (Status.HIRED, 5)])
def test_an_offer_or_a_recent_hire_brings_a_law_consultation_first(client, seeker, status, closed_days_ago):
    closed = timezone.now() - timedelta(days=closed_days_ago) if closed_days_ago else None
    application(seeker, status, closed_at=closed)
    found, html = steps(client)
    assert found[0][0] == "/consultants/?specialty=law"
    assert "预约法律咨询" in html
    assert [url for url, _text in found][1:] == ["/me/resume/"]  # the résumé still comes after


def test_a_hire_long_ago_brings_no_law_consultation(client, seeker):
    complete_resume(seeker)
    application(seeker, Status.HIRED, closed_at=timezone.now() - timedelta(days=60))
    found, _html = steps(client)
    assert found == []


def _activity(user, count):
    consultant = ConsultantFactory()
    for n in range(count):
        app = application(user, [Status.INTERVIEW, Status.OFFER, Status.SUBMITTED][n % 3])
        Interview.objects.create(application=app, starts_at=timezone.now() + timedelta(days=2 + n),
                                 contact_name="王老师", answer=Interview.Answer.ACCEPTED, uid=f"u{n}")
        make_booking(consultant, seeker=user, start=timezone.now() + timedelta(days=1 + n, hours=n))
        SavedSearch.objects.create(user=user, query=f"岗位{n}")


def test_me_query_count_does_not_grow_with_her_activity(client, seeker, interview_course,
                                                        django_assert_max_num_queries):
    complete_resume(seeker)
    _activity(seeker, 1)
    with django_assert_max_num_queries(80) as small:
        client.get("/me/")
    _activity(seeker, 6)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/me/")
