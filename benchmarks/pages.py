"""Requests/s and latency of the public pages under load, beside /healthz/live.

    .venv/bin/python benchmarks/pages.py                       # own server, own database
    .venv/bin/python benchmarks/pages.py --duration 20 --connections 8 --runs 3
    .venv/bin/python benchmarks/pages.py --url http://127.0.0.1:8000 --cookie sessionid=...

Without --url it builds what issue 17 measured: a throwaway PostgreSQL database
(on the server DATABASE_URL names, default the local one; dropped at the end,
no other database is touched), `migrate`, `seed_demo`, `collectstatic`, a
signed-in graduate, and gunicorn with two sync workers under the production
settings with throwaway secrets (as scripts/fuzz_api.sh does). REDIS_URL is
passed through when set (the production topology has Redis); nothing else
runs, so tasks queue unread.

Each address is driven by wrk (Debian's `wrk`, `apt-get install wrk`) with a
fixed number of connections for a fixed time, anonymous and then signed in,
each run beside /healthz/live served by the same processes, the cost of the
bare request cycle. It prints requests/s, p50/p95/p99 and the ratio to
/healthz/live, the workers' memory before and after, and at the end which of
the issue's targets are met. With --runs N each figure is the median run.
"""

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# (label, path, the ratio target anonymous, signed in)
PAGE_TARGETS = (0.3, 0.06)
API_TARGET = 0.15

# wrk prints this table from its `done` hook, so the percentiles are wrk's own.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format('JSON{"requests": %d, "seconds": %f, "errors": %d, "non2xx": %d, '
    .. '"p50": %f, "p95": %f, "p99": %f}\\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def addresses(course, consultant, job, consultant_id):
    """The public pages and API calls of issue 17, as (label, path, kind)."""
    return [
        ("home", "/", "page"),
        ("/courses/", "/courses/", "page"),
        ("a course", course, "page"),
        ("/consultants/", "/consultants/", "page"),
        ("a consultant", consultant, "page"),
        ("/jobs/", "/jobs/", "page"),
        ("/jobs/?q=会计", "/jobs/?q=" + quote("会计"), "page"),
        ("a job", job, "page"),
        ("/search/?q=面试", "/search/?q=" + quote("面试"), "page"),
        ("API jobs?q=会计", "/api/v1/jobs?q=" + quote("会计"), "api"),
        ("API slots", f"/api/v1/consultants/{consultant_id}/slots", "api"),
    ]


def run_wrk(base, path, connections, duration, cookie, script):
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s",
               "-s", script, "-H", "Accept-Language: zh-hans"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command + [base + path], capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("JSON"))
    figures = json.loads(line[4:])
    figures["rps"] = figures["requests"] / figures["seconds"]
    return figures


