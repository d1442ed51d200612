"""Staff views in the Wagtail admin: upcoming sessions, each session's roster
with attendance controls, and the roster as CSV. Only people who may change
enrolments (Editors, Moderators, superusers) get in."""

import csv
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from portal.errors import ServiceError

from . import services
from .models import CONFIRMED_STATUSES, CourseSession

PERMISSION = "courses.change_enrolment"


def may_manage_rosters(user):
    return user.has_perm(PERMISSION)


def _require_permission(view):
    def wrapped(request, *args, **kwargs):
        if not may_manage_rosters(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@_require_permission
@require_GET
def session_list(request):
    """Sessions from a week ago on, soonest first, with how many people are enrolled."""
    sessions = services.with_seats(
        CourseSession.objects.filter(starts_at__gte=timezone.now() - timedelta(days=7)).select_related("course")
    ).order_by("starts_at", "pk")[:200]
    return TemplateResponse(request, "courses/admin/session_list.html", {
        "page_title": _("Course rosters"), "header_icon": "group", "sessions": sessions,
    })


@_require_permission
@require_http_methods(["GET", "POST"])
def roster(request, session_id):
    session = get_object_or_404(CourseSession.objects.select_related("course"), pk=session_id)
    if request.method == "POST":
        choice = request.POST.get("attendance")
        if choice not in ("attended", "no_show"):
            messages.error(request, _("Choose attended or did not attend."))
        else:
            try:
                enrolment = services.set_attendance(session, request.POST.get("enrolment"), choice == "attended")
            except (ServiceError, ValueError):
                messages.error(request, _("This person is not enrolled in this session."))
            else:
                messages.success(request, _("Attendance saved for %(person)s.") % {"person": enrolment.user})
        return redirect("courses_roster", session_id=session.pk)
    return TemplateResponse(request, "courses/admin/roster.html", {
        "page_title": _("Roster"), "page_subtitle": str(session), "header_icon": "group",
        "session": session, "enrolments": services.roster(session), "confirmed_statuses": CONFIRMED_STATUSES,
    })


@_require_permission
@require_GET
def roster_csv(request, session_id):
    session = get_object_or_404(CourseSession.objects.select_related("course"), pk=session_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="roster-session-{session.pk}.csv"'
    # A byte-order mark lets spreadsheet programs read the Chinese names as UTF-8.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("Name"), _("Email"), _("Status"), _("Signed up at")])
    for enrolment in services.roster(session):
        writer.writerow([
            _csv_safe(enrolment.user.get_full_name()), enrolment.user.email, enrolment.get_status_display(),
            timezone.localtime(enrolment.created_at).strftime("%Y-%m-%d %H:%M"),
        ])
    return response


def _csv_safe(text):
    """Defuse a name starting with =, +, - or @, which a spreadsheet would run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
