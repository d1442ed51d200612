"""What the views, the API, the admin and the other apps call.

Booking rule: the consultant's row is locked (select_for_update) and the slot
re-checked against her bookings inside the same transaction, so two requests
for one slot cannot both pass the check; on PostgreSQL the exclusion constraint
backs this up in the database itself, on SQLite the single writer serialises.

The queue for a full calendar follows the same rule: every change that frees,
holds or takes a slot (booking, moving, cancelling, offering, accepting,
expiring) runs with her row locked, so a slot held for the first in line is
checked like a booking by everyone else who wants it.
"""

from datetime import timedelta
from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, OuterRef, Prefetch, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from jobs.services import seeker_situation
from portal import offers
from portal.accounts.models import SeekerProfile
from portal.accounts.statistics import grouped
from portal.errors import ServiceError
from portal.homes import Home
from portal.next_steps import SOON, URGENT, Step

from . import availability, feedback, noshows, notifications, slot_summary
from .choices import TOPICS_BY_SPECIALTY, Mode, SpecialtyCode, Topic, topics_for
from .models import AvailabilityOverride, Booking, Consultant, QueueRequest

# How long before the start a graduate may still cancel or reschedule.
CHANGE_CLOSES_HOURS = getattr(settings, "CONSULTANTS_CHANGE_CLOSES_HOURS", 12)
NEXT_SLOTS_DAYS = 14
# Bookings still ahead of her: confirmed, or waiting for the consultant's approval.
ACTIVE = (Booking.Status.PENDING, Booking.Status.CONFIRMED)


def change_deadline(booking):
    return booking.start - timedelta(hours=CHANGE_CLOSES_HOURS)


def seeker_may_change(booking, now=None):
    return booking.is_active_booking and (now or timezone.now()) < change_deadline(booking)


def change_refusal(booking, by_consultant=False, now=None):
    """The ServiceError a cancel (or, by her, a move) of this booking meets now, or None:
    what its confirmation page says instead of offering the button."""
    if by_consultant:
        if not booking.is_active_booking or booking.start <= (now or timezone.now()):
            return ServiceError("not_confirmed", _("Only upcoming confirmed sessions can be cancelled."), status=409)
        return None
    if not booking.is_active_booking:
        return ServiceError("not_confirmed", _("This booking is no longer active."), status=409)
    if not seeker_may_change(booking, now):
        return ServiceError("too_late", _too_late_message(booking), status=409)
    return None


# --- directory -----------------------------------------------------------

def active_consultants():
    """The consultants the unfiltered directory lists (the home page counter)."""
    return Consultant.objects.active()


def active_count():
    return active_consultants().count()


def directory(specialty="", mode="", language="", open_from=None, open_to=None):
    """Active consultants matching the filters (a queryset, so that a page of
    the directory loads only its own rows); with a range, only those with an
    open slot in it. A fixed number of queries however many there are."""
    consultants = Consultant.objects.active().select_related("photo").prefetch_related("specialties")
    if specialty:
        consultants = consultants.with_specialty(specialty)
    if mode:
        consultants = consultants.with_mode(mode)
    if language:
        consultants = consultants.with_language(language)
    # No DISTINCT: the one join (a specialty, by its unique code) matches a consultant at most once,
    # and DISTINCT over every column was most of the directory's time at 2,000 consultants.
    if open_from is None:
        return consultants
    # Most answer from the stored open slots in one query; only those not stored are computed here.
    now = timezone.now()
    known, not_covered = slot_summary.open_slot_conditions(open_from, open_to, now)
    not_stored = consultants.filter(not_covered)
    computed = [c.pk for c in with_slots(not_stored, open_from, open_to, now) if c.open_slots]
    return consultants.filter(known | Q(pk__in=computed))