def median_of(runs):
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def get(url, cookie=None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.read()


def wait_until_live(base, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if get(base + "/healthz/live")[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"pages.py: {base}/healthz/live did not answer within {seconds} s")


def discover(base):
    """A course, a consultant and a job of a running site, from its own API."""
    courses = json.loads(get(base + "/api/v1/courses")[1])
    consultants = json.loads(get(base + "/api/v1/consultants")[1])
    jobs = json.loads(get(base + "/api/v1/jobs")[1])

    def first(body):
        items = body["results"] if isinstance(body, dict) else body
        return items[0]

    consultant = first(consultants)
    return first(courses)["url"], consultant["url"], first(jobs)["url"], consultant["id"]


class OwnServer:
    """A throwaway PostgreSQL database with demo data and gunicorn on it."""

    def __init__(self, port, workers):
        self.port = port
        self.workers = workers
        self.work = Path(tempfile.mkdtemp(prefix="jinguo-pages-bench."))
        server = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
        if not server.startswith("postgres"):
            raise SystemExit("pages.py measures on PostgreSQL: set DATABASE_URL to a postgres:// server")
        parts = urlsplit(server)
        self.name = f"jinguo_pages_bench_{os.getpid()}"
        self.admin_url = urlunsplit(parts._replace(path="/postgres"))
        self.env = {
            **os.environ,
            "DATABASE_URL": urlunsplit(parts._replace(path=f"/{self.name}")),
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "SENSITIVE_DATA_KEYS": self._fernet_key(),
            "SECURE_SSL_REDIRECT": "0", "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": f"http://127.0.0.1:{port}",
            "API_RATE_ANON": "1000000/min", "API_RATE_USER": "1000000/min",
            "MEDIA_ROOT": str(self.work / "media"), "PRIVATE_MEDIA_ROOT": str(self.work / "private"),
            "LOG_LEVEL": "WARNING",
        }
        for name in ("ELASTICSEARCH_URL", "EMAIL_HOST"):
            self.env.pop(name, None)
        self.process = None

    @staticmethod
    def _fernet_key():
        from cryptography.fernet import Fernet

        return Fernet.generate_key().decode()

    def manage(self, *args, capture=False):
        result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True,
                                capture_output=capture, text=True)
        return result.stdout

    def start(self):
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{self.name}"')
        print(f"database {self.name}: migrate, seed_demo, collectstatic …", flush=True)
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("seed_demo", "-v", "0", capture=True)
        self.manage("collectstatic", "--noinput", "-v", "0")
        facts = json.loads(self.manage("shell", "-v", "0", "-c", SETUP_SNIPPET, capture=True).strip().splitlines()[-1])
        self.process = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "portal.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(self.workers), "--timeout", "60"],
            cwd=ROOT, env=self.env, stdout=open(self.work / "gunicorn.log", "w"), stderr=subprocess.STDOUT)
        return facts

    def worker_rss_mb(self):
        """Resident memory of each gunicorn worker, MB, from /proc."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        sizes = []
        for pid in children:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        try:
            import psycopg

            with psycopg.connect(self.admin_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        finally:
            shutil.rmtree(self.work, ignore_errors=True)


# Run by `manage.py shell` in the benchmark's database: a signed-in graduate's
# session cookie and one published course, active consultant and visible job.
SETUP_SNIPPET = """
import json
from django.conf import settings
from django.test import Client
from consultants.models import Consultant
from courses.models import CoursePage
from jobs.models import JobPosting
from portal.accounts.models import User
user = User.objects.create_user(email="bench@example.com", password="Bench-Horse-42", display_name="测试用户")
client = Client()
client.force_login(user)
consultant = Consultant.objects.active().order_by("pk").first()
print(json.dumps({
    "cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}",
    "course": CoursePage.objects.live().order_by("pk").first().url,
    "consultant": consultant.get_absolute_url(), "consultant_id": consultant.pk,
    "job": JobPosting.objects.visible().order_by("pk").first().get_absolute_url(),
}))
"""


def measure(base, targets, cookie, connections, duration, runs, script):
    """{(label, signed_in): median figures}, each address right after a baseline run."""
    table = {}
    for signed_in in (False, True):
        if signed_in and not cookie:
            continue
        for label, path, kind in targets:
            base_runs, page_runs = [], []
            for _ in range(runs):
                base_runs.append(run_wrk(base, "/healthz/live", connections, duration, None, script))
                page_runs.append(run_wrk(base, path, connections, duration, cookie if signed_in else None, script))
            page, baseline = median_of(page_runs), median_of(base_runs)
            page["ratio"] = page["rps"] / baseline["rps"]
            page["baseline_rps"] = baseline["rps"]
            page["kind"] = kind
            table[label, signed_in] = page
            who = "signed in" if signed_in else "anonymous"
            failures = page["errors"] + page["non2xx"]
            note = f"  errors/non-2xx: {page['errors']:.0f}/{page['non2xx']:.0f}" if failures else ""
            print(f"{label:<18}{who:<11}{page['rps']:>9.1f}{page['p50']:>8.1f}{page['p95']:>8.1f}"
                  f"{page['p99']:>8.1f}{baseline['rps']:>10.1f}{page['ratio']:>8.3f}{note}", flush=True)
    return table


def verdict(table):
    lines = []
    for signed_in, target in ((False, PAGE_TARGETS[0]), (True, PAGE_TARGETS[1])):
        pages = {label: row for (label, who), row in table.items()
                 if who == signed_in and row["kind"] == "page" and label != "/jobs/?q=会计"}
        if not pages:
            continue
        worst_label, worst = min(pages.items(), key=lambda item: item[1]["ratio"])
        met = all(row["ratio"] >= target for row in pages.values())
        who = "signed in" if signed_in else "anonymous"
        lines.append(f"{who} pages ≥ {target} × /healthz/live: {'met' if met else 'NOT met'} "
                     f"(lowest {worst_label} {worst['ratio']:.3f})")
    api = table.get(("API jobs?q=会计", False))
    if api:
        lines.append(f"GET /api/v1/jobs?q=会计 ≥ {API_TARGET} × /healthz/live: "
                     f"{'met' if api['ratio'] >= API_TARGET else 'NOT met'} ({api['ratio']:.3f})")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="measure this running site instead of starting one")
    parser.add_argument("--cookie", help="with --url: NAME=VALUE of a signed-in session for the signed-in runs")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections (default 8)")
    parser.add_argument("--duration", type=int, default=20, help="seconds per run and address (default 20)")
    parser.add_argument("--runs", type=int, default=1, help="runs per address; figures are the median (default 1)")
    parser.add_argument("--port", type=int, default=8817, help="where the own server listens (default 8817)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers of the own server (default 2)")
    parser.add_argument("--only", help="comma-separated labels to run (default all)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("pages.py needs wrk: apt-get install -y wrk")

    server = None
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(WRK_SCRIPT)
    try:
        if args.url:
            base, cookie = args.url.rstrip("/"), args.cookie
            wait_until_live(base)
            course, consultant, job, consultant_id = discover(base)
        else:
            server = OwnServer(args.port, args.workers)
            facts = server.start()
            base, cookie = f"http://127.0.0.1:{args.port}", facts["cookie"]
            wait_until_live(base)
            course, consultant, job, consultant_id = (facts["course"], facts["consultant"], facts["job"],
                                                      facts["consultant_id"])
        targets = addresses(course, consultant, job, consultant_id)
        if args.only:
            wanted = set(args.only.split(","))
            targets = [target for target in targets if target[0] in wanted]
        for _label, path, _kind in targets:  # every address answers before it is measured
            for who in (None, cookie):
                status, _body = get(base + path, who)
                assert status == 200, (path, status)
        memory_before = server.worker_rss_mb() if server else None
        print(f"\n{base}: wrk, {args.connections} connections, {args.duration} s per run, {args.runs} run(s), "
              f"baseline /healthz/live before each")
        print(f"{'address':<18}{'who':<11}{'req/s':>9}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
              f"{'live r/s':>10}{'ratio':>8}")
        table = measure(base, targets, cookie, args.connections, args.duration, args.runs, lua.name)
        if server:
            memory_after = server.worker_rss_mb()
            print(f"worker memory (MB): before {', '.join(f'{m:.0f}' for m in memory_before)}; "
                  f"after {', '.join(f'{m:.0f}' for m in memory_after)}")
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"machine: {os.cpu_count()} CPUs, load average {load} (other work on the machine lowers the figures)")
        for line in verdict(table):
            print(line)
    finally:
        os.unlink(lua.name)
        if server:
            server.stop()


if __name__ == "__main__":
    main()
