"""Offers to the next in line: the one implementation behind every queue of the
portal, a course session's waitlist (courses) and the queue for a consultant's
full calendar (consultants).

A line is a queryset of waiting entries (rows with `created_at`), served in
(created_at, pk) order. Whatever is free (seats, a slot) is offered to the first
in line for a window; when an offer runs out it ends, and what it held is
offered to the next. The caller locks the thing the line waits for (the
session's row, the consultant's row) around each step, so that two requests
never offer one thing twice, and a second run finds nothing left to do.

    offers.offer_next(line, free, window=timedelta(hours=2), now=now, latest=deadline,
                      offer=mark_and_tell)
    offers.expire(offered, now, owner="session", lock=lock_session, pass_on=end_and_refill)
"""

from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

ORDER = ("created_at", "pk")


def offer_next(line, free, *, window, now, offer, latest=None):
    """Offer `free` things to the first `free` entries of `line`, each until
    `now + window` (or `latest`, when that comes first: the start of the
    session, the last moment the slot may still be booked). `offer(entry,
    until)` marks her entry as offered and tells her. Nothing is offered when
    nothing is free or the time to accept has already gone. Call it with the
    thing locked. Returns the entries offered."""
    until = now + window if latest is None else min(now + window, latest)
    if free <= 0 or until <= now:
        return []
    entries = list(line.order_by(*ORDER)[:free])
    for entry in entries:
        offer(entry, until)
    return entries


def expire(offered, now, *, owner, lock, pass_on, also=()):
    """End the offers among `offered` (a queryset of entries with
    `offer_expires_at`) whose time ran out by `now`, and pass on what they held.

    One transaction per owner (`owner` names the field of what the line waits
    for): `lock(owner_id)` locks and returns it, the run-out offers are read
    again under the lock, and `pass_on(locked, ran_out)` ends them and offers
    what is free to the next in line. Owners in `also` are visited as well
    (with no run-out offers) to offer what freed up otherwise. Safe to run
    twice, or twice at once: an ended offer does not run out again.
    Returns how many offers ran out."""
    ran_out = offered.filter(offer_expires_at__lte=now)
    owners = set(ran_out.values_list(owner, flat=True)) | set(also)
    count = 0
    for owner_id in sorted(owners):
        with transaction.atomic():
            locked = lock(owner_id)
            entries = list(ran_out.filter(**{owner: owner_id}).order_by(*ORDER))
            count += len(entries)
            pass_on(locked, entries)
    return count


def people_ahead(line, group):
    """How many entries of `line` stand ahead of the outer query's entry, in
    line order: an expression to annotate entries with (0 for the first).
    `line` is filtered with OuterRef to the entry's own line; `group` is the
    field that names the line (the session, the consultant)."""
    ahead = line.filter(Q(created_at__lt=OuterRef("created_at"))
                        | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk")))
    count = ahead.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(count), Value(0))
