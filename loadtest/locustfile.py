"""Many people at once on the running stack (scripts/load.sh runs this headless).

Three kinds of visitor, as the portal sees them:
- a passer-by (half the crowd) browses the home page, courses, consultants and
  jobs, and searches jobs for Chinese keywords with a district facet;
- a graduate in the browser logs in through the login form and, with the CSRF
  token each form carries, enrols in a course, books a consultant's slot, saves a
  job and applies with her online résumé;
- a graduate in the app does the same through the JSON API with her token.

The graduates all want the earliest slots and the small sessions, so that the
portal's guards against double booking and overfilling are raced for real: a
refusal (409 and the like) is the portal doing its job; any 5xx fails the run.
The graduates come from `manage.py load_users` (the file in LOAD_USERS).

At the end it prints p50/p95 per endpoint and exits 1 on any 5xx.
"""

import itertools
import json
import os
import random
import re
import threading
from collections import defaultdict
from urllib.parse import quote, unquote

from locust import HttpUser, between, events, task

KEYWORDS = ["会计", "教师", "行政", "文员", "销售", "设计", "护士", "运营"]
DISTRICTS = ["永川", "璧山", "江津", "渝北", "南岸", "九龙坡"]
SITE_QUERIES = ["礼仪", "面试", "心理", "法律", "幼儿"]

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

_people = []
_next_person = itertools.count()
_catalogue = {}
_catalogue_lock = threading.Lock()
# "METHOD name" -> count of 5xx answers: the run fails on any.
server_errors = defaultdict(int)
# "METHOD name" -> {status code: count}: how often the portal said yes, and how it said no.
answers = defaultdict(lambda: defaultdict(int))


def person():
    """The next graduate from LOAD_USERS, one per simulated graduate."""
    if not _people:
        with open(os.environ["LOAD_USERS"], encoding="utf-8") as handle:
            _people.extend(json.load(handle))
    return _people[next(_next_person) % len(_people)]


def catalogue(client):
    """Job, course and consultant ids, read once through the public API as an app would."""
    with _catalogue_lock:
        if not _catalogue:
            jobs = client.get("/api/v1/jobs?page_size=50", name="/api/v1/jobs").json()["results"]
            courses = client.get("/api/v1/courses", name="/api/v1/courses").json()["results"]
            consultants = client.get("/api/v1/consultants", name="/api/v1/consultants").json()
            _catalogue.update(
                jobs=[job["id"] for job in jobs],
                courses=[course["url"] for course in courses],
                # The small sessions first: those are the ones raced for.
                sessions=sorted((c["next_session"] for c in courses if c.get("next_session")),
                                key=lambda s: s["capacity"]),
                consultants=[c["id"] for c in consultants],
            )
    return _catalogue


REFUSALS = (400, 403, 404, 409, 410)


def judge(response):
    """A 5xx fails (the request listener counts it); the portal's own refusals are answers."""
    if response.status_code >= 500:
        response.failure(f"server error {response.status_code}")
    elif response.status_code < 400 or response.status_code in REFUSALS:
        response.success()
    else:
        response.failure(f"unexpected {response.status_code}")


def get(client, url, name, **kwargs):
    with client.get(url, name=name, catch_response=True, **kwargs) as response:
        judge(response)
        return response


def post(client, url, name, **kwargs):
    # A form's answer is its redirect (302) or the form again with the refusal: not the page after.
    kwargs.setdefault("allow_redirects", False)
    with client.post(url, name=name, catch_response=True, **kwargs) as response:
        judge(response)
        return response


@events.request.add_listener
def _count_answers(request_type, name, response, exception, **kwargs):
    status = getattr(response, "status_code", 0) if response is not None else 0
    # The API says why it refused ({detail, code}): "409 slot_taken" tells more than 409.
    code = ""
    if 400 <= status < 500 and "json" in response.headers.get("Content-Type", ""):
        try:
            code = " " + str(response.json().get("code", ""))
        except ValueError:
            pass
    answers[f"{request_type} {name}"][f"{status}{code}".strip()] += 1
    if status >= 500:
        server_errors[f"{request_type} {name}"] += 1


