"""The rules of enrolment, shared by the pages, the API, the admin and the tasks.

Every change to a session's enrolments runs inside transaction.atomic() with the
session row locked (select_for_update): two requests for the last seat are
served one after the other, so capacity is never exceeded and the waitlist
keeps one order. On SQLite the database-wide write lock serialises them.
"""

from datetime import datetime, time, timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobs.services import seeker_situation
from portal import offers, page_cache
from portal.accounts.statistics import grouped
from portal.errors import Conflict, NotFound
from portal.next_steps import SOON, Step
from portal.pages.visibility import public

from . import cache_invalidation, notifications
from .models import (
    ACTIVE_STATUSES,
    CONFIRMED_STATUSES,
    SEAT_STATUSES,
    CoursePage,
    CourseSession,
    Enrolment,
    EnrolmentStatus,
)


def offer_window():
    """How long a waitlisted person has to accept a freed seat (settings, default 24 h)."""
    return timedelta(hours=settings.COURSES_OFFER_WINDOW_HOURS)


# --- Reading -------------------------------------------------------------------------------------------------


def with_seats(sessions):
    """Annotate sessions with `seats_taken` (one subquery, no query per row)."""
    taken = (
        Enrolment.objects.filter(session=OuterRef("pk"), status__in=SEAT_STATUSES)
        .order_by().values("session").annotate(n=Count("pk")).values("n")
    )
    return sessions.annotate(seats_taken=Coalesce(Subquery(taken), Value(0)))


def seats_left(session):
    taken = getattr(session, "seats_taken", None)
    if taken is None:
        taken = session.enrolments.filter(status__in=SEAT_STATUSES).count()
    return max(0, session.capacity - taken)


def upcoming_sessions(now=None):
    return with_seats(CourseSession.objects.filter(starts_at__gt=now or timezone.now()))


def next_session_change(sessions=None, now=None):
    """When a list of sessions changes with the clock alone: the next start (it leaves
    the upcoming list) or enrolment deadline (its form closes). Of `sessions`, or of
    every upcoming session; None when nothing is ahead. Bounds cached pages."""
    now = now or timezone.now()
    if sessions is None:
        found = CourseSession.objects.filter(starts_at__gt=now).aggregate(
            start=Min("starts_at"), deadline=Min("enrolment_deadline", filter=Q(enrolment_deadline__gt=now)))
        moments = found.values()
    else:
        moments = [moment for session in sessions for moment in (session.starts_at, session.enrolment_deadline)]
    return min((moment for moment in moments if moment is not None and moment > now), default=None)


def visible_courses():
    return public(CoursePage.objects.live()).select_related("category")


def course_count():
    """How many courses the catalogue lists (the home page counter)."""
    return visible_courses().count()


def filter_courses(courses, category=None, format=None, date_from=None, date_to=None, free_seats=False):
    """Courses matching the catalog's filters. Dates are local (Asia/Shanghai) calendar days."""
    if category:
        courses = courses.filter(category__slug=category)
    if format:
        courses = courses.filter(format=format)
    if date_from or date_to or free_seats:
        sessions = upcoming_sessions().filter(course=OuterRef("pk"))
        if date_from:
            sessions = sessions.filter(starts_at__gte=_local_midnight(date_from))
        if date_to:
            sessions = sessions.filter(starts_at__lt=_local_midnight(date_to + timedelta(days=1)))
        if free_seats:
            sessions = sessions.filter(capacity__gt=F("seats_taken"))
        courses = courses.filter(Exists(sessions))
    return courses


def catalog(courses, **filters):
    """Filtered courses, soonest next session first (courses without one last)."""
    next_start = upcoming_sessions().filter(course=OuterRef("pk")).order_by("starts_at").values("starts_at")[:1]
    return (
        filter_courses(courses, **filters)
        .annotate(next_start=Subquery(next_start))
        .order_by(F("next_start").asc(nulls_last=True), "title", "pk")
    )


def _local_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def attach_upcoming_sessions(courses):
    """Give each course (a list, e.g. one page of the catalog) `upcoming` (its upcoming
    sessions with seats) and `next_session`, in one query for all of them."""
    by_course = {course.pk: course for course in courses}
    for course in courses:
        course.upcoming = []
    for session in upcoming_sessions().filter(course_id__in=by_course).order_by("starts_at", "pk"):
        session.seats_left = seats_left(session)
        by_course[session.course_id].upcoming.append(session)
    for course in courses:
        course.next_session = course.upcoming[0] if course.upcoming else None
    return courses


