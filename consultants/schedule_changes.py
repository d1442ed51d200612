"""Changing availability without stranding the bookings already made.

Blocking a day (or hours of it) or removing weekly hours may cover confirmed
bookings. The consultant is shown them and decides: keep them (the change
applies to new bookings only) or cancel them with a message, which tells each
graduate; each is also put at the head of the consultant's queue, so the next
slot that frees is offered to her first. Weekly hours that overlap hours she already has are refused.
"""

from datetime import datetime, time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.errors import ServiceError

from . import services
from .availability import zone_of
from .models import AvailabilityOverride, Booking


def _local(booking, zone):
    return booking.start.astimezone(zone), booking.end.astimezone(zone)


def _upcoming(consultant, now=None):
    return (Booking.objects.filter(consultant=consultant, status__in=services.ACTIVE,
                                   start__gt=now or timezone.now())
            .select_related("seeker", "consultant").order_by("start"))


def covered_by_block(consultant, override, now=None):
    """Her upcoming bookings that a blocked date (all day, or some hours) falls on."""
    if override.kind != AvailabilityOverride.Kind.BLOCK:
        return []
    zone = zone_of(consultant)
    start = datetime.combine(override.date, override.start_time or time.min, tzinfo=zone)
    end = datetime.combine(override.date, override.end_time or time.max, tzinfo=zone)
    return [booking for booking in _upcoming(consultant, now).filter(start__lt=end, end__gt=start)]


def covered_by_rule(consultant, rule, now=None):
    """Her upcoming bookings inside these weekly hours: removing them leaves these without hours."""
    zone = zone_of(consultant)
    covered = []
    for booking in _upcoming(consultant, now):
        start, end = _local(booking, zone)
        in_period = ((rule.valid_from is None or start.date() >= rule.valid_from)
                     and (rule.valid_to is None or start.date() <= rule.valid_to))
        if in_period and start.weekday() == rule.weekday and rule.start_time <= start.time() \
                and end.time() <= rule.end_time:
            covered.append(booking)
    return covered


def overlapping_rule(consultant, weekday, start, end, valid_from=None, valid_to=None, exclude_pk=None):
    """Weekly hours of hers that overlap these (same weekday, times and periods overlap), or None."""
    rules = consultant.rules.filter(weekday=weekday, start_time__lt=end, end_time__gt=start)
    if exclude_pk:
        rules = rules.exclude(pk=exclude_pk)
    for rule in rules:
        starts_before_other_ends = rule.valid_to is None or valid_from is None or valid_from <= rule.valid_to
        other_starts_before_end = rule.valid_from is None or valid_to is None or rule.valid_from <= valid_to
        if starts_before_other_ends and other_starts_before_end:
            return rule
    return None


def apply(change, affected, cancel, message):
    """Make the change (a callable saving or deleting the rule/override); with
    `cancel`, cancel the affected bookings with her message. All or nothing."""
    if cancel and affected and not message.strip():
        raise ServiceError("reason_required", _("Please write the graduates a message."))
    with transaction.atomic():
        change()
        cancelled = []
        if cancel:
            for booking in affected:
                services.queue_first(booking.consultant, booking.seeker)
                cancelled.append(services.cancel_by_consultant(booking, message))
    return cancelled
