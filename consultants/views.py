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

from portal import page_cache
from portal.confirmation import confirmation_page, confirmed, moment
from portal.errors import ServiceError, back_url
from portal.homes import switcher

from . import availability, feedback, meeting, noshows, notes, notifications, schedule_changes, services, workspace
from .calendar import feed
from .forms import (
    AppealForm,
    BookingForm,
    ConsultantCancelForm,
    ConsultantSettingsForm,
    DirectoryFilterForm,
    FeedbackForm,
    GraduatesMessageForm,
    MeetingLinkForm,
    NoteForm,
    OverrideForm,
    PendingDecisionForm,
    QueueOfferForm,
    RescheduleForm,
    RuleForm,
    parse_slot,
)
from .models import AvailabilityOverride, AvailabilityRule, Booking, Consultant

PAGE_SIZE = 12
OPEN_THIS_WEEK_CACHE = timedelta(minutes=1)


def _slot_days(slots, zone):
    """Slots grouped by the consultant's local date, for the pickers."""
    local = [(slot, slot.astimezone(zone)) for slot in slots]
    return [(day, list(group)) for day, group in groupby(local, key=lambda pair: pair[1].date())]


@require_GET
def directory(request):
    page_cache.depends_on(request, "consultants")
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("open_this_week"):
        # Who is open this week changes as slots pass and the week moves on: a short life.
        page_cache.fresh_until(request, timezone.now() + OPEN_THIS_WEEK_CACHE)
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
    page_cache.depends_on(request, f"consultant:{pk}")
    consultant = get_object_or_404(
        Consultant.objects.active().select_related("photo").prefetch_related("specialties"), pk=pk)
    slots = services.next_open_slots(consultant)
    page_cache.fresh_until(request, lambda: services.open_slots_change_at(consultant, slots))
    return render(request, "consultants/detail.html", {
        "consultant": consultant, "slot_days": _slot_days(slots[:24], availability.zone_of(consultant)),
        "has_more": len(slots) > 24, "queue": _queue_context(request, consultant, slots)})


@login_required
@require_http_methods(["GET", "POST"])
def book(request, pk):
    consultant = services.get_active_consultant(pk)
    form = BookingForm(request.POST or None, initial={"start": request.GET.get("start", "")},
                       modes=services.modes_of(consultant), topics=services.topics_of(consultant))
    start = parse_slot(request.POST.get("start") if request.method == "POST" else request.GET.get("start"))
    booked = _book_with(request, form, lambda data: services.book(
        request.user, consultant.pk, data["start"], data["mode"], **_intake(data)))
    if booked:
        return booked
    return render(request, "consultants/book.html", {
        "consultant": consultant, "form": form, "start": start, **_booking_form_context(request, consultant)})


def _intake(data):
    return {key: data[key] for key in ("topic", "description", "topic_code", "share_profile")}


def _booking_form_context(request, consultant):
    """What the booking form says around its fields: the crisis notice, why her
    bookings wait for approval, and how to be called by phone."""
    return {"closes_hours": services.CHANGE_CLOSES_HOURS,
            "crisis_notice": notifications.crisis_notice_for(consultant),
            "restriction": noshows.current_restriction(request.user),
            "phone_verified": bool(request.user.phone and request.user.phone_verified)}


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
    if booking.status == Booking.Status.PENDING:
        messages.info(request, _("Your booking waits for the consultant's approval. We will tell you."))
    else:
        messages.success(request, _("Your session is booked. We have sent you the details."))
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
    context = {
        "booking": booking, "as_consultant": as_consultant, "as_seeker": booking.seeker_id == request.user.pk,
        "may_change": services.seeker_may_change(booking, now), "deadline": services.change_deadline(booking),
        "closes_hours": services.CHANGE_CLOSES_HOURS, "started": booking.start <= now,
        "meeting_link": meeting.meeting_link(booking), "venue": meeting.venue(booking.consultant),
        "masked_phone": meeting.masked_phone(booking),
        "crisis_notice": notifications.crisis_notice_for(booking.consultant),
    }
    if as_consultant:
        workspace.mark_intake_read(booking, now)
        note = notes.read(booking, request.user, request)
        context.update({
            "decision_form": PendingDecisionForm(),
            "note_form": NoteForm(initial={"note": note.body if note else "",
                                           "shared": note.shared_with_seeker if note else False}),
            "link_form": MeetingLinkForm(initial={"meeting_link": booking.meeting_link}),
            "phone_window_open": meeting.phone_window_open(booking, now),
            "earlier": notes.earlier_sessions(booking, request.user),
            "profile": services.shared_profile(booking),
        })
    else:
        context["feedback_open"] = booking.status == Booking.Status.COMPLETED and not hasattr(booking, "feedback")
    return render(request, "consultants/booking.html", context)


