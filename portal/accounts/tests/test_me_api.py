"""GET /api/v1/me: her profile, upcoming course sessions and consultations, and her
applications; never anyone else's; 401 without a session or token; fixed query count."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultants.models import Booking
from consultants.tests.factories import ConsultantFactory, make_booking
from courses.models import CourseCategory, CourseIndexPage, CoursePage, CourseSession, Enrolment
from jobs.models import CV, Application
from jobs.tests.factories import JobPostingFactory
from portal.accounts.models import SeekerProfile

from .factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/me"


@pytest.fixture
def course(home_page):
    catalog = home_page.add_child(instance=CourseIndexPage(title="课程培训", slug="courses"))
    category = CourseCategory.objects.create(name="面试技巧", name_en="Interview skills", slug="interview")
    return catalog.add_child(instance=CoursePage(title="面试技巧实战", slug="c1", summary="模拟面试。",
                                                 category=category, format="offline"))


def session_of(course, days):
    starts = timezone.now() + timedelta(days=days)
    return CourseSession.objects.create(course=course, starts_at=starts, ends_at=starts + timedelta(hours=2),
                                        enrolment_deadline=starts - timedelta(hours=1), venue="活动中心")


def apply(user, job, status=Application.Status.SUBMITTED):
    cv = CV.objects.create(owner=user, original_name="cv.pdf", kind="pdf", size=10, file="cvs/x.pdf")
    return Application.objects.create(seeker=user, job=job, cv=cv, status=status)


def activity(user, course, consultant, n, first=0):
    """n of each: an enrolment ahead, a booking ahead, an application; numbered on from
    `first` so that a second call's bookings never overlap the first's."""
    for k in range(first, first + n):
        Enrolment.objects.create(user=user, session=session_of(course, 5 + k), status="enrolled")
        make_booking(consultant, seeker=user, start=timezone.now() + timedelta(days=3 + k, hours=k))
        apply(user, JobPostingFactory(title=f"岗位{k}"), Application.Status.INTERVIEW)


def test_her_profile_sessions_bookings_and_applications(client, course):
    alice = UserFactory(email="alice@example.com")
    SeekerProfile.objects.create(user=alice, school="武汉大学", major="会计学", city="武汉")
    consultant = ConsultantFactory(display_name="林晓雯")
    enrolment = Enrolment.objects.create(user=alice, session=session_of(course, 7), status="enrolled")
    Enrolment.objects.create(user=alice, session=session_of(course, -7), status="attended")  # over
    Enrolment.objects.create(user=alice, session=session_of(course, 9), status="cancelled")
    booking = make_booking(consultant, seeker=alice, start=timezone.now() + timedelta(days=3))
    make_booking(consultant, seeker=alice, start=timezone.now() + timedelta(days=4), status=Booking.Status.CANCELLED)
    make_booking(consultant, seeker=alice, start=timezone.now() - timedelta(days=4), status=Booking.Status.COMPLETED)
    job = JobPostingFactory(title="财务会计助理")
    application = apply(alice, job, Application.Status.VIEWED)
    # Someone else's activity never appears.
    bob = UserFactory()
    Enrolment.objects.create(user=bob, session=session_of(course, 8), status="enrolled")
    make_booking(consultant, seeker=bob, start=timezone.now() + timedelta(days=5))
    apply(bob, JobPostingFactory(title="别人的岗位"))
    client.force_login(alice)

    body = client.get(URL).json()

    assert body["email"] == "alice@example.com"
    assert body["profile"]["school"] == "武汉大学"
    assert [e["id"] for e in body["enrolments"]] == [enrolment.pk]
    assert body["enrolments"][0]["course"] == "面试技巧实战"
    assert [b["id"] for b in body["bookings"]] == [booking.pk]
    assert body["bookings"][0]["consultant"] == "林晓雯" and body["bookings"][0]["status"] == "confirmed"
    assert "topic" not in body["bookings"][0]
    assert [a["id"] for a in body["applications"]] == [application.pk]
    row = body["applications"][0]
    assert (row["job_title"], row["employer"], row["status"]) == ("财务会计助理", job.employer.name, "viewed")
    assert row["sent_at"] and row["answer_due_at"]
    assert "别人的岗位" not in str(body)


def test_anonymous_gets_401(client):
    response = client.get(URL)
    assert response.status_code == 401
    assert response.json()["code"]


def test_the_schema_documents_the_lists(client):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert {"enrolments", "bookings", "applications"} <= set(schema["MeOut"]["properties"])
    assert "job_title" in schema["MeApplication"]["properties"]


def test_the_query_count_does_not_grow_with_her_activity(client, course, django_assert_max_num_queries):
    alice = UserFactory()
    consultant = ConsultantFactory()
    client.force_login(alice)
    activity(alice, course, consultant, 1)
    with django_assert_max_num_queries(20) as small:
        client.get(URL)
    activity(alice, course, consultant, 6, first=1)
    with django_assert_max_num_queries(len(small.captured_queries)):
        body = client.get(URL).json()
    assert len(body["enrolments"]) == len(body["bookings"]) == len(body["applications"]) == 7