def waitlist_positions(enrolments):
    """Annotate enrolments with `people_ahead` on their session's waitlist (see position_of)."""
    line = Enrolment.objects.filter(session=OuterRef("session"), status=EnrolmentStatus.WAITLISTED)
    return enrolments.annotate(people_ahead=offers.people_ahead(line, "session"))


def position_of(enrolment):
    if enrolment.status != EnrolmentStatus.WAITLISTED:
        return None
    annotated = getattr(enrolment, "people_ahead", None)
    if annotated is None:
        annotated = waitlist_positions(Enrolment.objects.filter(pk=enrolment.pk)).get().people_ahead
    return annotated + 1


def user_enrolments(user, session_ids=None):
    """Her active enrolments (all of them, or those in the given sessions), with waitlist positions."""
    enrolments = Enrolment.objects.filter(user=user, status__in=ACTIVE_STATUSES)
    if session_ids is not None:
        enrolments = enrolments.filter(session_id__in=session_ids)
    return waitlist_positions(enrolments)


def attended_courses(user):
    """The sessions she attended, newest first, as {"title", "date"} (her local date):
    the certificates the online résumé lists by itself. One query."""
    rows = (
        Enrolment.objects.filter(user=user, status=EnrolmentStatus.ATTENDED)
        .order_by("-session__starts_at", "-pk")
        .values_list("session__course__title", "session__starts_at")
    )
    return [{"title": title, "date": timezone.localdate(starts_at)} for title, starts_at in rows]


def confirmed_enrolment(user, session):
    """Her enrolment with a seat in the session (she may see its online link), or None."""
    if not user.is_authenticated:
        return None
    enrolment = Enrolment.objects.filter(session=session, user=user, status__in=CONFIRMED_STATUSES).first()
    if enrolment is not None:
        enrolment.session = session
    return enrolment


# --- Changing ------------------------------------------------------------------------------------------------


def _locked_session(session_id, published_only=True):
    """The session, locked until the transaction ends. Participants reach only
    sessions of published courses; staff (the roster) reach all."""
    sessions = CourseSession.objects.select_for_update(of=("self",)).select_related("course").filter(pk=session_id)
    if published_only:
        sessions = sessions.filter(course__live=True)
    session = sessions.first()
    if session is None:
        raise NotFound("not_found", _("This session does not exist."))
    return session


def _own_enrolment(user, enrolment_id):
    """Her enrolment with its session locked. Someone else's is reported as not found."""
    session_id = Enrolment.objects.filter(pk=enrolment_id, user=user).values_list("session_id", flat=True).first()
    if session_id is None:
        raise NotFound("not_found", _("This enrolment does not exist."))
    session = _locked_session(session_id)
    enrolment = Enrolment.objects.select_related("user").get(pk=enrolment_id)
    enrolment.session = session
    return enrolment


def _set_status(enrolment, status, **fields):
    """Change her enrolment's status; every change moves its calendar event on."""
    enrolment.status = status
    enrolment.sequence += 1
    for name, value in fields.items():
        setattr(enrolment, name, value)
    enrolment.save(update_fields=["status", "sequence", *fields])


def enrol(user, session_id):
    """Enrol her in the session, or put her on its waitlist when it is full.

    Raises NotFound for an unknown or unpublished session, Conflict when it is
    closed (started, past its deadline) or she is already on it."""
    with transaction.atomic():
        session = _locked_session(session_id)
        now = timezone.now()
        if not session.is_open_for_enrolment(now):
            raise Conflict("closed", _("Enrolment for this session has closed."))
        if Enrolment.objects.filter(session=session, user=user, status__in=ACTIVE_STATUSES).exists():
            raise Conflict("already_enrolled", _("You are already signed up for this session."))
        waiting = Enrolment.objects.filter(session=session, status=EnrolmentStatus.WAITLISTED).exists()
        # Nobody jumps the queue: while people wait, a newcomer waits behind them.
        status = EnrolmentStatus.WAITLISTED if waiting or seats_left(session) == 0 else EnrolmentStatus.ENROLLED
        try:
            with transaction.atomic():
                enrolment = Enrolment.objects.create(
                    session=session, user=user, status=status, created_at=now,
                )
        except IntegrityError as exc:  # the unique constraint, should the check above ever be bypassed
            raise Conflict("already_enrolled", _("You are already signed up for this session.")) from exc
        if status == EnrolmentStatus.ENROLLED:
            notifications.confirmation(enrolment)
        else:
            offer_free_seats(session)
            enrolment.refresh_from_db()
    return enrolment


