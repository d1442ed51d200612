"""Consultants, their open slots and bookings (see DESIGN.md, Public addresses)."""

from datetime import UTC, datetime, timedelta

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from portal.api import AUTH, errors
from portal.errors import NotFound, ServiceError
from portal.validators import SingleLine

from . import availability, meeting, services
from .choices import Mode, SpecialtyCode, Topic
from .models import Booking, Consultant

router = Router(tags=["consultants"])

MAX_RANGE = timedelta(days=62)


def _aware_utc(value, name):
    if value.tzinfo is None:
        raise ServiceError("invalid", _("Give %(name)s with a time zone, e.g. 2025-03-31T01:00:00Z.") % {"name": name})
    return value.astimezone(UTC)


def _range(start, end, default_days):
    start = _aware_utc(start, "from") if start else timezone.now()
    end = _aware_utc(end, "to") if end else start + timedelta(days=default_days)
    if end <= start:
        raise ServiceError("invalid", _("'to' must be after 'from'."))
    if end - start > MAX_RANGE:
        raise ServiceError("invalid", _("Ask for at most 62 days at a time."))
    return start, end


RANGE_RULE = "with a time zone, e.g. 2025-03-31T01:00:00Z; `to` after `from` and at most 62 days later (400 otherwise)"


class ConsultantFilters(Schema):
    specialty: SpecialtyCode | None = None
    mode: Mode | None = None
    available_from: datetime | None = Field(None, description=f"open slots from then; {RANGE_RULE}")
    available_to: datetime | None = Field(None, description="open slots until then (default: a week after the start)")


class ConsultantOut(Schema):
    id: int
    display_name: str
    title: str
    specialties: list[str]
    languages: list[str]
    modes: list[str]
    session_minutes: int
    time_zone: str
    url: str


def _consultant_out(consultant):
    return {
        "id": consultant.pk, "display_name": consultant.display_name, "title": consultant.title,
        "specialties": [s.code for s in consultant.specialties.all()], "languages": consultant.languages,
        "modes": consultant.modes, "session_minutes": consultant.session_minutes,
        "time_zone": consultant.time_zone, "url": consultant.get_absolute_url(),
    }


@router.get("/consultants", response=list[ConsultantOut], auth=None)
def list_consultants(request, filters: Query[ConsultantFilters]):
    """Active consultants; with available_from/available_to, only those with an open slot then."""
    open_from = open_to = None
    if filters.available_from or filters.available_to:
        open_from, open_to = _range(filters.available_from, filters.available_to, 7)
    consultants = services.directory(specialty=filters.specialty or "", mode=filters.mode or "",
                                     open_from=open_from, open_to=open_to)
    return [_consultant_out(c) for c in consultants]


class SlotRange(Schema):
    start: datetime | None = Field(None, alias="from", description=f"default now; {RANGE_RULE}")
    end: datetime | None = Field(None, alias="to", description="default 14 days after `from`")


class SlotsOut(Schema):
    consultant_id: int
    time_zone: str
    session_minutes: int
    slots: list[datetime]


@router.get("/consultants/{consultant_id}/slots", response={200: SlotsOut, **errors(400, 404)}, auth=None)
def consultant_slots(request, consultant_id: int, query: Query[SlotRange]):
    """Open slots' start times in UTC; local times are in `time_zone`."""
    consultant = get_object_or_404(Consultant.objects.active(), pk=consultant_id)
    start, end = _range(query.start, query.end, 14)
    return {"consultant_id": consultant.pk, "time_zone": consultant.time_zone,
            "session_minutes": consultant.session_minutes,
            "slots": availability.open_slots(consultant, start, end)}


class BookingIn(Schema):
    consultant_id: int
    start: datetime = Field(description="one of her open slots (GET …/slots), with a time zone")
    mode: Mode
    topic_code: Topic = Field(Topic.OTHER, description="one of the topics her specialties offer")
    topic: SingleLine = Field("", max_length=120, description="in a few words")
    description: str = Field("", max_length=2000)
    share_profile: bool = Field(False, description="let the consultant see her profile for this session")


class BookingOut(Schema):
    id: int
    consultant_id: int
    consultant: str
    start: datetime
    end: datetime
    status: str
    mode: str
    topic_code: str
    topic: str
    description: str
    share_profile: bool
    meeting_link: str
    venue: str
    can_cancel_until: datetime