def with_slots(consultants, start, end, now=None):
    """The consultants with `open_slots` set for [start, end), in five queries."""
    margin = availability.MARGIN
    consultants = list(consultants.prefetch_related(
        "rules",
        Prefetch("overrides", queryset=AvailabilityOverride.objects.filter(
            date__gte=(start - margin).date(), date__lte=(end + margin).date())),
        Prefetch("bookings", to_attr="busy", queryset=Booking.objects.occupying().filter(
            start__lt=end + margin, end__gt=start - margin).only("consultant_id", "start", "end")),
        Prefetch("queue_requests", to_attr="holds", queryset=availability.holds(start, end)),
    ))
    for consultant in consultants:
        consultant.open_slots = availability.compute(
            consultant, consultant.rules.all(), consultant.overrides.all(), consultant.busy, start, end, now,
            consultant.holds)
    return consultants


def search_consultants(query, limit=5):
    """Active consultants whose name, title or biography match, for site search."""
    from wagtail.search.backends import get_search_backend

    return list(get_search_backend().search(query, Consultant.objects.active(), operator="and")[:limit])


def week_range(now=None):
    now = now or timezone.now()
    return now, now + timedelta(days=7)


def open_slots_change_at(consultant, slots, days=NEXT_SLOTS_DAYS, now=None):
    """When her next open slots (`slots`, from next_open_slots) change with the clock
    alone: the first one comes within her notice, or a slot past the window's end
    comes into it. Bounds her cached profile."""
    now = now or timezone.now()
    moments = [slots[0] - timedelta(hours=consultant.min_notice_hours)] if slots else []
    end = now + timedelta(days=days)
    beyond = availability.open_slots(consultant, end, end + timedelta(days=1), now=now)
    # Nothing in the day past the window: look again when that day has come into it.
    moments.append(beyond[0] - timedelta(days=days) if beyond else now + timedelta(days=1))
    return min(moments)


def get_active_consultant(pk):
    consultant = Consultant.objects.active().select_related("photo").prefetch_related("specialties") \
        .filter(pk=pk).first()
    if consultant is None:
        raise ServiceError("unknown_consultant", _("This consultant is not taking bookings."), status=404)
    return consultant


def next_open_slots(consultant, days=NEXT_SLOTS_DAYS, now=None):
    now = now or timezone.now()
    return availability.open_slots(consultant, now, now + timedelta(days=days), now=now)


# --- booking -------------------------------------------------------------

def _check_slot(consultant, start, now, exclude_booking=None):
    """Raise ServiceError unless `start` is one of her open slots now. Call it
    with her row locked."""
    if start <= now:
        raise ServiceError("in_past", _("This time is in the past. Please choose another slot."))
    if start < now + timedelta(hours=consultant.min_notice_hours):
        raise ServiceError("too_soon", _("She needs at least %(hours)s hours' notice. Please choose a later slot.")
                           % {"hours": consultant.min_notice_hours})
    end = start + timedelta(minutes=consultant.session_minutes)
    if start in availability.open_slots(consultant, start, end, now, exclude_booking=exclude_booking):
        return end
    if start in availability.open_slots(consultant, start, end, now, ignore_bookings=True):
        raise ServiceError("slot_taken", _("This slot was just taken. Please choose another one."), status=409)
    raise ServiceError("not_available", _("She is not available at this time. Please choose one of her open slots."))


def _lock_consultant(consultant_id, active_only=True):
    consultants = Consultant.objects.select_for_update().filter(pk=consultant_id)
    consultant = (consultants.filter(is_active=True) if active_only else consultants).first()
    if consultant is None:
        raise ServiceError("unknown_consultant", _("This consultant is not taking bookings."), status=404)
    return consultant


def topics_of(consultant):
    """(code, label) of the topics she offers, from her specialties."""
    return [(topic.value, topic.label) for topic in topics_for(s.code for s in consultant.specialties.all())]