class Browse:
    """What anyone does: read pages and search."""

    def browse_home(self):
        get(self.client, "/", "/")

    def browse_jobs(self):
        get(self.client, "/jobs/", "/jobs/")
        jobs = catalogue(self.client)["jobs"]
        if jobs:
            get(self.client, f"/jobs/{random.choice(jobs)}/", "/jobs/[id]/")

    def search_jobs(self):
        keyword, district = random.choice(KEYWORDS), random.choice(DISTRICTS)
        get(self.client, f"/jobs/?q={quote(keyword)}&district={quote(district)}", "/jobs/?q=[zh]&district=[zh]")

    def search_site(self):
        get(self.client, f"/search/?q={quote(random.choice(SITE_QUERIES))}", "/search/?q=[zh]")

    def browse_courses(self):
        get(self.client, "/courses/", "/courses/")
        get(self.client, random.choice(catalogue(self.client)["courses"]), "/courses/[slug]/")

    def browse_consultants(self):
        get(self.client, "/consultants/", "/consultants/")
        get(self.client, f"/consultants/{random.choice(catalogue(self.client)['consultants'])}/",
            "/consultants/[id]/")


class Visitor(Browse, HttpUser):
    weight = 2
    wait_time = between(1, 3)

    @task(3)
    def home(self):
        self.browse_home()

    @task(4)
    def jobs(self):
        self.browse_jobs()

    @task(4)
    def search(self):
        self.search_jobs()

    @task(1)
    def site_search(self):
        self.search_site()

    @task(2)
    def courses(self):
        self.browse_courses()

    @task(2)
    def consultants(self):
        self.browse_consultants()

    @task(1)
    def api_search(self):
        get(self.client, f"/api/v1/jobs?q={quote(random.choice(KEYWORDS))}", "/api/v1/jobs?q=[zh]")


def form_token(response):
    found = CSRF.search(response.text)
    return found.group(1) if found else ""


class WebGraduate(Browse, HttpUser):
    """A graduate in the browser: the session cookie and a CSRF token per form."""

    weight = 1
    wait_time = between(1, 3)

    def on_start(self):
        me = person()
        page = get(self.client, "/accounts/login/", "/accounts/login/")
        answer = post(self.client, "/accounts/login/", "/accounts/login/ (POST)", data={
            "csrfmiddlewaretoken": form_token(page), "login": me["email"], "password": me["password"]},
            allow_redirects=False)
        if answer.status_code != 302:
            raise RuntimeError(f"login refused for {me['email']}: {answer.status_code}")

    @task(2)
    def enrol(self):
        url = random.choice(catalogue(self.client)["courses"])
        page = get(self.client, url, "/courses/[slug]/")
        actions = re.findall(r'action="(/courses/sessions/\d+/enrol/)"', page.text)
        if actions:
            post(self.client, random.choice(actions), "/courses/sessions/[id]/enrol/",
                 data={"csrfmiddlewaretoken": form_token(page)})

    @task(2)
    def book(self):
        consultant = random.choice(catalogue(self.client)["consultants"])
        page = get(self.client, f"/consultants/{consultant}/", "/consultants/[id]/")
        slots = re.findall(rf'href="(/consultants/{consultant}/book/\?start=[^"]+)"', page.text)
        if not slots:
            return
        # Everyone wants one of the first few: the race the exclusion constraint settles.
        form = get(self.client, random.choice(slots[:3]).replace("&amp;", "&"), "/consultants/[id]/book/")
        fields = {"csrfmiddlewaretoken": form_token(form)}
        start = re.search(r'name="start" value="([^"]+)"', form.text)
        topic = re.search(r'name="topic_code" value="([^"]+)"', form.text)
        modes = re.findall(r'name="mode" value="([^"]+)"', form.text)
        if not (start and topic and modes):
            return  # she may not book (a limit reached): the page says why
        fields.update(start=unquote(start.group(1)), topic_code=topic.group(1),
                      mode="online" if "online" in modes else modes[0], topic="面试紧张")
        post(self.client, f"/consultants/{consultant}/book/", "/consultants/[id]/book/ (POST)", data=fields)

    @task(2)
    def apply(self):
        job = random.choice(catalogue(self.client)["jobs"])
        page = get(self.client, f"/jobs/{job}/", "/jobs/[id]/")
        if f'action="/jobs/{job}/apply/"' not in page.text:
            return  # applied before: the page shows her application instead
        post(self.client, f"/jobs/{job}/apply/", "/jobs/[id]/apply/", data={
            "csrfmiddlewaretoken": form_token(page), "with_resume": "on", "cover_note": "您好，我对这个岗位很感兴趣。"})

    @task(1)
    def save_job(self):
        job = random.choice(catalogue(self.client)["jobs"])
        page = get(self.client, f"/jobs/{job}/", "/jobs/[id]/")
        post(self.client, f"/jobs/{job}/favourite/", "/jobs/[id]/favourite/",
             data={"csrfmiddlewaretoken": form_token(page), "change": "add"})

    @task(2)
    def search(self):
        self.search_jobs()

    @task(1)
    def dashboard(self):
        get(self.client, "/me/", "/me/")