def _booking_out(booking):
    return {"id": booking.pk, "consultant_id": booking.consultant_id, "consultant": booking.consultant.display_name,
            "start": booking.start, "end": booking.end, "status": booking.status, "mode": booking.mode,
            "topic_code": booking.topic_code, "topic": booking.topic, "description": booking.description,
            "share_profile": booking.share_profile, "meeting_link": meeting.meeting_link(booking),
            "venue": meeting.venue(booking.consultant) if booking.mode == Mode.IN_PERSON else "",
            "can_cancel_until": services.change_deadline(booking)}


@router.post("/bookings", response={201: BookingOut, **errors(400, 404, 409)}, auth=AUTH)
def create_booking(request, body: BookingIn):
    """Book a slot: 201, or 409 "slot_taken" when someone else was faster."""
    booking = services.book(request.auth, body.consultant_id, _aware_utc(body.start, "start"),
                            body.mode.value, body.topic, body.description, topic_code=body.topic_code.value,
                            share_profile=body.share_profile)
    return Status(201, _booking_out(booking))


@router.get("/bookings", response=list[BookingOut], auth=AUTH)
def my_bookings(request):
    """The signed-in seeker's own bookings."""
    return [_booking_out(b) for b in services.bookings_of_seeker(request.auth)]


@router.delete("/bookings/{booking_id}", response={204: None, **errors(404, 409)}, auth=AUTH)
def cancel_booking(request, booking_id: int):
    """Cancel her own booking, up to the policy's deadline before the start."""
    booking = Booking.objects.filter(pk=booking_id, seeker=request.auth).first()
    if booking is None:
        raise NotFound("not_found", _("Not found."))
    services.cancel_by_seeker(booking, request.auth)
    return Status(204, None)


# --- the queue for full calendars ----------------------------------------

class QueueOut(Schema):
    id: int
    consultant_id: int
    status: str
    place: int | None = Field(description="1 = next in line; null unless waiting")
    offered_start: datetime | None
    offered_end: datetime | None
    offer_expires_at: datetime | None


def _queue_out(request):
    return {"id": request.pk, "consultant_id": request.consultant_id, "status": request.status,
            "place": services.queue_place(request), "offered_start": request.offered_start,
            "offered_end": request.offered_end, "offer_expires_at": request.offer_expires_at}


@router.post("/consultants/{consultant_id}/queue", response={201: QueueOut, **errors(404, 409)}, auth=AUTH)
def join_queue(request, consultant_id: int):
    """Ask to be told when a slot opens: 201 with her place in the queue; 409
    "already_queued", or "has_open_slots" when she can book one now."""
    return Status(201, _queue_out(services.join_queue(request.auth, consultant_id)))


@router.delete("/consultants/{consultant_id}/queue", response={204: None, **errors(404)}, auth=AUTH)
def leave_queue(request, consultant_id: int):
    """Leave the queue; a slot held for her passes to the next person."""
    services.leave_queue(request.auth, consultant_id)
    return Status(204, None)


class QueueOfferIn(Schema):
    """The same intake as a booking (BookingIn), for the slot the queue holds for her."""

    mode: Mode
    topic_code: Topic = Topic.OTHER
    topic: SingleLine = Field("", max_length=120)
    description: str = Field("", max_length=2000)
    share_profile: bool = False


@router.post("/queue-offers/{request_id}/accept", response={201: BookingOut, **errors(400, 404, 409)}, auth=AUTH)
def accept_queue_offer(request, request_id: int, body: QueueOfferIn):
    """Book the slot held for her: 201 with the booking; 409 "offer_expired" or "no_offer"."""
    booking = services.accept_queue_offer(request.auth, request_id, body.mode.value, body.topic, body.description,
                                          topic_code=body.topic_code.value, share_profile=body.share_profile)
    return Status(201, _booking_out(booking))


@router.post("/queue-offers/{request_id}/decline", response={200: QueueOut, **errors(404, 409)}, auth=AUTH)
def decline_queue_offer(request, request_id: int):
    """Decline the slot held for her: her request ends and the slot passes to the next person."""
    return _queue_out(services.decline_queue_offer(request.auth, request_id))
