from datetime import timedelta

from django.utils import timezone

from .. import services
from ..models import CourseCategory, Enrolment


def test_list_and_filter_courses(client, make_course):
    online = CourseCategory.objects.create(name="职场礼仪", slug="etiquette")
    make_course(title="面试技巧实战", capacity=3)
    make_course(title="职场礼仪入门", category_=online, format="online", starts_in=timedelta(days=30))
    data = client.get("/api/v1/courses").json()
    assert data["total"] == 2
    first = data["results"][0]
    assert first["title"] == "面试技巧实战"
    assert first["next_session"]["seats_left"] == 3
    assert first["category"] == "interview"
    assert [c["title"] for c in client.get("/api/v1/courses?category=etiquette&format=online").json()["results"]] \
        == ["职场礼仪入门"]
    later = (timezone.localdate() + timedelta(days=20)).isoformat()
    assert client.get(f"/api/v1/courses?from={later}").json()["total"] == 1


def test_bad_query_is_400_with_fields(client, db):
    response = client.get("/api/v1/courses?from=yesterday&format=circus")
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} >= {"from", "format"}


def test_course_detail(client, make_course):
    course = make_course(sessions=2)
    data = client.get(f"/api/v1/courses/{course.pk}").json()
    assert len(data["sessions"]) == 2
    assert client.get(f"/api/v1/courses/{course.pk + 99}").status_code == 404
    course.unpublish()
    assert client.get(f"/api/v1/courses/{course.pk}").status_code == 404


def test_enrol_waitlist_and_cancel(client, session, user, make_user):
    url = f"/api/v1/sessions/{session.pk}/enrolments"
    assert client.post(url).status_code == 401
    for _ in range(2):
        services.enrol(make_user(), session.pk)
    client.force_login(user)
    response = client.post(url)
    assert response.status_code == 201
    assert response.json()["status"] == "waitlisted" and response.json()["waitlist_position"] == 1
    again = client.post(url)
    assert again.status_code == 409 and again.json()["code"] == "already_enrolled"
    assert client.post("/api/v1/sessions/999999/enrolments").status_code == 404
    assert client.post("/api/v1/sessions/abc/enrolments").status_code == 400

    enrolment_id = response.json()["id"]
    stranger = client.__class__()
    stranger.force_login(make_user())
    assert stranger.delete(f"/api/v1/enrolments/{enrolment_id}").status_code == 404
    cancelled = client.delete(f"/api/v1/enrolments/{enrolment_id}")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert client.delete(f"/api/v1/enrolments/{enrolment_id}").status_code == 409


def test_enrolling_in_a_past_session_is_a_conflict(client, session, user):
    session.starts_at = timezone.now() - timedelta(days=1)
    session.ends_at = session.starts_at + timedelta(hours=2)
    session.save()
    client.force_login(user)
    response = client.post(f"/api/v1/sessions/{session.pk}/enrolments")
    assert response.status_code == 409 and response.json()["code"] == "closed"
    assert not Enrolment.objects.exists()