def own_enrolment(user, enrolment_id):
    """Her enrolment with its session and course, to read (the confirmation page). Someone
    else's, or one in an unpublished course, is reported as not found."""
    enrolment = (
        Enrolment.objects.select_related("session__course")
        .filter(pk=enrolment_id, user=user, session__course__live=True).first()
    )
    if enrolment is None:
        raise NotFound("not_found", _("This enrolment does not exist."))
    return enrolment


def cancel_refusal(enrolment, now=None):
    """The Conflict a cancel of this enrolment meets now, or None when it may be cancelled."""
    if enrolment.status == EnrolmentStatus.CANCELLED:
        return Conflict("already_cancelled", _("This enrolment is already cancelled."))
    if (enrolment.session.has_started(now)
            or enrolment.status in (EnrolmentStatus.ATTENDED, EnrolmentStatus.NO_SHOW)):
        return Conflict("too_late", _("This session has already started and can no longer be cancelled."))
    return None


def people_waiting(session):
    """Whether anyone is on the session's waitlist (a freed seat then goes to the first of them)."""
    return session.enrolments.filter(status=EnrolmentStatus.WAITLISTED).exists()


def cancel(user, enrolment_id):
    """Cancel her enrolment (or leave the waitlist, or decline an offer) before the session starts."""
    with transaction.atomic():
        enrolment = _own_enrolment(user, enrolment_id)
        session = enrolment.session
        refusal = cancel_refusal(enrolment)
        if refusal is not None:
            raise refusal
        held_seat = enrolment.status in SEAT_STATUSES
        had_calendar_event = enrolment.status in CONFIRMED_STATUSES
        _set_status(enrolment, EnrolmentStatus.CANCELLED, cancelled_at=timezone.now())
        notifications.cancellation(enrolment, had_seat=had_calendar_event)
        if held_seat:
            offer_free_seats(session)
    return enrolment


def accept_offer(user, enrolment_id):
    """Take the seat she was offered, while the offer lasts."""
    with transaction.atomic():
        enrolment = _own_enrolment(user, enrolment_id)
        if enrolment.status != EnrolmentStatus.OFFERED:
            raise Conflict("no_offer", _("There is no open seat offer on this enrolment."))
        if enrolment.offer_expires_at <= timezone.now():
            raise Conflict("offer_expired", _("This offer has expired and the seat has passed to the next person."))
        _set_status(enrolment, EnrolmentStatus.ENROLLED)
        notifications.confirmation(enrolment)
    return enrolment


def offer_free_seats(session, now=None):
    """Offer each free seat to the next person on the waitlist, until the window
    closes or the session starts. Call with the session locked."""
    now = now or timezone.now()
    line = Enrolment.objects.filter(session=session, status=EnrolmentStatus.WAITLISTED).select_related("user")
    return offers.offer_next(line, seats_left(session), window=offer_window(), now=now, latest=session.starts_at,
                             offer=partial(_offer_seat, session, now))


def _offer_seat(session, now, enrolment, until):
    enrolment.session = session
    _set_status(enrolment, EnrolmentStatus.OFFERED, offered_at=now, offer_expires_at=until)
    notifications.offer(enrolment)


def expire_offers(now=None):
    """Cancel offers whose time ran out and pass their seats on; also offer seats that
    freed up otherwise (an editor raised the capacity). Safe to run twice."""
    now = now or timezone.now()
    waiting = Enrolment.objects.filter(status=EnrolmentStatus.WAITLISTED, session__starts_at__gt=now)
    return offers.expire(
        Enrolment.objects.filter(status=EnrolmentStatus.OFFERED), now, owner="session",
        also=waiting.values_list("session_id", flat=True),
        lock=lambda pk: CourseSession.objects.select_for_update().get(pk=pk),
        pass_on=partial(_pass_on_seats, now=now),
    )


def _pass_on_seats(session, ran_out, now):
    Enrolment.objects.filter(pk__in=[enrolment.pk for enrolment in ran_out]).update(
        status=EnrolmentStatus.CANCELLED, cancelled_at=now, sequence=F("sequence") + 1)
    cache_invalidation.seats_changed(session.course_id)  # update() sends no signal
    offer_free_seats(session, now)


def send_reminders(now=None):
    """Remind everyone enrolled in a session that starts within 24 hours, once."""
    now = now or timezone.now()
    due = Enrolment.objects.filter(
        status=EnrolmentStatus.ENROLLED, reminded_at__isnull=True,
        session__starts_at__gt=now, session__starts_at__lte=now + timedelta(hours=24),
    ).select_related("user", "session__course")
    sent = 0
    for enrolment in due:
        with transaction.atomic():
            # Claim the row first: a second run at the same moment updates nothing and sends nothing.
            claimed = Enrolment.objects.filter(pk=enrolment.pk, reminded_at__isnull=True).update(reminded_at=now)
            if claimed and notifications.reminder(enrolment):
                sent += 1
    return sent


