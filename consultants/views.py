"""Public directory and profiles, the booking flow, and the consultant's own
pages under /consultants/me/. Every booking page answers 404 to anyone but the
booking's seeker and its consultant."""

from datetime import timedelta
from functools import wraps
from itertools import groupby

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.errors import ServiceError, back_url

from . import availability, services
from .calendar import feed
from .forms import (
    BookingForm,
    ConsultantCancelForm,
    ConsultantSettingsForm,
    DirectoryFilterForm,
    NoteForm,
    OverrideForm,
    QueueOfferForm,
    RescheduleForm,
    RuleForm,
    parse_slot,
)
from .models import AvailabilityOverride, AvailabilityRule, Booking, Consultant

PAGE_SIZE = 12


def _slot_days(slots, zone):
    """Slots grouped by the consultant's local date, for the pickers."""
    local = [(slot, slot.astimezone(zone)) for slot in slots]
    return [(day, list(group)) for day, group in groupby(local, key=lambda pair: pair[1].date())]


@require_GET
def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    open_from, open_to = services.week_range() if filters.get("open_this_week") else (None, None)
    consultants = services.directory(
        specialty=filters.get("specialty", ""), mode=filters.get("mode", ""),
        language=filters.get("language", ""), open_from=open_from, open_to=open_to)
    page = Paginator(consultants, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "consultants/directory.html",
                  {"form": form, "page_obj": page, "consultants": page.object_list, "query": query.urlencode()})


@require_GET
def detail(request, pk):
    consultant = get_object_or_404(
        Consultant.objects.active().select_related("photo").prefetch_related("specialties"), pk=pk)
    slots = services.next_open_slots(consultant)
    return render(request, "consultants/detail.html", {
        "consultant": consultant, "slot_days": _slot_days(slots[:24], availability.zone_of(consultant)),
        "has_more": len(slots) > 24, "queue": _queue_context(request, consultant, slots)})


@login_required
@require_http_methods(["GET", "POST"])
def book(request, pk):
    consultant = services.get_active_consultant(pk)
    modes = services.modes_of(consultant)
    form = BookingForm(request.POST or None, initial={"start": request.GET.get("start", "")}, modes=modes)
    start = parse_slot(request.POST.get("start") if request.method == "POST" else request.GET.get("start"))
    booked = _book_with(request, form, lambda data: services.book(
        request.user, consultant.pk, data["start"], data["mode"], data["topic"], data["description"]))
    if booked:
        return booked
    return render(request, "consultants/book.html", {"consultant": consultant, "form": form, "start": start,
                                                     "closes_hours": services.CHANGE_CLOSES_HOURS})


