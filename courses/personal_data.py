"""Her enrolments in her data export, and what erasing her account does to them
(portal/privacy calls both through courses.services): her future enrolments are
cancelled the way she would cancel them (the seat goes to the waitlist); past ones
stay, with no more than their session and status, for attendance figures."""

from django.utils import timezone

from .models import ACTIVE_STATUSES, Enrolment


def personal_data(user):
    enrolments = (Enrolment.objects.filter(user=user).select_related("session__course")
                  .order_by("session__starts_at", "pk"))
    return {"name": "courses", "records": {"enrolments": [
        {"course": enrolment.session.course.title, "session_starts_at": enrolment.session.starts_at.isoformat(),
         "venue": enrolment.session.venue, "status": enrolment.status, "enrolled_at": enrolment.created_at.isoformat(),
         "cancelled_at": enrolment.cancelled_at.isoformat() if enrolment.cancelled_at else None}
        for enrolment in enrolments]}, "files": []}


def erase_personal_data(user):
    from .services import cancel

    future = Enrolment.objects.filter(user=user, status__in=ACTIVE_STATUSES, session__starts_at__gt=timezone.now())
    for enrolment_id in future.values_list("pk", flat=True):
        cancel(user, enrolment_id)