def _check_intake(consultant, seeker, mode, topic_code, topic):
    if mode not in consultant.modes:
        raise ServiceError("bad_mode", _("She does not offer sessions in this mode."))
    if topic_code not in dict(topics_of(consultant)):
        raise ServiceError("bad_topic", _("Please choose one of the topics she offers."))
    if topic_code == Topic.OTHER and not topic.strip():
        raise ServiceError("invalid", _("Please say in a few words what you would like to talk about."))
    if mode == Mode.PHONE and not (seeker.phone and seeker.phone_verified):
        # The consultant calls her: only a number she has proven can be given to the consultant.
        raise ServiceError("phone_unverified", _("A session by phone needs your verified mobile number. "
                                                 "Please add and verify it on your account first."))


def _lock_consultant_for(seeker, consultant_id):
    """The active consultant, locked, for a seeker who is not she herself."""
    consultant = _lock_consultant(consultant_id)
    if consultant.user_id is not None and consultant.user_id == seeker.pk:
        raise ServiceError("own_booking", _("You cannot book a session with yourself."))
    return consultant


def book(seeker, consultant_id, start, mode, topic="", description="", topic_code=Topic.OTHER, share_profile=False):
    """Book `start` (aware datetime) for the seeker; returns the Booking or
    raises ServiceError, leaving nothing changed. A graduate who missed two
    sessions lately gets a booking that waits for the consultant's approval."""
    now = timezone.now()
    try:
        with transaction.atomic():
            consultant = _lock_consultant_for(seeker, consultant_id)
            _check_intake(consultant, seeker, mode, topic_code, topic)
            end = _check_slot(consultant, start, now)
            pending = noshows.needs_approval(seeker, now)
            booking = Booking.objects.create(
                consultant=consultant, seeker=seeker, start=start, end=end, mode=mode,
                topic_code=topic_code, topic=topic.strip(), description=description.strip(),
                share_profile=share_profile, phone=seeker.phone if mode == Mode.PHONE else None,
                status=Booking.Status.PENDING if pending else Booking.Status.CONFIRMED,
            )
            notifications.booking_event_message(booking, "pending" if pending else "confirmed")
            _queue_request_served(consultant, seeker, booking, now)
    except IntegrityError as exc:
        # The exclusion constraint: another transaction won the same time.
        raise ServiceError("slot_taken", _("This slot was just taken. Please choose another one."),
                           status=409) from exc
    return booking


def bookings_of_seeker(user):
    return Booking.objects.filter(seeker=user).select_related("consultant")


def bookings_of_consultant(consultant):
    return Booking.objects.filter(consultant=consultant).select_related("seeker")


def booking_for(user, pk):
    """The booking if `user` is its seeker or its consultant, else None."""
    booking = Booking.objects.select_related("consultant", "seeker").filter(pk=pk).first()
    if booking is None or user.is_anonymous:
        return None
    if booking.seeker_id == user.pk or booking.consultant.user_id == user.pk:
        return booking
    return None


def _too_late_message(booking):
    return _("Bookings can be cancelled or moved up to %(hours)s hours before the start; "
             "this one can no longer be changed online. Please contact the consultant.") % {
        "hours": CHANGE_CLOSES_HOURS}


def cancel_by_seeker(booking, user):
    with transaction.atomic():
        _lock_consultant(booking.consultant_id, active_only=False)  # first, as booking does: see _cancel
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.seeker_id != user.pk:
            raise ServiceError("not_found", _("Not found."), status=404)
        if not booking.is_active_booking:
            raise ServiceError("not_confirmed", _("This booking is no longer active."), status=409)
        if not seeker_may_change(booking):
            raise ServiceError("too_late", _too_late_message(booking), status=409)
        _cancel(booking, Booking.CancelledBy.SEEKER, "")
    return booking


def cancel_by_consultant(booking, reason):
    reason = reason.strip()
    if not reason:
        raise ServiceError("reason_required", _("Please give the graduate a reason."))
    with transaction.atomic():
        _lock_consultant(booking.consultant_id, active_only=False)  # first, as booking does: see _cancel
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if not booking.is_active_booking or booking.start <= timezone.now():
            raise ServiceError("not_confirmed", _("Only upcoming confirmed sessions can be cancelled."), status=409)
        _cancel(booking, Booking.CancelledBy.CONSULTANT, reason)
    return booking


