"""Her part of the jobs app in her data export, and what erasing her account does to it
(portal/privacy calls both through jobs.services).

Erasure keeps what the federation's figures count: every application's status, dates
and job, and every placement. Her résumé as sent, her note, her CVs (files too) and
her favourites go; the employer then reads "deleted user" on the application.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import CV, Application, ApplicationEvent, Favourite, Interview, Placement


def _iso(value):
    return value.isoformat() if value else None


def _application(application):
    return {
        "id": application.pk, "job": application.job.title, "employer": application.job.employer.name,
        "status": application.status, "reason": application.reason, "created_at": _iso(application.created_at),
        "answer_due_at": _iso(application.answer_due_at), "viewed_at": _iso(application.viewed_at),
        "answered_at": _iso(application.answered_at), "closed_at": _iso(application.closed_at),
        "contact_shared_at": _iso(application.contact_shared_at), "cover_note": application.cover_note,
        "with_resume": application.with_resume, "resume_as_sent": application.resume_snapshot,
        "cv": application.cv.original_name if application.cv else None,
        "history": [{"kind": event.kind, "at": _iso(event.at), "detail": event.detail}
                    for event in application.events.all()],
        "interviews": [{"starts_at": _iso(interview.starts_at), "mode": interview.mode, "place": interview.place,
                        "link": interview.link, "answer": interview.answer, "her_message": interview.message}
                       for interview in application.interviews.all()],
    }


def personal_data(user):
    applications = (Application.objects.filter(seeker=user).select_related("job__employer", "cv")
                    .prefetch_related("events", "interviews").order_by("created_at", "pk"))
    cvs = list(CV.objects.filter(owner=user).order_by("uploaded_at", "pk"))
    favourites = Favourite.objects.filter(user=user).select_related("job__employer").order_by("created_at", "pk")
    placements = Placement.objects.filter(application__seeker=user).select_related("job", "employer")
    return {
        "name": "jobs",
        "records": {
            "applications": [_application(application) for application in applications],
            "cvs": [{"id": cv.pk, "file_name": cv.original_name, "kind": cv.kind, "size": cv.size,
                     "uploaded_at": _iso(cv.uploaded_at), "in_zip": f"files/cvs/{cv.pk}.{cv.kind}"} for cv in cvs],
            "favourites": [{"job_id": favourite.job_id, "job": favourite.job.title,
                            "employer": favourite.job.employer.name, "saved_at": _iso(favourite.created_at)}
                           for favourite in favourites],
            "placements": [{"job": placement.job.title, "employer": placement.employer.name,
                            "placed_on": _iso(placement.placed_on)} for placement in placements],
        },
        "files": [(f"files/cvs/{cv.pk}.{cv.kind}", cv.file) for cv in cvs if cv.file],
    }


def erase_personal_data(user):
    now = timezone.now()
    applications = Application.objects.filter(seeker=user)
    applications.update(resume_snapshot={}, cover_note="", cv=None, anonymised_at=now)
    # Event details and her answers to interviews are her words (or the employer's to her).
    ApplicationEvent.objects.filter(application__seeker=user).update(detail="")
    Interview.objects.filter(application__seeker=user).update(message="")
    Favourite.objects.filter(user=user).delete()
    files = [(cv.file.storage, cv.file.name) for cv in CV.objects.filter(owner=user) if cv.file]
    CV.objects.filter(owner=user).delete()

    def delete_files():
        for storage, name in files:
            storage.delete(name)

    # Only once the rows are gone for good: a rolled-back erasure keeps her files.
    transaction.on_commit(delete_files)


def erased_name():
    return _("Deleted user")
