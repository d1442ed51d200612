"""Courses in the JSON API: the catalog, one course, enrol, cancel, accept an offer.
The rules are those of services.py, the same as the pages'."""

from datetime import date, datetime

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field, model_validator

from portal.api import AUTH, errors
from portal.errors import NotFound

from . import services
from .models import CourseFormat

router = Router(tags=["courses"])
PER_PAGE = 20


class CourseFilters(Schema):
    category: str | None = Field(default=None, max_length=60, description="category slug")
    format: CourseFormat | None = None
    from_: date | None = Field(default=None, alias="from",
                               description="sessions on or after this local date (YYYY-MM-DD, years 2000–2100)")
    to: date | None = Field(default=None,
                            description="sessions on or before this local date; not before `from` (400 otherwise)")
    free: bool = Field(default=False, description="only courses with a session that has free seats")
    page: int = Field(default=1, ge=1, le=10_000)

    @model_validator(mode="after")
    def dates_in_order(self):
        if self.from_ and self.to and self.to < self.from_:
            raise ValueError("'to' must not be before 'from'")
        return self


class SessionOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    venue: str
    capacity: int
    seats_left: int
    enrolment_deadline: datetime
    open_for_enrolment: bool
    calendar_url: str


class CourseOut(Schema):
    id: int
    title: str
    category: str
    category_name: str
    format: str
    summary: str
    url: str
    next_session: SessionOut | None
    sessions: list[SessionOut]


class CourseList(Schema):
    total: int
    page: int
    pages: int
    results: list[CourseOut]


class EnrolmentOut(Schema):
    id: int
    session_id: int
    status: str
    waitlist_position: int | None
    offer_expires_at: datetime | None


def _session_out(session):
    return {
        "id": session.pk, "starts_at": session.starts_at, "ends_at": session.ends_at, "venue": session.venue,
        "capacity": session.capacity, "seats_left": session.seats_left,
        "enrolment_deadline": session.closes_at, "open_for_enrolment": session.is_open_for_enrolment(),
        "calendar_url": reverse("courses:session_calendar", args=[session.pk]),
    }


def _course_out(request, course):
    sessions = [_session_out(s) for s in course.upcoming]
    return {
        "id": course.pk, "title": course.title, "category": course.category.slug,
        "category_name": course.category.label, "format": course.format, "summary": course.summary,
        "url": course.get_url(request) or "", "next_session": sessions[0] if sessions else None,
        "sessions": sessions,
    }


def _enrolment_out(enrolment):
    return {
        "id": enrolment.pk, "session_id": enrolment.session_id, "status": enrolment.status,
        "waitlist_position": services.position_of(enrolment), "offer_expires_at": enrolment.offer_expires_at,
    }


@router.get("/courses", response=CourseList, auth=None)
def list_courses(request, filters: Query[CourseFilters]):
    """Published courses with their upcoming sessions and seats left."""
    courses = services.catalog(
        services.visible_courses(), category=filters.category, format=filters.format,
        date_from=filters.from_, date_to=filters.to, free_seats=filters.free,
    )
    page = Paginator(courses, PER_PAGE).get_page(filters.page)
    items = services.attach_upcoming_sessions(list(page.object_list))
    return {
        "total": page.paginator.count, "page": page.number, "pages": page.paginator.num_pages,
        "results": [_course_out(request, course) for course in items],
    }


@router.get("/courses/{course_id}", response={200: CourseOut, **errors(404)}, auth=None)
def get_course(request, course_id: int):
    course = services.visible_courses().filter(pk=course_id).first()
    if course is None:
        raise NotFound("not_found", _("This course does not exist."))
    services.attach_upcoming_sessions([course])
    return _course_out(request, course)


@router.post("/sessions/{session_id}/enrolments", response={201: EnrolmentOut, **errors(404, 409)}, auth=AUTH)
def create_enrolment(request, session_id: int):
    """Enrol: `status` is "enrolled", or "waitlisted" with `waitlist_position`
    (or "offered" when a seat is held for her)."""
    enrolment = services.enrol(request.auth, session_id)
    return Status(201, _enrolment_out(enrolment))


@router.delete("/enrolments/{enrolment_id}", response={200: EnrolmentOut, **errors(404, 409)}, auth=AUTH)
def cancel_enrolment(request, enrolment_id: int):
    """Cancel her own enrolment, leave the waitlist or decline an offer, until the session starts."""
    enrolment = services.cancel(request.auth, enrolment_id)
    return _enrolment_out(enrolment)


@router.post("/enrolments/{enrolment_id}/accept", response={200: EnrolmentOut, **errors(404, 409)}, auth=AUTH)
def accept_offer(request, enrolment_id: int):
    """Take the seat offered to her from the waitlist, before the offer expires."""
    enrolment = services.accept_offer(request.auth, enrolment_id)
    return _enrolment_out(enrolment)