def _cancel(booking, by, reason):
    """Cancel the booking. Call with the consultant's row locked (before the
    booking's): the freed slot goes to the first in her queue."""
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_by = by
    booking.cancel_reason = reason[:300]
    booking.cancelled_at = timezone.now()
    booking.sequence += 1  # her calendar removes the event it has
    booking.save(update_fields=["status", "cancelled_by", "cancel_reason", "cancelled_at", "sequence"])
    notifications.booking_event_message(booking, "cancelled")
    _offer_slot(booking.consultant, booking.start, booking.cancelled_at)


def reschedule(booking, user, new_start):
    """Move the seeker's booking to another open slot of the same consultant."""
    now = timezone.now()
    try:
        with transaction.atomic():
            _lock_consultant(booking.consultant_id)
            booking = Booking.objects.select_for_update().select_related("consultant").get(pk=booking.pk)
            if booking.seeker_id != user.pk:
                raise ServiceError("not_found", _("Not found."), status=404)
            if not seeker_may_change(booking, now):
                raise ServiceError("too_late", _too_late_message(booking), status=409)
            booking.end = _check_slot(booking.consultant, new_start, now, exclude_booking=booking.pk)
            old_start, booking.start = booking.start, new_start
            booking.sequence += 1
            booking.save(update_fields=["start", "end", "sequence"])
            notifications.booking_event_message(booking, "rescheduled")
            _offer_slot(booking.consultant, old_start, now)  # the time she left goes to the queue
    except IntegrityError as exc:
        raise ServiceError("slot_taken", _("This slot was just taken. Please choose another one."),
                           status=409) from exc
    return booking


OUTCOMES = (Booking.Status.COMPLETED, Booking.Status.NO_SHOW, Booking.Status.ABSENT)


def set_outcome(booking, status):
    """The consultant records, once the session has started, how it went: she
    attended (the graduate is asked for feedback), she did not come (the no-show
    rule counts it), or the consultant could not come (the graduate gets an
    apology and may book again before anyone else). A mistake can be corrected."""
    if status not in OUTCOMES:
        raise ServiceError("bad_status", _("Choose attended, no-show or could not attend."))
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("consultant", "seeker").get(pk=booking.pk)
        if booking.status in (Booking.Status.CANCELLED, Booking.Status.PENDING):
            raise ServiceError("not_confirmed", _("Only a confirmed session can be marked."), status=409)
        if booking.start > timezone.now():
            raise ServiceError("not_started", _("A session can be marked only once it has started."), status=409)
        booking.status = status
        booking.save(update_fields=["status"])
        if status == Booking.Status.COMPLETED:
            feedback.ask_for(booking)
        elif status == Booking.Status.NO_SHOW:
            noshows.count_no_show(booking)
        else:
            # Her apology comes with a place at the head of the consultant's queue.
            queue_first(booking.consultant, booking.seeker)
            notifications.booking_event_message(booking, "absent")
    return booking


def decide_pending(booking, approve, reason=""):
    """The consultant approves a booking that waited for her, or declines it with a reason."""
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("consultant", "seeker").get(pk=booking.pk)
        if booking.status != Booking.Status.PENDING:
            raise ServiceError("not_pending", _("This booking does not wait for approval."), status=409)
        if approve:
            booking.status = Booking.Status.CONFIRMED
            booking.save(update_fields=["status"])
            notifications.booking_event_message(booking, "confirmed")
            return booking
        if not reason.strip():
            raise ServiceError("reason_required", _("Please give the graduate a reason."))
        _cancel(booking, Booking.CancelledBy.CONSULTANT, reason)
    return booking


def set_meeting_link(booking, link):
    """A link for this one session (empty: her personal room). Sent to nobody by itself:
    it shows on both booking pages, in the calendar feed and in the reminders."""
    Booking.objects.filter(pk=booking.pk).update(meeting_link=link)
    booking.meeting_link = link


