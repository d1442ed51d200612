from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.notifications.kinds import Kind
from portal.notifications.links import SiteLink
from portal.notifications.services import send

from . import applications, placements
from .models import Application, ApplicationEvent, JobPosting, Placement

REMIND_BEFORE = timedelta(days=3)


@shared_task
def remind_expiring_postings():
    """Tell employers three days before a posting expires; once per posting,
    however often the beat runs (the dedup key and the sent-at mark)."""
    now = timezone.now()
    due = (
        JobPosting.objects.visible(now)
        .filter(expires_at__lte=now + REMIND_BEFORE, expiry_reminder_sent_at__isnull=True)
        .select_related("employer")
    )
    sent = 0
    for posting in due:
        context = {"posting": posting, "edit_url": SiteLink("jobs:employer_edit", posting.pk)}
        with transaction.atomic():
            for recipient in posting.employer.notification_recipients():
                key = f"job:{posting.pk}:expiry-reminder:{getattr(recipient, 'pk', None) or recipient.email}"
                if send(recipient, "jobs/messages/expiry", context, kind=Kind.POSTING, dedup_key=key,
                        link=context["edit_url"]):
                    sent += 1
            JobPosting.objects.filter(pk=posting.pk).update(expiry_reminder_sent_at=now)
    return sent


@shared_task
def enforce_answer_deadlines(now=None):
    """Every application has a final answer within settings.APPLICATION_ANSWER_DAYS.
    The employer is reminded on the days of settings.APPLICATION_REMINDER_DAYS (each
    once: reminders_sent counts them, dedup keys guard the messages); at answer_due_at
    an application still without an answer closes as UNANSWERED and she is told, with
    similar jobs and a consultant to turn to. An interview does not stop the clock; an
    offer is an answer. Each row is locked (skip_locked) so two runs never send twice.
    Returns (reminders, closed)."""
    now = now or timezone.now()
    waiting = Application.objects.filter(answered_at__isnull=True).exclude(status__in=Application.FINAL)
    closed = 0
    for pk in waiting.filter(answer_due_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            application = _locked(waiting.filter(pk=pk, answer_due_at__lte=now))
            if application is None:
                continue
            application.status = Application.Status.UNANSWERED
            application.closed_at = now
            application.save(update_fields=["status", "closed_at", "updated_at"])
            application.interviews.filter(answer="waiting").update(answer="replaced")
            applications.record(application, ApplicationEvent.Kind.UNANSWERED, at=now)
            applications.notify_seeker(application, "unanswered")
            closed += 1
    reminders = 0
    days = sorted(settings.APPLICATION_REMINDER_DAYS)
    for number, day in reversed(list(enumerate(days, start=1))):
        due = waiting.filter(reminders_sent__lt=number, created_at__lte=now - timedelta(days=day),
                             answer_due_at__gt=now)
        for pk in due.values_list("pk", flat=True):
            with transaction.atomic():
                application = _locked(due.filter(pk=pk))
                if application is None:
                    continue
                # A run that missed day 7 sends only the day-12 reminder.
                application.reminders_sent = number
                application.save(update_fields=["reminders_sent", "updated_at"])
                applications.record(application, ApplicationEvent.Kind.REMINDED, detail=str(day), at=now)
                applications.notify_employer(application, "reminder", reminder_day=day,
                                             dedup=f"application:{application.pk}:reminder:{number}")
                reminders += 1
    return reminders, closed


def _locked(queryset):
    """The row, locked for this transaction; None when another run holds it or changed it."""
    return (queryset.select_for_update(skip_locked=True, of=("self",))
            .select_related("job__employer", "seeker").first())


@shared_task
def ask_retention(today=None):
    """About six months after she started (settings.PLACEMENT_RETENTION_DAYS), ask each
    counted placement once whether she is still in the job, by her chosen channels.
    The asked-at mark (set under a row lock) and the dedup key keep it to once however
    often the beat runs. Returns how many were asked."""
    asked = 0
    for pk in placements.retention_due(today).values_list("pk", flat=True):
        with transaction.atomic():
            placement = (placements.retention_due(today).filter(pk=pk)
                         .select_for_update(skip_locked=True, of=("self",))
                         .select_related("job__employer", "application__seeker").first())
            if placement is None:
                continue
            Placement.objects.filter(pk=pk).update(retention_asked_at=timezone.now())
            placements.ask_retention(placement)
            asked += 1
    return asked
