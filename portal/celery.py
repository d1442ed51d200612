"""The Celery app. Configuration lives in Django settings under CELERY_*."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="portal.ping", ignore_result=False)
def ping():
    """Answers from whichever worker runs it; health checks and tests use it to
    prove that a task really travelled through the broker."""
    import os
    import socket

    return {"pid": os.getpid(), "host": socket.gethostname()}
