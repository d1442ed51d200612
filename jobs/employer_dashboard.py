"""The employer's home (/jobs/employer/): each posting with its applicants counted by
status, in one query whatever the number of postings and applicants."""

from django.db.models import Count, Q

from . import wording
from .models import Application

# The order in which her columns read: from new to finished.
STATUS_ORDER = [
    Application.Status.SUBMITTED, Application.Status.VIEWED, Application.Status.INTERVIEW,
    Application.Status.OFFER, Application.Status.HIRED, Application.Status.REJECTED,
    Application.Status.WITHDRAWN, Application.Status.UNANSWERED,
]


def postings_with_counts(employer):
    """Her postings, newest first, each with `applicant_counts`: [(status label, count)]
    in STATUS_ORDER, and `applicant_total`."""
    counts = {f"n_{status}": Count("applications", filter=Q(applications__status=status)) for status in STATUS_ORDER}
    postings = list(employer.jobs.annotate(applicant_total=Count("applications"), **counts).order_by("-created_at"))
    for posting in postings:
        posting.applicant_counts = [(status, wording.for_employer(status), getattr(posting, f"n_{status}"))
                                    for status in STATUS_ORDER]
    return postings
