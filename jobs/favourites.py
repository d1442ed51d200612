"""Jobs she keeps for later (收藏) and the 已投递 / 已收藏 markers on job cards.

    add(user, job_id)           → (Favourite, created); NotFound / Gone for a job she cannot see
    remove(user, job_id)        → True when one was removed; never refuses
    get_for(user, job_id)       → her Favourite of that job, or NotFound
    list_for(user)              → her favourites, newest first, each with `.state`
    markers_for(user, job_ids)  → Markers(applied, favourite): two sets of job ids

Only a posting the public may see can be added (jobs.services.get_visible_job).
One she saved stays in her list after it expires or closes, marked so, and can
always be removed. Add and remove are idempotent: a double tap, or the page's
form and its script both answering, change nothing twice.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.errors import NotFound

from .models import Application, Favourite
from .services import get_visible_job

# A primary key the database can hold: anything else is an unknown job, not a crash.
MAX_ID = 2**63 - 1

OPEN, EXPIRED, CLOSED = "open", "expired", "closed"
STATE_LABELS = {EXPIRED: gettext_lazy("Expired"), CLOSED: gettext_lazy("Closed")}


def _valid_id(job_id):
    return isinstance(job_id, int) and 0 < job_id <= MAX_ID


def add(user, job_id):
    """Keep a visible job for her. Already kept: the one she has, also once it expired."""
    if not _valid_id(job_id):
        raise NotFound("not_found", _("This job does not exist or is not published."))
    existing = Favourite.objects.filter(user=user, job_id=job_id).select_related("job__employer").first()
    if existing is not None:
        return _with_state(existing, timezone.now()), False
    job = get_visible_job(job_id)
    try:
        with transaction.atomic():
            favourite, created = Favourite.objects.create(user=user, job=job), True
    except IntegrityError:  # the same tap twice at once: the other request stored it
        favourite, created = Favourite.objects.select_related("job__employer").get(user=user, job=job), False
    return _with_state(favourite, timezone.now()), created


def remove(user, job_id):
    """Forget a favourite, whatever became of its posting."""
    if not _valid_id(job_id):
        return False
    deleted, _details = Favourite.objects.filter(user=user, job_id=job_id).delete()
    return bool(deleted)


def _with_state(favourite, now):
    job = favourite.job
    if job.is_visible(now):
        favourite.state = OPEN
    elif job.is_expired(now):
        favourite.state = EXPIRED
    else:  # closed by the employer, or taken back for review: not open to her
        favourite.state = CLOSED
    favourite.visible = favourite.state == OPEN
    favourite.state_label = STATE_LABELS.get(favourite.state, "")
    return favourite


def get_for(user, job_id):
    favourite = None
    if _valid_id(job_id):
        favourite = Favourite.objects.filter(user=user, job_id=job_id).select_related("job__employer").first()
    if favourite is None:
        raise NotFound("not_found", _("This job is not in your favourites."))
    return _with_state(favourite, timezone.now())


def list_for(user):
    """Her favourites, newest first, with posting and employer in one query. Each has
    `state` (open / expired / closed), `state_label` and `visible`."""
    if not user.is_authenticated:
        return []
    now = timezone.now()
    favourites = Favourite.objects.filter(user=user).select_related("job__employer")
    return [_with_state(favourite, now) for favourite in favourites]


@dataclass(frozen=True)
class Markers:
    """Which of a page's jobs she applied to (any status but withdrawn) and keeps."""

    applied: frozenset = field(default_factory=frozenset)
    favourite: frozenset = field(default_factory=frozenset)


NO_MARKERS = Markers()


def markers_for(user, job_ids):
    """The markers of a whole page of cards in two queries (none for a visitor)."""
    ids = {job_id for job_id in job_ids if _valid_id(job_id)}
    if not ids or not user.is_authenticated:
        return NO_MARKERS
    applied = (Application.objects.filter(seeker=user, job_id__in=ids)
               .exclude(status=Application.Status.WITHDRAWN).values_list("job_id", flat=True))
    kept = Favourite.objects.filter(user=user, job_id__in=ids).values_list("job_id", flat=True)
    return Markers(applied=frozenset(applied), favourite=frozenset(kept))