@login_required
@require_GET
def booking_phone(request, pk):
    """The graduate's full number, for her consultant, in the window; each look is logged."""
    booking = _own_booking(request, pk)
    number = meeting.reveal_phone(booking, request.user, request)
    response = render(request, "consultants/booking_phone.html", {"booking": booking, "number": number})
    response["Cache-Control"] = "private, no-store"
    return response


def _when(booking, start=None):
    return moment(start or booking.start, availability.zone_of(booking.consultant))


@login_required
@require_http_methods(["GET", "POST"])
def booking_cancel(request, pk):
    """Cancel a session: the confirmation page (portal/confirmation.py) first, the change
    only on the confirming POST. The consultant gives the graduate a reason there."""
    booking = _own_booking(request, pk)
    if _is_consultant_of(request.user, booking):
        return _cancel_by_consultant(request, booking)
    if confirmed(request):
        # A refusal (too late, already cancelled) is a ServiceError: the problem page shows it.
        services.cancel_by_seeker(booking, request.user)
        messages.success(request, _("The session has been cancelled."))
        return redirect(booking.get_absolute_url())
    names = {"name": booking.consultant.display_name, "time": _when(booking)}
    return confirmation_page(
        request, title=_("Cancel this session"),
        summary=_("Cancel your session with %(name)s on %(time)s?") % names,
        confirm_label=_("Yes, cancel the session"), back_url=booking.get_absolute_url(),
        back_label=_("Keep the session"), consequences=[
            _("The time is freed, and someone else may book it."),
            _("We tell %(name)s, and send you a confirmation.") % names,
            _("To talk to %(name)s later, book a new session.") % names,
        ],
        refusal=services.change_refusal(booking),
    )


