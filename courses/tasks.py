"""Beat tasks: waitlist offers that expire, and reminders 24 hours before a session.
Both are idempotent: a second run finds nothing left to do, and every email has
a dedup key."""

from celery import shared_task

from . import services


@shared_task
def expire_waitlist_offers():
    return services.expire_offers()


@shared_task
def send_session_reminders():
    return services.send_reminders()
