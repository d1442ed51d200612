"""A task really travels through Redis to a separate Celery worker process.

The worker listens on a queue of its own, so that it takes nothing meant for
other workers on the same Redis and nothing else takes its task. Every wait is
bounded, and the worker's process group is terminated whatever happens.
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.redis

ROOT = Path(__file__).resolve().parent.parent
CELERY = ROOT / ".venv" / "bin" / "celery"
START_TIMEOUT = 60
TASK_TIMEOUT = 30
STOP_TIMEOUT = 15


def stop(process):
    """TERM the worker's process group, then KILL it if it does not go."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=STOP_TIMEOUT)


def wait_until_ready(process, log_path):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        log = log_path.read_text(errors="replace")
        if " ready." in log:
            return
        if process.poll() is not None:
            pytest.fail(f"the worker exited with {process.returncode}:\n{log[-4000:]}")
        time.sleep(0.2)
    pytest.fail(f"the worker was not ready within {START_TIMEOUT}s:\n{log_path.read_text(errors='replace')[-4000:]}")


def forget_queue(redis_url, queue):
    """Remove what kombu keeps in Redis for the private queue: the list itself,
    its exchange's bindings and their bookkeeping."""
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
        for key in client.scan_iter(match="_kombu.binding*"):
            if client.type(key) != b"set":
                continue
            for member in client.smembers(key):
                if member.decode(errors="replace").endswith(queue):
                    client.srem(key, member)
    finally:
        client.close()


def test_a_task_runs_in_a_real_worker(redis_url):
    from django.conf import settings

    from portal.celery import app, ping

    # portal.settings.test reads REDIS_URL: Celery is already set up for it.
    assert settings.REDIS_URL == redis_url
    assert app.conf.broker_url == redis_url
    assert app.conf.result_backend == redis_url
    assert app.conf.task_always_eager is False

    queue = f"worker-test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "PYTHONUNBUFFERED": "1",
    }
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    command = [
        str(CELERY) if CELERY.exists() else sys.executable,
        *([] if CELERY.exists() else ["-m", "celery"]),
        "-A",
        "portal",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "-Q",
        queue,
        "-n",
        f"{queue}@%h",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel=info",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        log_path = Path(tmp) / "worker.log"
        with log_path.open("wb") as log:
            worker = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        try:
            wait_until_ready(worker, log_path)

            result = ping.apply_async(queue=queue)
            answer = result.get(timeout=TASK_TIMEOUT)

            assert answer["pid"] == worker.pid, log_path.read_text(errors="replace")[-4000:]
            assert answer["pid"] != os.getpid()
            assert answer["host"]
            assert result.successful()
            # The worker logs the success just after storing the result: allow it a moment.
            line = f"Task {ping.name}[{result.id}] succeeded"
            deadline = time.monotonic() + 10
            while line not in log_path.read_text(errors="replace") and time.monotonic() < deadline:
                time.sleep(0.1)
            assert line in log_path.read_text(errors="replace")
            result.forget()
        finally:
            stop(worker)
            forget_queue(redis_url, queue)
    assert worker.returncode is not None
