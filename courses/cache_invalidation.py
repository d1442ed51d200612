"""Which cached pages a change of seats makes stale (portal/page_cache.py).

A course page shows its sessions' seats (`course:<page id>`); the catalogue and
the home page show the next session of each course and its seats (`courses`).
Enrolling, cancelling, waitlist offers and a session's capacity all write an
Enrolment or a CourseSession row; the one bulk update that does not pass through
save() (offers running out, services._pass_on_seats) calls `seats_changed` itself."""

from django.db.models.signals import post_delete, post_save

from portal import page_cache


def seats_changed(course_id):
    page_cache.invalidate(f"course:{course_id}", "courses")


def _session_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        seats_changed(instance.course_id)


def _enrolment_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .models import CourseSession, Enrolment

    if Enrolment.session.is_cached(instance):  # the services load it: no query then
        course_id = instance.session.course_id
    else:
        course_id = CourseSession.objects.filter(pk=instance.session_id).values_list("course_id", flat=True).first()
    if course_id is not None:
        seats_changed(course_id)


def connect():
    from .models import CourseSession, Enrolment

    for signal in (post_save, post_delete):
        signal.connect(_session_changed, sender=CourseSession, dispatch_uid=f"page_cache.session.{id(signal)}")
        signal.connect(_enrolment_changed, sender=Enrolment, dispatch_uid=f"page_cache.enrolment.{id(signal)}")