def shared_profile(booking):
    """Her profile, if she chose to share it with this booking's consultant."""
    if not booking.share_profile:
        return None
    return SeekerProfile.objects.filter(user_id=booking.seeker_id).first()


def cancel_future_bookings(consultant):
    """For a deactivated consultant: cancel what is still ahead and tell each seeker."""
    reason = gettext_lazy("The consultant is no longer available on the portal.")
    count = 0
    with transaction.atomic():
        _lock_consultant(consultant.pk, active_only=False)  # first, as booking does: see _cancel
        upcoming = Booking.objects.select_for_update().filter(
            consultant=consultant, status__in=ACTIVE, start__gt=timezone.now())
        for booking in upcoming:
            _cancel(booking, Booking.CancelledBy.PORTAL, str(reason))
            count += 1
    return count


def cancel_for_erased_seeker(seeker):
    """Her account is being erased: cancel what is still ahead of her, whatever the change
    deadline, and tell each consultant; the freed slots go to their queues. Her places in
    queues end too."""
    reason = gettext_lazy("The graduate has deleted her account.")
    now = timezone.now()
    upcoming = Booking.objects.filter(seeker=seeker, status__in=ACTIVE, start__gt=now)
    for booking_id, consultant_id in upcoming.values_list("pk", "consultant_id"):
        with transaction.atomic():
            _lock_consultant(consultant_id, active_only=False)  # first, as booking does: see _cancel
            booking = Booking.objects.select_for_update().get(pk=booking_id)
            if booking.is_active_booking:
                _cancel(booking, Booking.CancelledBy.PORTAL, str(reason))
    waiting = QueueRequest.objects.filter(seeker=seeker, status__in=QueueRequest.ACTIVE)
    for consultant_id in waiting.values_list("consultant_id", flat=True):
        leave_queue(seeker, consultant_id)


def modes_of(consultant):
    return [(m, Mode(m).label) for m in consultant.modes if m in Mode.values]


# --- the queue for full calendars ----------------------------------------
#
# When her next two weeks are full, a graduate may wait in the consultant's
# queue. A cancellation (or a move) that frees a still bookable slot offers it
# to the first in line for CONSULTANTS_QUEUE_OFFER_HOURS, with portal/offers.py,
# the course waitlist's own logic. While offered, her request holds the slot:
# availability counts it as busy, so anyone else trying to book it is refused
# as for a booking. She books it (accept_queue_offer) or declines; when the
# window passes, the beat (expire_queue_offers) offers it to the next; with
# nobody left, the slot is simply open again.

def queue_offer_window():
    return timedelta(hours=settings.CONSULTANTS_QUEUE_OFFER_HOURS)


def _queue_line(consultant):
    return QueueRequest.objects.filter(consultant=consultant, status=QueueRequest.Status.WAITING) \
        .select_related("seeker", "consultant")


def _active_request(consultant, seeker):
    return QueueRequest.objects.filter(consultant=consultant, seeker=seeker,
                                       status__in=QueueRequest.ACTIVE).first()


def with_queue_places(requests):
    """Annotate requests with `people_ahead` in their consultant's queue."""
    line = QueueRequest.objects.filter(consultant=OuterRef("consultant"), status=QueueRequest.Status.WAITING)
    return requests.annotate(people_ahead=offers.people_ahead(line, "consultant"))


def queue_place(request):
    """Her place in the consultant's queue (1 = next in line), or None when she is not waiting."""
    if request.status != QueueRequest.Status.WAITING:
        return None
    ahead = getattr(request, "people_ahead", None)
    if ahead is None:
        ahead = with_queue_places(QueueRequest.objects.filter(pk=request.pk)).get().people_ahead
    return ahead + 1


