"""How an application's status reads on each side. The same state is news of a
different kind for her ("用人单位已查看") and for the employer ("已查看"), so each
side has its own words; templates and messages use these, never get_status_display
on the employer's side."""

from django.utils.translation import pgettext_lazy

from .models import Application

Status = Application.Status

FOR_SEEKER = {
    Status.SUBMITTED: pgettext_lazy("her application", "Sent"),
    Status.VIEWED: pgettext_lazy("her application", "Seen by the employer"),
    Status.INTERVIEW: pgettext_lazy("her application", "Interview invitation"),
    Status.OFFER: pgettext_lazy("her application", "Offer received"),
    Status.HIRED: pgettext_lazy("her application", "Hired"),
    Status.REJECTED: pgettext_lazy("her application", "Not successful"),
    Status.WITHDRAWN: pgettext_lazy("her application", "Withdrawn"),
    Status.UNANSWERED: pgettext_lazy("her application", "No answer received"),
}

FOR_EMPLOYER = {
    Status.SUBMITTED: pgettext_lazy("applicant, for the employer", "New application"),
    Status.VIEWED: pgettext_lazy("applicant, for the employer", "Viewed"),
    Status.INTERVIEW: pgettext_lazy("applicant, for the employer", "Invited to interview"),
    Status.OFFER: pgettext_lazy("applicant, for the employer", "Offer sent"),
    Status.HIRED: pgettext_lazy("applicant, for the employer", "Hired"),
    Status.REJECTED: pgettext_lazy("applicant, for the employer", "Not selected"),
    Status.WITHDRAWN: pgettext_lazy("applicant, for the employer", "Withdrawn by the candidate"),
    Status.UNANSWERED: pgettext_lazy("applicant, for the employer", "Not answered in time"),
}


def for_seeker(status):
    return FOR_SEEKER.get(status, status)


def for_employer(status):
    return FOR_EMPLOYER.get(status, status)
