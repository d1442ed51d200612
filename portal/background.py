"""Enqueue Celery tasks only once the surrounding transaction has committed.

A task that starts before its data is committed reads the old row, or none. A
broker that is down must not turn a user's successful save into an error: the
failure is logged, and the work that must not be lost (email, search indexing)
keeps its own database outbox that a periodic task drains.
"""

import logging
from functools import partial

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def _send(task, args, kwargs):
    try:
        task.apply_async(args=args, kwargs=kwargs)
    except (OperationalError, ConnectionError, OSError) as exc:
        logger.warning("Could not enqueue %s: %s; its outbox will pick it up.", task.name, exc)


def enqueue_on_commit(task, *args, **kwargs):
    transaction.on_commit(partial(_send, task, args, kwargs))
