"""Take screenshots of pages in Debian's Chromium: a look at what people see.

    .venv/bin/python scripts/screenshot.py http://127.0.0.1:8000/ --out /tmp/shots [--widths 390,1280]
    .venv/bin/python scripts/screenshot.py --demo http://127.0.0.1:8000   # or: make screenshots

With --demo, the portal's own pages as each person sees them, from the demo
database that `seed_demo` fills (the server at the given address must serve the
same database): home, courses, a course, consultants, a consultant, jobs, a
job, search, her /me/, the consultant's workspace, the employer's page and the
admin dashboard, at 390 and 1280 px, into test-artifacts/screenshots/. The
signed-in pages use a session this script creates in the database for the demo
graduate, consultant, employer member and an editor (none has a password).
"""

import argparse
import os
import pathlib
import re
import sys
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

ROOT = pathlib.Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
DEMO_OUT = ROOT / "test-artifacts" / "screenshots"


def _django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()


def _session_for(user):
    """A signed-in session for `user`, as django.contrib.auth.login writes it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {"name": settings.SESSION_COOKIE_NAME, "value": session.session_key}


def demo_shots():
    """[(name, path, who)]: who is None (anonymous) or a user to sign in as."""
    _django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from consultants.models import Consultant
    from courses.models import CoursePage
    from jobs.models import EmployerMember, JobPosting

    User = get_user_model()
    course = CoursePage.objects.live().order_by("pk").first()
    consultant = Consultant.objects.filter(is_active=True, user__isnull=False).order_by("pk").first()
    job = JobPosting.objects.visible().order_by("-published_at").first()
    member = EmployerMember.objects.select_related("user", "employer").order_by("pk").first()
    graduate = User.objects.get(email="graduate1@jinguo.example")
    editor, _ = User.objects.get_or_create(email="editor@jinguo.example", defaults={"display_name": "编辑小林"})
    editor.groups.add(Group.objects.get(name="Moderators"))
    return [
        ("home", "/", None),
        ("courses", "/courses/", None),
        ("course", course.url, None),
        ("consultants", "/consultants/", None),
        ("consultant", f"/consultants/{consultant.pk}/", None),
        ("jobs", "/jobs/", None),
        ("job", f"/jobs/{job.pk}/", graduate),
        ("search", "/search/?q=面试", None),
        ("me", "/me/", graduate),
        ("consultant-workspace", "/consultants/me/", consultant.user),
        ("employer", "/jobs/employer/", member.user),
        ("employer-page", f"/employers/{member.employer_id}/", None),
        ("admin-dashboard", "/cms/", editor),
    ]


def shoot(browser, url, path, width, cookies=()):
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 844 if width < 600 else 900})
    if cookies:
        context.add_cookies(list(cookies))
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.screenshot(path=str(path), full_page=True)
    context.close()
    print(path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("urls", nargs="+", help="pages; with --demo, the server's address")
    parser.add_argument("--out", default=None)
    parser.add_argument("--widths", default="390,1280")
    parser.add_argument("--demo", action="store_true", help="the portal's main pages from the demo database")
    args = parser.parse_args()
    widths = [int(w) for w in args.widths.split(",")]
    out = pathlib.Path(args.out or (DEMO_OUT if args.demo else "/tmp/shots"))
    out.mkdir(parents=True, exist_ok=True)
    if args.demo:
        base = args.urls[0].rstrip("/")
        host = urlsplit(base).hostname
        sessions = {}
        jobs = []
        for name, path, who in demo_shots():
            if who is not None and who.pk not in sessions:
                sessions[who.pk] = {**_session_for(who), "domain": host, "path": "/"}
            jobs.append((name, base + path, [sessions[who.pk]] if who is not None else []))
    else:
        jobs = [(re.sub(r"[^a-z0-9]+", "-", url.split("//", 1)[-1].lower()).strip("-"), url, []) for url in args.urls]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for width in widths:
            for name, url, cookies in jobs:
                shoot(browser, url, out / f"{name}-{width}.png", width, cookies)
        browser.close()


if __name__ == "__main__":
    main()