def queue_requests_of(seeker, consultant=None, now=None):
    """Her requests in consultants' queues: the active ones and offers that ran
    out in the last week, each with `place`."""
    if not seeker.is_authenticated:
        return []
    week_ago = (now or timezone.now()) - timedelta(days=7)
    requests = QueueRequest.objects.filter(seeker=seeker).filter(
        Q(status__in=QueueRequest.ACTIVE) | Q(status=QueueRequest.Status.EXPIRED, ended_at__gte=week_ago))
    if consultant is not None:
        requests = requests.filter(consultant=consultant)
    requests = list(with_queue_places(requests.select_related("consultant")).order_by("created_at", "pk"))
    for request in requests:
        request.place = queue_place(request)
    return requests


def queue_request_for(seeker, pk):
    """Her request (any status) with its consultant, or None: someone else's is never shown."""
    if not seeker.is_authenticated:
        return None
    return QueueRequest.objects.select_related("consultant").filter(pk=pk, seeker=seeker).first()


def join_queue(seeker, consultant_id):
    """She asks to be told when a slot opens: she joins the end of the
    consultant's queue. Only while the consultant has no open slot in the next
    two weeks; otherwise she books one."""
    now = timezone.now()
    try:
        with transaction.atomic():
            consultant = _lock_consultant_for(seeker, consultant_id)
            if _active_request(consultant, seeker) is not None:
                raise ServiceError("already_queued", _("You are already in this consultant's queue."), status=409)
            if next_open_slots(consultant, now=now):
                raise ServiceError("has_open_slots", _("She has open slots: please book one of them."), status=409)
            request = QueueRequest.objects.create(consultant=consultant, seeker=seeker, created_at=now)
    except IntegrityError as exc:  # the one-active-request constraint: a second request at the same moment
        raise ServiceError("already_queued", _("You are already in this consultant's queue."), status=409) from exc
    request.place = queue_place(request)
    return request


def queue_first(consultant, seeker):
    """Put her at the head of the consultant's queue, e.g. to offer a rebooking
    when the consultant could not attend her session: the next slot a
    cancellation frees is offered to her first (the last one put first stands
    first). Joins her if she was not waiting; an offer she already has stays.
    Returns her request."""
    now = timezone.now()
    with transaction.atomic():
        consultant = _lock_consultant(consultant.pk)
        request = _active_request(consultant, seeker)
        if request is not None and request.status == QueueRequest.Status.OFFERED:
            return request
        head = _queue_line(consultant).order_by(*offers.ORDER).values_list("created_at", flat=True).first()
        first_at = min(head or now, now) - timedelta(microseconds=1)
        if request is None:
            request = QueueRequest.objects.create(consultant=consultant, seeker=seeker, created_at=first_at,
                                                  put_first=True)
        else:
            request.created_at, request.put_first = first_at, True
            request.save(update_fields=["created_at", "put_first"])
    return request


def leave_queue(seeker, consultant_id):
    """She leaves the consultant's queue; a slot held for her passes to the next."""
    with transaction.atomic():
        consultant = _lock_consultant(consultant_id, active_only=False)
        request = _active_request(consultant, seeker)
        if request is None:
            raise ServiceError("not_queued", _("You are not in this consultant's queue."), status=404)
        _end_and_pass_on(consultant, request, QueueRequest.Status.CANCELLED, timezone.now())
    return request


def _own_offer(seeker, request_id):
    """Her request with an open offer, its consultant's row locked first.
    Someone else's is not found."""
    consultant_id = QueueRequest.objects.filter(pk=request_id, seeker=seeker) \
        .values_list("consultant_id", flat=True).first()
    if consultant_id is None:
        raise ServiceError("not_found", _("Not found."), status=404)
    consultant = _lock_consultant(consultant_id, active_only=False)
    request = QueueRequest.objects.get(pk=request_id)
    request.consultant = consultant
    if request.status != QueueRequest.Status.OFFERED:
        raise ServiceError("no_offer", _("There is no open offer of a slot on this request."), status=409)
    return request