def _book_with(request, form, make_booking):
    """Book with the form's answers (`make_booking(cleaned_data)`) when it is
    posted and valid: the redirect to the booking, or None to show the form
    again, with a refusal in it."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        booking = make_booking(form.cleaned_data)
    except ServiceError as error:  # a form shows the refusal in the form
        form.add_error(None, error.message)
        return None
    messages.success(request, _("Your session is booked. We have emailed you the details."))
    return redirect(booking.get_absolute_url())


def _own_booking(request, pk):
    booking = services.booking_for(request.user, pk)
    if booking is None:
        raise Http404
    return booking


def _is_consultant_of(user, booking):
    return booking.consultant.user_id == user.pk


@login_required
@require_GET
def booking_detail(request, pk):
    booking = _own_booking(request, pk)
    as_consultant = _is_consultant_of(request.user, booking)
    now = timezone.now()
    return render(request, "consultants/booking.html", {
        "booking": booking, "as_consultant": as_consultant, "as_seeker": booking.seeker_id == request.user.pk,
        "may_change": services.seeker_may_change(booking, now), "deadline": services.change_deadline(booking),
        "closes_hours": services.CHANGE_CLOSES_HOURS, "started": booking.start <= now,
        "cancel_form": ConsultantCancelForm(), "note_form": NoteForm(initial={"note": booking.consultant_note}),
    })


@login_required
@require_POST
def booking_cancel(request, pk):
    booking = _own_booking(request, pk)
    # A refusal (too late, already cancelled, no reason given) is a ServiceError: the problem page shows it.
    if _is_consultant_of(request.user, booking):
        form = ConsultantCancelForm(request.POST)
        services.cancel_by_consultant(booking, form.data.get("reason", "")[:300])
    else:
        services.cancel_by_seeker(booking, request.user)
    messages.success(request, _("The session has been cancelled."))
    return redirect(booking.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def booking_reschedule(request, pk):
    booking = _own_booking(request, pk)
    if booking.seeker_id != request.user.pk:
        raise Http404
    if request.method == "POST":
        form = RescheduleForm(request.POST)
        try:
            if not form.is_valid():
                raise ServiceError("bad_slot", _("Choose a slot from the list."))
            services.reschedule(booking, request.user, form.cleaned_data["start"])
        except ServiceError as error:  # shown above the slots, to choose another
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your session has been moved."))
            return redirect(booking.get_absolute_url())
    if not services.seeker_may_change(booking):
        return redirect(booking.get_absolute_url())
    slots = [s for s in services.next_open_slots(booking.consultant) if s != booking.start]
    return render(request, "consultants/reschedule.html",
                  {"booking": booking, "slot_days": _slot_days(slots[:40], availability.zone_of(booking.consultant))})


def _consultant_booking(request, pk):
    booking = _own_booking(request, pk)
    if not _is_consultant_of(request.user, booking):
        raise Http404
    return booking


@login_required
@require_POST
def booking_outcome(request, pk):
    booking = _consultant_booking(request, pk)
    services.set_outcome(booking, request.POST.get("status", ""))
    messages.success(request, _("Saved."))
    return redirect(booking.get_absolute_url())


@login_required
@require_POST
def booking_note(request, pk):
    booking = _consultant_booking(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.save_note(booking, form.cleaned_data["note"])
        messages.success(request, _("Your note has been saved."))
    else:
        messages.error(request, _("The note is too long."))
    return redirect(booking.get_absolute_url())


# --- the queue for full calendars -----------------------------------------

def _queue_context(request, consultant, slots):
    """For the profile: her active request in the consultant's queue (or None),
    whether the queue is open to her (no open slot, not her own profile), and
    the offer's window."""
    mine = [r for r in services.queue_requests_of(request.user, consultant) if r.status in r.ACTIVE]
    own = consultant.user_id is not None and consultant.user_id == request.user.pk
    return {"mine": mine[0] if mine else None, "may_join": not slots and not own,
            "offer_hours": settings.CONSULTANTS_QUEUE_OFFER_HOURS}


@login_required
@require_POST
def queue_join(request, pk):
    # A refusal (already waiting, open slots to book) is a ServiceError: the problem page shows it.
    services.join_queue(request.user, pk)
    messages.success(request, _("You are in the queue. We will tell you when a slot opens."))
    return redirect(reverse("consultants:detail", args=[pk]) + "#queue")


@login_required
@require_POST
def queue_leave(request, pk):
    services.leave_queue(request.user, pk)
    messages.success(request, _("You have left the queue."))
    return redirect(back_url(request))


@login_required
@require_http_methods(["GET", "POST"])
def queue_offer(request, pk):
    """The slot the queue holds for her: book it with the intake, or decline it."""
    offer = services.queue_request_for(request.user, pk)
    if offer is None:
        raise Http404
    if offer.booking_id is not None:
        return redirect("consultants:booking", pk=offer.booking_id)
    consultant = offer.consultant
    form = QueueOfferForm(request.POST or None, modes=services.modes_of(consultant))
    booked = _book_with(request, form, lambda data: services.accept_queue_offer(
        request.user, offer.pk, data["mode"], data["topic"], data["description"]))
    if booked:
        return booked
    is_open = offer.status == offer.Status.OFFERED and offer.offer_expires_at > timezone.now()
    return render(request, "consultants/queue_offer.html", {
        "offer": offer, "consultant": consultant, "form": form, "is_open": is_open,
        "closes_hours": services.CHANGE_CLOSES_HOURS})


