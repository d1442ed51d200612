from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal import page_cache
from portal.confirmation import confirmation_page, confirmed, moment

from . import calendar, services
from .forms import CatalogFilterForm, categories
from .models import CourseSession, EnrolmentStatus

COURSES_PER_PAGE = 12


def catalog_context(request, index_page):
    """The catalog's filters and one page of courses, each with its upcoming sessions.
    A fixed number of queries whatever the number of courses and sessions."""
    page_cache.depends_on(request, "courses")
    page_cache.fresh_until(request, services.next_session_change)
    form = CatalogFilterForm(request.GET or None, categories=categories())
    courses = services.catalog(services.visible_courses().child_of(index_page), **form.filters())
    page_obj = Paginator(courses, COURSES_PER_PAGE).get_page(request.GET.get("page"))
    services.attach_upcoming_sessions(list(page_obj.object_list))
    return {"filter_form": form, "courses": page_obj}


def course_context(request, course):
    """The course's upcoming sessions with seats left and, for her, her place in each."""
    page_cache.depends_on(request, f"course:{course.pk}")
    sessions = list(services.upcoming_sessions().filter(course=course).order_by("starts_at", "pk"))
    page_cache.fresh_until(request, lambda: services.next_session_change(sessions))
    mine = {}
    if request.user.is_authenticated:
        for enrolment in services.user_enrolments(request.user, [s.pk for s in sessions]):
            enrolment.waitlist_position = services.position_of(enrolment)
            mine[enrolment.session_id] = enrolment
    for session in sessions:
        session.seats_left = services.seats_left(session)
        session.my_enrolment = mine.get(session.pk)
        session.shows_online_link = bool(
            session.my_enrolment and session.my_enrolment.status == EnrolmentStatus.ENROLLED
        )
        session.is_open = session.is_open_for_enrolment()
    return {"sessions": sessions}


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@require_POST
def enrol(request, session_id):
    session = get_object_or_404(CourseSession.objects.select_related("course"), pk=session_id, course__live=True)
    course_url = session.course.get_url(request)
    if not request.user.is_authenticated:
        return redirect_to_login(course_url)
    # A refusal (closed, already enrolled) is a ServiceError: the problem page shows it.
    enrolment = services.enrol(request.user, session.pk)
    if enrolment.status == EnrolmentStatus.ENROLLED:
        messages.success(request, _("You are enrolled. A confirmation email is on its way."))
    elif enrolment.status == EnrolmentStatus.OFFERED:
        messages.success(request, _("A seat is being held for you: accept it on your page."))
    else:
        position = services.position_of(enrolment)
        messages.info(request, _("The session is full. You are number %(position)s on the waitlist.")
                      % {"position": position})
    return redirect(course_url)


def _cancel_wording(enrolment):
    """Title, question, confirm and back labels, and what follows, for her kind of place."""
    session = enrolment.session
    names = {"title": session.course.title, "time": moment(session.starts_at)}
    seat_goes = (_("Your seat is offered to the next person on the waitlist.")
                 if services.people_waiting(session) else _("Your seat becomes free for someone else to take."))
    sign_up_again = _("If you change your mind, you sign up again like anyone else: the session may be full by "
                      "then, and you would join the end of the waitlist.")
    told = _("We send you a message that it is cancelled.")
    if enrolment.status == EnrolmentStatus.WAITLISTED:
        position = services.position_of(enrolment)
        return (_("Leave the waitlist"), _("Leave the waitlist for “%(title)s” on %(time)s?") % names,
                _("Yes, leave the waitlist"), _("Stay on the waitlist"), [
                    _("You give up your place on the waitlist (number %(position)s).") % {"position": position},
                    _("If you join again later, you start at the end of the waitlist."),
                    told,
                ])
    if enrolment.status == EnrolmentStatus.OFFERED:
        return (_("Decline the seat"), _("Decline the seat held for you in “%(title)s” on %(time)s?") % names,
                _("Yes, decline the seat"), _("Keep the offer"), [
                    seat_goes,
                    _("You leave the waitlist as well: you cannot take this seat later."),
                    sign_up_again,
                    told,
                ])
    return (_("Cancel enrolment"), _("Cancel your enrolment in “%(title)s” on %(time)s?") % names,
            _("Yes, cancel my enrolment"), _("Keep my enrolment"), [
                seat_goes,
                sign_up_again,
                told,
            ])


@require_http_methods(["GET", "POST"])
def cancel(request, enrolment_id):
    """Cancel her enrolment, leave the waitlist or decline an offer: a confirmation page
    first (portal/confirmation.py), the change only on the confirming POST."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    dashboard = reverse("dashboard")
    if confirmed(request):
        # A refusal (too late, already cancelled) is a ServiceError: the problem page shows it.
        services.cancel(request.user, enrolment_id)
        messages.success(request, _("Your enrolment is cancelled."))
        return redirect(_safe_next(request, dashboard))
    enrolment = services.own_enrolment(request.user, enrolment_id)  # someone else's: 404
    title, summary, confirm_label, back_label, consequences = _cancel_wording(enrolment)
    back = _safe_next(request, dashboard)
    return confirmation_page(
        request, title=title, summary=summary, confirm_label=confirm_label, back_url=back,
        back_label=back_label, consequences=consequences, hidden={"next": back},
        refusal=services.cancel_refusal(enrolment),
    )


@require_POST
def accept_offer(request, enrolment_id):
    """Taking an offered seat undoes nothing: one tap, no confirmation."""
    dashboard = reverse("dashboard")
    if not request.user.is_authenticated:
        return redirect_to_login(dashboard)
    services.accept_offer(request.user, enrolment_id)
    messages.success(request, _("You have taken the seat. A confirmation email is on its way."))
    return redirect(_safe_next(request, dashboard))


@require_GET
def session_calendar(request, session_id):
    """The session as an .ics file; the online link is in it only for people enrolled."""
    session = get_object_or_404(CourseSession.objects.select_related("course"), pk=session_id, course__live=True)
    filename, body = calendar.download(session, services.confirmed_enrolment(request.user, session))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