class AppGraduate(HttpUser):
    """A graduate in the app: her bearer token, JSON in and out."""

    weight = 1
    wait_time = between(1, 3)

    def on_start(self):
        self.client.headers["Authorization"] = f"Bearer {person()['token']}"

    @task(2)
    def book(self):
        consultant = random.choice(list(_consultant_modes(self.client)))
        slots = get(self.client, f"/api/v1/consultants/{consultant}/slots",
                    "/api/v1/consultants/[id]/slots").json().get("slots", [])
        if slots:
            # The mode she asks for is one the consultant offers; the slot one of the first few.
            post(self.client, "/api/v1/bookings", "/api/v1/bookings (POST)", json={
                "consultant_id": consultant, "start": random.choice(slots[:3]),
                "mode": _consultant_modes(self.client)[consultant], "topic": "简历怎么写"})

    @task(2)
    def enrol(self):
        session = random.choice(catalogue(self.client)["sessions"][:6])
        post(self.client, f"/api/v1/sessions/{session['id']}/enrolments", "/api/v1/sessions/[id]/enrolments (POST)")

    @task(2)
    def apply(self):
        job = random.choice(catalogue(self.client)["jobs"])
        post(self.client, f"/api/v1/jobs/{job}/applications", "/api/v1/jobs/[id]/applications (POST)",
             data={"with_resume": "true", "cover_note": "希望有机会面试。"})

    @task(2)
    def my_applications(self):
        get(self.client, "/api/v1/me/applications", "/api/v1/me/applications")

    @task(1)
    def favourite(self):
        job = random.choice(catalogue(self.client)["jobs"])
        with self.client.put(f"/api/v1/me/favourites/{job}", name="/api/v1/me/favourites/[id] (PUT)",
                             catch_response=True) as response:
            judge(response)


_modes = {}
_modes_lock = threading.Lock()


def _consultant_modes(client):
    with _modes_lock:
        if not _modes:
            for consultant in client.get("/api/v1/consultants", name="/api/v1/consultants").json():
                # The app's graduates have no verified number: a session by phone is not theirs to ask for.
                modes = [mode for mode in ("online", "in_person") if mode in consultant["modes"]]
                if modes:
                    _modes[consultant["id"]] = modes[0]
    return _modes


@events.quitting.add_listener
def _report(environment, **kwargs):
    """p50/p95 per endpoint, then the verdict: any 5xx fails the run."""
    stats = environment.stats
    rows = sorted(stats.entries.values(), key=lambda entry: (entry.name, entry.method))
    print(f"\n{'endpoint':<50} {'reqs':>6} {'p50 ms':>7} {'p95 ms':>7} {'fails':>6}  answers")
    for entry in rows:
        key = f"{entry.method} {entry.name}"
        codes = ", ".join(f"{code}×{n}" for code, n in sorted(answers[key].items()))
        print(f"{key:<50} {entry.num_requests:>6} "
              f"{entry.get_response_time_percentile(0.5):>7.0f} {entry.get_response_time_percentile(0.95):>7.0f} "
              f"{entry.num_failures:>6}  {codes}")
    total = stats.total
    print(f"{'all':<50} {total.num_requests:>6} {total.get_response_time_percentile(0.5):>7.0f} "
          f"{total.get_response_time_percentile(0.95):>7.0f} {total.num_failures:>6}")
    if server_errors:
        print("5xx answers: " + ", ".join(f"{name} ×{n}" for name, n in sorted(server_errors.items())))
        environment.process_exit_code = 1
    elif total.num_failures:
        print(f"{total.num_failures} failed requests (not 5xx): see above")
        environment.process_exit_code = 1
    else:
        print("no 5xx, no failures")