@login_required
@require_POST
def queue_offer_decline(request, pk):
    services.decline_queue_offer(request.user, pk)
    messages.success(request, _("You have declined the slot; it passes to the next person in the queue."))
    return redirect("dashboard")


# --- her own pages -------------------------------------------------------

def consultant_required(view):
    """Signed in and linked to a consultant record; 404 for everyone else."""
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        consultant = Consultant.objects.filter(user=request.user).first()
        if consultant is None:
            raise Http404
        return view(request, consultant, *args, **kwargs)

    return wrapped


@consultant_required
@require_GET
def me(request, consultant):
    now = timezone.now()
    upcoming = services.bookings_of_consultant(consultant).filter(
        end__gte=now - timedelta(days=1), status__in=[Booking.Status.CONFIRMED, Booking.Status.COMPLETED,
                                                      Booking.Status.NO_SHOW])[:50]
    feed_url = None
    if consultant.calendar_token:
        feed_url = request.build_absolute_uri(reverse("consultants:calendar_feed", args=[consultant.calendar_token]))
    return render(request, "consultants/me.html",
                  {"consultant": consultant, "bookings": upcoming, "feed_url": feed_url})


@consultant_required
@require_http_methods(["GET", "POST"])
def me_settings(request, consultant):
    form = ConsultantSettingsForm(request.POST or None, instance=consultant)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your settings have been saved."))
        return redirect("consultants:me")
    return render(request, "consultants/me_settings.html", {"consultant": consultant, "form": form})


@consultant_required
@require_http_methods(["GET", "POST"])
def me_availability(request, consultant):
    rule_form = RuleForm(prefix="rule")
    override_form = OverrideForm(prefix="override")
    if request.method == "POST":
        if "add_rule" in request.POST:
            rule_form = RuleForm(request.POST, prefix="rule", instance=AvailabilityRule(consultant=consultant))
            form = rule_form
        else:
            override_form = OverrideForm(request.POST, prefix="override",
                                         instance=AvailabilityOverride(consultant=consultant))
            form = override_form
        if form.is_valid():
            form.save()
            messages.success(request, _("Your availability has been saved."))
            return redirect("consultants:me_availability")
        messages.error(request, _("Please correct the errors below."))
    today = timezone.localdate(timezone=availability.zone_of(consultant))
    return render(request, "consultants/me_availability.html", {
        "consultant": consultant, "rules": consultant.rules.all(),
        "overrides": consultant.overrides.filter(date__gte=today),
        "rule_form": rule_form, "override_form": override_form,
    })


@consultant_required
@require_POST
def me_delete_rule(request, consultant, rule_id):
    get_object_or_404(AvailabilityRule, pk=rule_id, consultant=consultant).delete()
    messages.success(request, _("Removed."))
    return redirect("consultants:me_availability")


@consultant_required
@require_POST
def me_delete_override(request, consultant, override_id):
    get_object_or_404(AvailabilityOverride, pk=override_id, consultant=consultant).delete()
    messages.success(request, _("Removed."))
    return redirect("consultants:me_availability")


@consultant_required
@require_POST
def me_calendar(request, consultant):
    """Issue a new secret feed address (the old one stops working) or revoke it."""
    if request.POST.get("action") == "revoke":
        consultant.calendar_token = None
        messages.success(request, _("Your calendar feed address no longer works."))
    else:
        consultant.new_calendar_token()
        messages.success(request, _("Your new calendar feed address is ready."))
    consultant.save(update_fields=["calendar_token"])
    return redirect("consultants:me")


@require_GET
def calendar_feed(request, token):
    consultant = get_object_or_404(Consultant, calendar_token=token)
    since = timezone.now() - timedelta(days=30)
    bookings = consultant.bookings.filter(end__gte=since).select_related("seeker", "consultant")
    body = feed(bookings)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
