"""How an employer answers: the share of applications answered within the deadline
and the median time to the answer, over the last settings.RESPONSE_RATE_DAYS days.

Counted: applications sent in that window that were answered (a final answer or an
offer), closed unanswered, or whose deadline has passed. Not counted: those she withdrew before any
answer, and those still within their deadline without one. Hidden with fewer than
MINIMUM: a rate over one or two applications says nothing.
"""

from dataclasses import dataclass
from datetime import timedelta
from statistics import median

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import Application

MINIMUM = 3


@dataclass(frozen=True)
class Responsiveness:
    counted: int
    answered_in_time: int
    median_days: int | None
    days: int
    window: int

    @property
    def rate(self):
        """Percent, rounded."""
        return round(100 * self.answered_in_time / self.counted) if self.counted else 0


def counted_applications(employer_id, now=None):
    now = now or timezone.now()
    since = now - timedelta(days=settings.RESPONSE_RATE_DAYS)
    return (Application.objects.filter(job__employer_id=employer_id, created_at__gte=since)
            .filter(Q(answered_at__isnull=False) | Q(answer_due_at__lte=now)
                    | Q(status=Application.Status.UNANSWERED))
            .exclude(status=Application.Status.WITHDRAWN, answered_at__isnull=True))


def for_employer(employer_id, now=None):
    """The figures (one query), or None when fewer than MINIMUM applications count."""
    rows = list(counted_applications(employer_id, now).values_list("created_at", "answered_at", "answer_due_at"))
    if len(rows) < MINIMUM:
        return None
    answered = [(sent, at, due) for sent, at, due in rows if at is not None]
    in_time = sum(1 for _sent, at, due in answered if at <= due)
    days = [(at - sent).total_seconds() / 86400 for sent, at, _due in answered]
    return Responsiveness(counted=len(rows), answered_in_time=in_time,
                          median_days=round(median(days)) if days else None,
                          days=settings.APPLICATION_ANSWER_DAYS, window=settings.RESPONSE_RATE_DAYS)