def accept_queue_offer(seeker, request_id, mode, topic="", description="", topic_code=Topic.OTHER,
                       share_profile=False):
    """She books the slot held for her while the offer lasts: a normal booking,
    with the same checks, intake and messages as book()."""
    with transaction.atomic():
        request = _own_offer(seeker, request_id)
        if request.offer_expires_at <= timezone.now():
            raise ServiceError("offer_expired", _("This offer has expired and the slot has passed to the next "
                                                  "person."), status=409)
        # Letting go of the hold first makes the slot open for her booking; if
        # the booking is refused, the transaction keeps the hold as it was.
        _end(request, QueueRequest.Status.BOOKED, timezone.now())
        request.booking = book(seeker, request.consultant_id, request.offered_start, mode, topic, description,
                               topic_code=topic_code, share_profile=share_profile)
        request.save(update_fields=["booking"])
    return request.booking


def decline_queue_offer(seeker, request_id):
    """She does not want the slot offered: her request ends and the slot passes to the next."""
    with transaction.atomic():
        request = _own_offer(seeker, request_id)
        _end_and_pass_on(request.consultant, request, QueueRequest.Status.CANCELLED, timezone.now())
    return request


def expire_queue_offers(now=None):
    """The beat: offers whose window closed end, and each slot passes to the
    next in line (or is open again). Safe to run twice. Returns how many ended."""
    now = now or timezone.now()
    return offers.expire(QueueRequest.objects.filter(status=QueueRequest.Status.OFFERED), now, owner="consultant",
                         lock=partial(_lock_consultant, active_only=False), pass_on=partial(_pass_on_slots, now=now))


def _pass_on_slots(consultant, ran_out, now):
    for request in ran_out:
        _end_and_pass_on(consultant, request, QueueRequest.Status.EXPIRED, now)


def _offer_slot(consultant, start, now):
    """Offer `start` to the first in her queue when it is one of her open slots
    now (in the future, beyond her notice, nobody's booking or hold), until the
    window closes or her notice begins. Call with her row locked."""
    line = _queue_line(consultant)
    if not consultant.is_active or not line.exists():
        return []
    end = start + timedelta(minutes=consultant.session_minutes)
    free = 1 if start in availability.open_slots(consultant, start, end, now) else 0
    return offers.offer_next(line, free, window=queue_offer_window(), now=now,
                             latest=start - timedelta(hours=consultant.min_notice_hours),
                             offer=partial(_hold_for, start, end, now))


def _hold_for(start, end, now, request, until):
    request.status = QueueRequest.Status.OFFERED
    request.offered_start, request.offered_end, request.offered_at, request.offer_expires_at = start, end, now, until
    request.save(update_fields=["status", "offered_start", "offered_end", "offered_at", "offer_expires_at"])
    notifications.queue_offer(request)


def _end(request, status, now, booking=None):
    request.status, request.ended_at, request.booking = status, now, booking
    request.save(update_fields=["status", "ended_at", "booking"])


def _end_and_pass_on(consultant, request, status, now, booking=None):
    """End her request; a slot it held goes to the next in line."""
    held = request.offered_start if request.status == QueueRequest.Status.OFFERED else None
    _end(request, status, now, booking)
    if held is not None:
        _offer_slot(consultant, held, now)


def _queue_request_served(consultant, seeker, booking, now):
    """She booked the consultant: her wait is over (a slot held for her
    elsewhere passes on). Call with the consultant's row locked."""
    request = _active_request(consultant, seeker)
    if request is not None:
        _end_and_pass_on(consultant, request, QueueRequest.Status.BOOKED, now, booking=booking)


# --- the site shell's slots ----------------------------------------------

def dashboard_section(request):
    user = request.user
    if not user.is_authenticated:
        return None
    consultant = Consultant.objects.filter(user=user).first()
    now = timezone.now()
    bookings = list(bookings_of_seeker(user).filter(end__gte=now - timedelta(days=30)).order_by("start")[:20])
    queue = queue_requests_of(user, now=now)
    if not bookings and consultant is None and not queue:
        return None
    # The shell includes the template with this dict as `section`.
    return {"template": "consultants/includes/dashboard_section.html", "bookings": bookings,
            "consultant": consultant, "queue": queue}


