"""scripts/stack.sh for real: gunicorn, a Celery worker and beat as separate
processes against PostgreSQL and Redis, the docker-compose topology without
containers.

The stack runs against the test database, so the rows written here must be
committed (transaction=True) for its processes to see them. Every wait is
bounded, and whatever happens the stack's process group is killed at the end.
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "stack.sh"

# Importing Django, Wagtail and Celery in five processes at once takes 10-25 s on
# a busy two-core machine; the bound leaves room for that, not for a hang.
START_TIMEOUT = 120
TASK_TIMEOUT = 30
STOP_TIMEOUT = 40  # stack.sh escalates to SIGKILL after STACK_STOP_TIMEOUT=20


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    """The test database exactly as pytest-django set it up."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = db.get("HOST") or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{quote(db['NAME'], safe='')}"


def group_members(pgid):
    """Live processes (zombies excluded) of a process group: {pid: command line}."""
    members = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            # The command name in parentheses may hold spaces: split after it.
            state, _ppid, group = stat.rsplit(")", 1)[1].split()[:3]
            if int(group) != pgid or state == "Z":
                continue
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue  # gone while we looked
        members[int(entry.name)] = cmdline
    return members


def worker_main_pid(pgid, script_pid):
    """The Celery worker the script started (its child), not the pool's processes."""
    for pid, cmdline in group_members(pgid).items():
        try:
            ppid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (FileNotFoundError, ValueError):
            continue
        if ppid == script_pid and " worker " in f" {cmdline} ":
            return pid
    return None


def log_tail(path, lines=80):
    text = Path(path).read_text(errors="replace")
    return "\n".join(text.splitlines()[-lines:])


def wait_until(predicate, timeout, interval=0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    return predicate()


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_stack_serves_the_site_runs_tasks_and_stops_cleanly(requires_postgres, redis_url, home_page):
    from portal.celery import app, ping
    from portal.pages.models import HomePage

    # A title nobody else has: proves that the page served comes from this test's database.
    marker = f"栈测试 {uuid.uuid4().hex[:8]}"
    HomePage.objects.filter(pk=home_page.pk).update(hero_title=marker)

    # A queue of its own for the worker, so that no other worker on this Redis
    # can take the ping meant for it.
    private_queue = f"stack-test-{uuid.uuid4().hex[:8]}"
    port = free_port()
    env = {
        **os.environ,
        "STACK_SKIP_SETUP": "1",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "STACK_WORKER_QUEUES": f"{app.conf.task_default_queue},{private_queue}",
        "STACK_STOP_TIMEOUT": "20",
    }
    # Run the stack on the interpreter running this test when it is a virtualenv
    # with gunicorn; stack.sh defaults to .venv otherwise.
    if (Path(sys.prefix) / "bin" / "gunicorn").exists():
        env["VENV"] = sys.prefix
    # Search is not what this test is about; a configured but absent node would fail /healthz.
    env.pop("ELASTICSEARCH_URL", None)
    base = f"http://127.0.0.1:{port}"

    log = tempfile.NamedTemporaryFile(prefix="stack-test-", suffix=".log", delete=False)
    proc = subprocess.Popen(
        [str(SCRIPT)], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    pgid = proc.pid  # start_new_session: the script leads its own group
    try:
        def healthy():
            if proc.poll() is not None:
                pytest.fail(f"stack.sh exited early with {proc.returncode}")
            try:
                response = requests.get(f"{base}/healthz", timeout=5)
            except requests.RequestException:
                return None
            return response if response.status_code == 200 else None

        response = wait_until(healthy, START_TIMEOUT)
        assert response, f"/healthz did not answer 200 within {START_TIMEOUT}s"
        checks = response.json()["checks"]
        for name in ("database", "cache", "broker"):
            assert checks[name]["ok"], checks

        page = requests.get(f"{base}/", timeout=15)
        assert page.status_code == 200
        assert marker in page.text

        # A task that travels through Redis to the stack's worker and back.
        answer = ping.apply_async(queue=private_queue).get(timeout=TASK_TIMEOUT)
        assert isinstance(answer, dict), answer
        assert answer["pid"] != os.getpid()
        assert answer["pid"] in group_members(pgid), f"pid {answer['pid']} is not one of the stack's processes"

        # Beat answers remote-control pings only while its scheduler ticks.
        beat_node = f"stack-beat-{proc.pid}@"

        def beat_replies():
            replies = app.control.ping(timeout=2)
            return [reply for reply in replies if next(iter(reply)).startswith(beat_node)]

        assert wait_until(beat_replies, TASK_TIMEOUT, interval=0), f"no ping answer from {beat_node}*"

        # The worker dies: the web keeps answering and the supervisor starts another.
        dead = worker_main_pid(pgid, proc.pid)
        os.kill(dead, signal.SIGKILL)
        assert requests.get(f"{base}/", timeout=5).status_code == 200
        replaced = wait_until(lambda: (worker_main_pid(pgid, proc.pid) or dead) != dead, 10, interval=0.2)
        assert replaced, "no new worker process within 10 s"
        assert requests.get(f"{base}/", timeout=5).status_code == 200
        again = ping.apply_async(queue=private_queue).get(timeout=TASK_TIMEOUT)
        assert again["pid"] != answer["pid"] and again["pid"] in group_members(pgid)
        assert "worker (pid" in Path(log.name).read_text(errors="replace")

        proc.send_signal(signal.SIGTERM)
        try:
            returncode = proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            pytest.fail(f"stack.sh did not stop within {STOP_TIMEOUT}s of SIGTERM")
        assert returncode == 0

        # stack.sh waited for its children, and they for theirs; allow a moment all the same.
        wait_until(lambda: not group_members(pgid), 10)
        survivors = group_members(pgid)
        assert not survivors, f"still running after the stack stopped: {survivors}"
    except BaseException:
        print(f"--- tail of {log.name} ---\n{log_tail(log.name)}")
        raise
    finally:
        # Whatever failed above, leave nothing running (gunicorn and Celery
        # would keep connections to the test database open): first the
        # script's own orderly stop, then SIGKILL for whatever is left.
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                pass
        if group_members(pgid):
            try:
                os.killpg(pgid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if proc.poll() is None:
            proc.wait(timeout=10)
        log.close()
        os.unlink(log.name)
