"""How an application's status reads on each side. The same state is news of a
different kind for her ("用人单位已查看") and for the employer ("已查看"), so each
side has its own words; templates and messages use these, never get_status_display
on the employer's side."""

from django.utils.translation import gettext_lazy as _

from .models import Application

Status = Application.Status

FOR_SEEKER = {
    Status.SUBMITTED: _("Sent"),
    Status.VIEWED: _("Seen by the employer"),
    Status.INTERVIEW: _("Interview invitation"),
    Status.OFFER: _("Offer received"),
    Status.HIRED: _("Hired"),
    Status.REJECTED: _("Not successful"),
    Status.WITHDRAWN: _("Withdrawn"),
    Status.UNANSWERED: _("No answer received"),
}

FOR_EMPLOYER = {
    Status.SUBMITTED: _("New application"),
    Status.VIEWED: _("Viewed"),
    Status.INTERVIEW: _("Invited to interview"),
    Status.OFFER: _("Offer sent"),
    Status.HIRED: _("Hired"),
    Status.REJECTED: _("Not selected"),
    Status.WITHDRAWN: _("Withdrawn by the candidate"),
    Status.UNANSWERED: _("Not answered in time"),
}


def for_seeker(status):
    return FOR_SEEKER.get(status, status)


def for_employer(status):
    return FOR_EMPLOYER.get(status, status)