def _cancel_by_consultant(request, booking):
    form = ConsultantCancelForm(request.POST if confirmed(request) else None,
                                initial={"reason": request.POST.get("reason", "")})
    if confirmed(request) and form.is_valid():
        # A refusal (started, already cancelled) is a ServiceError: the problem page shows it.
        services.cancel_by_consultant(booking, form.cleaned_data["reason"])
        messages.success(request, _("The session has been cancelled."))
        return redirect(booking.get_absolute_url())
    names = {"name": booking.seeker.get_short_name(), "time": _when(booking)}
    return confirmation_page(
        request, title=_("Cancel this session"),
        summary=_("Cancel the session with %(name)s on %(time)s?") % names,
        confirm_label=_("Cancel and tell the graduate"), back_url=booking.get_absolute_url(),
        back_label=_("Keep the session"), form=form, consequences=[
            _("We tell %(name)s at once, with your reason.") % names,
            _("The time opens again in your calendar: block it under your availability if you cannot take "
              "another booking then."),
        ],
        refusal=services.change_refusal(booking, by_consultant=True), status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def booking_reschedule(request, pk):
    """Move her session: the slot picker; a slot leads to the confirmation page with
    the old and the new time; the confirming POST moves it."""
    booking = _own_booking(request, pk)
    if booking.seeker_id != request.user.pk:
        raise Http404
    data = request.POST if request.method == "POST" else request.GET
    if "start" in data:
        form = RescheduleForm(data)
        if not form.is_valid():
            messages.error(request, _("Choose a slot from the list."))
        elif not confirmed(request):
            return _reschedule_confirmation(request, booking, form.cleaned_data["start"])
        else:
            try:
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


def _reschedule_confirmation(request, booking, start):
    names = {"name": booking.consultant.display_name, "old": _when(booking), "new": _when(booking, start)}
    refusal = services.change_refusal(booking)
    if refusal is None and (start == booking.start or start not in services.next_open_slots(booking.consultant)):
        refusal = ServiceError("not_available",
                               _("She is not available at this time. Please choose one of her open slots."),
                               status=409)
    deadline = moment(start - timedelta(hours=services.CHANGE_CLOSES_HOURS), availability.zone_of(booking.consultant))
    picker = reverse("consultants:booking_reschedule", args=[booking.pk])
    return confirmation_page(
        request, title=_("Move your session"),
        summary=_("Move your session with %(name)s from %(old)s to %(new)s?") % names,
        facts=[(_("Current time"), names["old"]), (_("New time"), names["new"])],
        confirm_label=_("Yes, move it"), back_url=booking.get_absolute_url(),
        back_label=_("Keep the current time"), other_links=[(picker, _("Choose another time"))],
        hidden={"start": start.isoformat()}, consequences=[
            _("Your current time is freed, and someone else may book it."),
            _("We tell %(name)s the new time, and send you a confirmation.") % names,
            _("After %(deadline)s (%(hours)s hours before the new start) it can no longer be changed or "
              "cancelled online.") % {"deadline": deadline, "hours": services.CHANGE_CLOSES_HOURS},
        ],
        refusal=refusal,
    )


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
        notes.write(booking, request.user, form.cleaned_data["note"], form.cleaned_data["shared"])
        messages.success(request, _("Your note has been saved."))
    else:
        messages.error(request, _("The note is too long."))
    return redirect(booking.get_absolute_url())


@login_required
@require_POST
def booking_link(request, pk):
    booking = _consultant_booking(request, pk)
    form = MeetingLinkForm(request.POST)
    if not form.is_valid():
        raise ServiceError("invalid", " ".join(form.errors["meeting_link"]))
    services.set_meeting_link(booking, form.cleaned_data["meeting_link"])
    messages.success(request, _("The meeting link is saved; the graduate sees it on her booking page."))
    return redirect(booking.get_absolute_url())

@login_required
@require_POST
def booking_decision(request, pk):
    """The consultant approves a booking that waited for her, or declines it with a reason."""
    booking = _consultant_booking(request, pk)
    form = PendingDecisionForm(request.POST)
    form.is_valid()
    services.decide_pending(booking, request.POST.get("decision") == "approve", form.cleaned_data.get("reason", ""))
    messages.success(request, _("Saved; the graduate has been told."))
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
def booking_feedback(request, pk):
    booking = _own_booking(request, pk)
    feedback.answerable(booking, request.user)  # 404 if not hers, 409 if not attended or answered
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        feedback.give(booking, request.user, form.cleaned_data["rating"], form.cleaned_data["comment"])
        messages.success(request, _("Thank you for your feedback."))
        return redirect(booking.get_absolute_url())
    return render(request, "consultants/feedback.html", {"booking": booking, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def restriction(request):
    """Why her bookings wait for approval, and a way to write to the editors."""
    current = noshows.current_restriction(request.user)
    if current is None:
        raise Http404
    form = AppealForm(request.POST or None, initial={"appeal": current.appeal})
    if request.method == "POST" and form.is_valid():
        noshows.appeal(current, form.cleaned_data["appeal"])
        messages.success(request, _("Your message has been sent to the editors."))
        return redirect("consultants:restriction")
    return render(request, "consultants/restriction.html", {"restriction": current, "form": form})


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
    form = QueueOfferForm(request.POST or None, modes=services.modes_of(consultant),
                          topics=services.topics_of(consultant))
    booked = _book_with(request, form, lambda data: services.accept_queue_offer(
        request.user, offer.pk, data["mode"], **_intake(data)))
    if booked:
        return booked
    is_open = offer.status == offer.Status.OFFERED and offer.offer_expires_at > timezone.now()
    return render(request, "consultants/queue_offer.html", {
        "offer": offer, "consultant": consultant, "form": form, "is_open": is_open,
        **_booking_form_context(request, consultant)})


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
    """Her workspace: today, what is coming, intake to read, her queue, her week, her figures."""
    feed_url = None
    if consultant.calendar_token:
        feed_url = request.build_absolute_uri(reverse("consultants:calendar_feed", args=[consultant.calendar_token]))
    return render(request, "consultants/me.html", {
        "consultant": consultant, "feed_url": feed_url, "feedback_summary": feedback.summary_for(consultant),
        "role_switch": switcher(request.user, "consultant"), **workspace.workspace(consultant)})


@consultant_required
@require_http_methods(["GET", "POST"])
def me_settings(request, consultant):
    form = ConsultantSettingsForm(request.POST or None, instance=consultant)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your settings have been saved."))
        return redirect("consultants:me")
    return render(request, "consultants/me_settings.html", {"consultant": consultant, "form": form})


def _affected_or_apply(request, consultant, change, affected, what):
    """Apply an availability change, or first show the bookings it covers and ask
    whether to keep or cancel them (with a message to the graduates)."""
    decision = request.POST.get("affected")
    if affected and decision not in ("keep", "cancel"):
        return render(request, "consultants/me_availability_affected.html", {
            "consultant": consultant, "affected": affected, "what": what, "post": request.POST,
            "form": GraduatesMessageForm(),
        })
    cancelled = schedule_changes.apply(change, affected, decision == "cancel", request.POST.get("reason", ""))
    if cancelled:
        messages.success(request, _("Saved. %(count)d bookings were cancelled and the graduates told.")
                         % {"count": len(cancelled)})
    else:
        messages.success(request, _("Your availability has been saved."))
    return redirect("consultants:me_availability")


@consultant_required
@require_http_methods(["GET", "POST"])
def me_availability(request, consultant):
    rule_form = RuleForm(prefix="rule", instance=AvailabilityRule(consultant=consultant))
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
            if form is override_form:
                override = form.save(commit=False)
                affected = schedule_changes.covered_by_block(consultant, override)
                return _affected_or_apply(request, consultant, override.save, affected, str(override))
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
    rule = get_object_or_404(AvailabilityRule, pk=rule_id, consultant=consultant)
    affected = schedule_changes.covered_by_rule(consultant, rule)
    return _affected_or_apply(request, consultant, rule.delete, affected, str(rule))


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
