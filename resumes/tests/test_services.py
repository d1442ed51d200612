import json

from django.template.loader import render_to_string
from django.utils import timezone

from courses.services import attended_courses
from portal.accounts.tests.factories import UserFactory

from .. import services


def test_resume_for_reads_the_resume_and_its_rows_in_two_queries(seeker, make_resume, django_assert_num_queries):
    make_resume(seeker)
    with django_assert_num_queries(2):
        resume = services.resume_for(seeker)
        assert [entry.section for entry in resume.entries.all()] == ["education", "experience"]
    assert services.resume_for(UserFactory()) is None


def test_is_complete_asks_for_name_school_major_degree_and_graduation(seeker, make_resume):
    resume = make_resume(seeker)
    assert services.is_complete(resume)
    for field in ("full_name", "school", "major", "degree"):
        setattr(resume, field, "")
        assert not services.is_complete(resume)
        setattr(resume, field, "x")
    resume.graduation = None
    assert not services.is_complete(resume) and not services.is_complete(None)


def test_attended_courses_lists_only_attended_sessions_in_one_query(seeker, attended, make_course,
                                                                    django_assert_num_queries):
    from courses.models import Enrolment, EnrolmentStatus

    session = attended(seeker, title="简历写作")
    other = make_course(title="只报了名").sessions.get()
    Enrolment.objects.create(session=other, user=seeker, status=EnrolmentStatus.ENROLLED)
    with django_assert_num_queries(1):
        rows = attended_courses(seeker)
    assert rows == [{"title": "简历写作", "date": timezone.localdate(session.starts_at)}]


def test_a_snapshot_keeps_what_was_sent_without_contact(seeker, make_resume, attended):
    resume = make_resume(seeker)
    attended(seeker, title="面试技巧实战")
    stored = json.loads(json.dumps(services.snapshot(resume)))
    assert "xiaoyu@example.com" not in json.dumps(stored, ensure_ascii=False)
    assert "13812345678" not in json.dumps(stored)
    # She edits her résumé afterwards: what the employer reads from the snapshot does not change.
    resume.school = "重庆大学"
    resume.save()
    html = render_to_string("resumes/includes/resume.html", services.render_snapshot_context(stored, None))
    assert "重庆工商大学" in html and "重庆大学" not in html and "面试技巧实战" in html
    assert "xiaoyu@example.com" not in html
    # Once contact may be shown, the same include shows it.
    contact = services.contact_for(resume)
    html = render_to_string("resumes/includes/resume.html", services.render_snapshot_context(stored, contact))
    assert "xiaoyu@example.com" in html and "138 1234 5678" in html


def test_render_context_shows_contact_only_when_asked(seeker, make_resume):
    resume = make_resume(seeker)
    assert services.render_context(resume, show_contact=False)["resume_contact"] is None
    assert services.render_context(resume, show_contact=True)["resume_contact"]["email"] == "xiaoyu@example.com"