def set_attendance(session, enrolment_id, attended):
    """Staff record whether an enrolled person came (from the admin roster)."""
    with transaction.atomic():
        session = _locked_session(session.pk, published_only=False)
        enrolment = Enrolment.objects.filter(
            pk=enrolment_id, session=session,
            status__in=CONFIRMED_STATUSES,
        ).first()
        if enrolment is None:
            raise NotFound("not_found", _("This person is not enrolled in this session."))
        _set_status(enrolment, EnrolmentStatus.ATTENDED if attended else EnrolmentStatus.NO_SHOW)
    return enrolment


def roster(session):
    return (
        session.enrolments.exclude(status=EnrolmentStatus.CANCELLED)
        .select_related("user").order_by("created_at", "pk")
    )


# --- Site shell slots --------------------------------------------------------------------------------------


def featured_courses(request, limit=3):
    """The home page's featured-courses slot: the courses with the soonest sessions."""
    from portal.pages.templatetags.portal_tags import localized_path

    page_cache.depends_on(request, "courses")
    page_cache.fresh_until(request, next_session_change)
    courses = list(catalog(visible_courses()).filter(next_start__isnull=False)[:limit])
    if not courses:
        return None
    return {
        "key": "courses",
        "title": _("Upcoming courses"),
        "items": attach_upcoming_sessions(courses),
        "card_template": "courses/includes/course_card.html",
        "more_url": localized_path("/courses/"),
        "more_label": _("All courses"),
    }


def dashboard_section(request):
    """Her enrolments on /me/: status, waitlist position, offers to accept, cancel buttons.
    The template reads them as `section.course_enrolments`."""
    if not request.user.is_authenticated:
        return None
    enrolments = list(
        user_enrolments(request.user)
        .filter(session__ends_at__gt=timezone.now())
        .select_related("session__course")
        .order_by("session__starts_at", "pk")
    )
    for enrolment in enrolments:
        enrolment.waitlist_position = position_of(enrolment)
    return {"template": "courses/includes/dashboard_section.html", "course_enrolments": enrolments}


# The course /me/ suggests before an interview: one whose title has this word.
INTERVIEW_COURSE_WORD = "面试"


def course_titled(word):
    """A visible course whose title contains `word`, the one starting soonest, or None."""
    return visible_courses().filter(title__icontains=word).order_by("path").first()


def next_steps(request):
    """An interview she accepted is ahead: the interview-skills course prepares her."""
    if not seeker_situation(request.user)["interview_ahead"]:
        return []
    course = course_titled(INTERVIEW_COURSE_WORD)
    if course is None:
        return []
    return [Step(SOON, _("You accepted an interview: the interview-skills course helps you prepare."),
                 course.get_url(request), _("See the course"))]


def upcoming_enrolments_for(user, now=None):
    """Her enrolments in sessions not over yet, as plain dicts for GET /api/v1/me (one query)."""
    rows = (Enrolment.objects.filter(user=user, status__in=ACTIVE_STATUSES, session__ends_at__gt=now or timezone.now())
            .order_by("session__starts_at", "pk")
            .values("pk", "status", "session_id", "session__course__title", "session__starts_at", "session__ends_at"))
    return [{"id": row["pk"], "status": row["status"], "session_id": row["session_id"],
             "course": row["session__course__title"], "starts_at": row["session__starts_at"],
             "ends_at": row["session__ends_at"]} for row in rows]


def personal_data(user):
    """Her part of her data export (portal/privacy, PERSONAL_DATA_PROVIDERS)."""
    from .personal_data import personal_data as collect

    return collect(user)


def erase_personal_data(user):
    from .personal_data import erase_personal_data as erase

    return erase(user)


def enrolment_figures(start, end, by):
    """The federation's statistics (reports/figures.py): enrolments in sessions held in
    [start, end) and how many attended, per month of the session or the graduate's
    district or school. One grouped query."""
    queryset = Enrolment.objects.filter(session__starts_at__gte=start, session__starts_at__lt=end).exclude(
        status__in=[EnrolmentStatus.CANCELLED, EnrolmentStatus.WAITLISTED])
    return grouped(queryset, by, "session__starts_at", "user", enrolments=Count("pk"),
                   attended=Count("pk", filter=Q(status=EnrolmentStatus.ATTENDED)))