def home_featured(request):
    consultants = list(Consultant.objects.active().select_related("photo").prefetch_related("specialties")
                       .order_by("-created_at")[:3])
    if not consultants:
        return None
    from portal.pages.templatetags.portal_tags import localized_path

    return {"key": "consultants", "title": _("Talk to a consultant"), "items": consultants,
            "card_template": "consultants/includes/consultant_card.html",
            "more_url": localized_path("/consultants/"), "more_label": _("All consultants")}


def workspace_for(user):
    """Her consultant workspace (/consultants/me/), when her account is a consultant's."""
    if not Consultant.objects.filter(user=user).exists():
        return None
    return Home("consultant", pgettext_lazy("role home", "Consultant workspace"), reverse("consultants:me"))


def _directory_of(specialty):
    return f"{reverse('consultants:directory')}?{urlencode({'specialty': specialty})}"


def next_steps(request):
    """A consultation for her situation: the law for an offer or a new contract, a
    career consultant before an interview she accepted."""
    situation = seeker_situation(request.user)
    steps = []
    if situation["offer_or_new_job"]:
        steps.append(Step(URGENT, _("An offer or a new contract to look at? A law consultant checks it with you."),
                          _directory_of(SpecialtyCode.LAW), _("Book a law consultation")))
    if situation["interview_ahead"]:
        steps.append(Step(SOON, _("Before your interview, a career consultant can rehearse it with you."),
                          _directory_of(SpecialtyCode.CAREER), _("Book a career consultation")))
    return steps


def upcoming_bookings_for(user, now=None):
    """Her consultations still ahead (confirmed or waiting for approval), as plain dicts
    for GET /api/v1/me (one query). The intake stays out: it is for the two of them."""
    rows = (Booking.objects.filter(seeker=user, status__in=ACTIVE, end__gt=now or timezone.now())
            .order_by("start", "pk").values("pk", "status", "mode", "start", "end", "consultant_id",
                                             "consultant__display_name"))
    return [{"id": row["pk"], "status": row["status"], "mode": row["mode"], "start": row["start"],
             "end": row["end"], "consultant_id": row["consultant_id"],
             "consultant": row["consultant__display_name"]} for row in rows]


def personal_data(user):
    """Her part of her data export (portal/privacy, PERSONAL_DATA_PROVIDERS)."""
    from .personal_data import personal_data as collect

    return collect(user)


def erase_personal_data(user):
    from .personal_data import erase_personal_data as erase

    return erase(user)


def _specialty_of_topic():
    """A booking's specialty, from the topic she chose (the first specialty offering it);
    "other" when she chose "something else"."""
    whens, seen = [], set()
    for code, topics in TOPICS_BY_SPECIALTY.items():
        fresh = [topic for topic in topics if topic not in seen]
        seen.update(fresh)
        whens.append(When(topic_code__in=fresh, then=Value(str(code))))
    return Case(*whens, default=Value("other"))


def specialty_label(code):
    """The name of a specialty in consultation_figures(by="specialty"), "other" included."""
    return SpecialtyCode(code).label if code in SpecialtyCode.values else Topic.OTHER.label


def consultation_figures(start, end, by):
    """The federation's statistics (reports/figures.py): consultations held in [start, end)
    and their outcomes (attended, no-show, cancelled), per month, district or school of the
    graduate, or per specialty (by="specialty"). One grouped query."""
    queryset = Booking.objects.filter(start__gte=start, start__lt=end)
    counts = {"consultations": Count("pk"),
              "attended": Count("pk", filter=Q(status=Booking.Status.COMPLETED)),
              "no_show": Count("pk", filter=Q(status=Booking.Status.NO_SHOW)),
              "cancelled": Count("pk", filter=Q(status=Booking.Status.CANCELLED))}
    if by == "specialty":
        rows = queryset.annotate(key=_specialty_of_topic()).values("key").annotate(**counts).order_by("key")
        return {row["key"]: {name: row[name] for name in counts} for row in rows}
    return grouped(queryset, by, "start", "seeker", **counts)
