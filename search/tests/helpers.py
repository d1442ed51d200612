import pytest


@pytest.fixture
def eager_tasks():
    """Celery tasks run in-process, as in the embedded default (needed when REDIS_URL is set)."""
    from portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous
