"""收藏: favourites from job cards and the job page, the 已投递 / 已收藏 markers, 我的收藏
on /me/ and /api/v1/me/favourites."""

import datetime
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobs import favourites
from jobs.models import CV, Application, Favourite, JobPosting
from jobs.tests.factories import EmployerFactory, JobPostingFactory
from portal.accounts.tests.factories import UserFactory
from portal.errors import Gone, NotFound

pytestmark = pytest.mark.django_db

API = "/api/v1/me/favourites"


@pytest.fixture
def seeker(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def job():
    return JobPostingFactory(title="出纳专员")


def expire(job):
    JobPosting.objects.filter(pk=job.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=40),
        expires_at=timezone.now() - datetime.timedelta(days=1))


def applied(user, job, status=Application.Status.SUBMITTED):
    cv = CV.objects.create(owner=user, file="cvs/test.pdf", original_name="简历.pdf", kind="pdf", size=10)
    return Application.objects.create(seeker=user, job=job, cv=cv, status=status)


def kept_in_order(user, *titles):
    """Jobs with these titles that she kept one after the other, an hour apart (oldest first)."""
    jobs = [JobPostingFactory(title=title) for title in titles]
    for number, job in enumerate(jobs):
        hours_ago = len(jobs) - number
        Favourite.objects.create(user=user, job=job, created_at=timezone.now() - datetime.timedelta(hours=hours_ago))
    return jobs


def toggle_form(body, job):
    """The 收藏 form of a job on a page, as the browser sees it (without JavaScript)."""
    start = body.index(f'action="{reverse("jobs:favourite", args=[job.pk])}"')
    return body[start:body.index("</form>", start)]


# ---------------------------------------------------------------- the module


def test_add_is_idempotent_and_remove_too(seeker, job):
    first, created = favourites.add(seeker, job.pk)
    again, created_again = favourites.add(seeker, job.pk)
    assert created and not created_again and first.pk == again.pk
    assert Favourite.objects.filter(user=seeker).count() == 1
    assert favourites.remove(seeker, job.pk) is True
    assert favourites.remove(seeker, job.pk) is False
    assert not Favourite.objects.exists()


@pytest.mark.parametrize("status", [JobPosting.Status.DRAFT, JobPosting.Status.SUBMITTED,
                                    JobPosting.Status.REJECTED, JobPosting.Status.CLOSED])
def test_a_job_that_is_not_public_cannot_be_kept(seeker, status):
    hidden = JobPostingFactory(status=status)
    with pytest.raises(NotFound):
        favourites.add(seeker, hidden.pk)
    assert not Favourite.objects.exists()


@pytest.mark.parametrize("job_id", [0, -1, 999_999, 2**63, 2**70])
def test_unknown_ids_are_not_found(seeker, job_id):
    with pytest.raises(NotFound):
        favourites.add(seeker, job_id)
    assert favourites.remove(seeker, job_id) is False


def test_an_expired_job_cannot_be_added_but_one_kept_before_can_be_removed(seeker, job):
    other = JobPostingFactory()
    favourites.add(seeker, job.pk)
    expire(job)
    expire(other)
    with pytest.raises(Gone):
        favourites.add(seeker, other.pk)
    assert favourites.remove(seeker, job.pk) is True


def test_list_is_newest_first_and_marks_expired_and_closed(seeker, django_assert_num_queries):
    older, expired, closed = kept_in_order(seeker, "旧", "过期", "关")
    expire(expired)
    JobPosting.objects.filter(pk=closed.pk).update(status=JobPosting.Status.CLOSED)
    Favourite.objects.create(user=UserFactory(), job=older)  # someone else's
    with django_assert_num_queries(1):
        listed = favourites.list_for(seeker)
        states = [(item.job.title, item.job.employer.name and item.state) for item in listed]
    assert states == [("关", "closed"), ("过期", "expired"), ("旧", "open")]
    assert [item.visible for item in listed] == [False, False, True]


def test_markers_for_applied_favourite_and_neither(seeker, django_assert_num_queries):
    kept, sent, both, withdrawn, neither = JobPostingFactory.create_batch(5)
    favourites.add(seeker, kept.pk)
    favourites.add(seeker, both.pk)
    applied(seeker, sent)
    applied(seeker, both, Application.Status.INTERVIEW)
    applied(seeker, withdrawn, Application.Status.WITHDRAWN)
    stranger = UserFactory()
    applied(stranger, neither)
    favourites.add(stranger, neither.pk)
    ids = [job.pk for job in (kept, sent, both, withdrawn, neither)]
    with django_assert_num_queries(2):
        markers = favourites.markers_for(seeker, ids)
    assert markers.applied == {sent.pk, both.pk}
    assert markers.favourite == {kept.pk, both.pk}


def test_a_visitor_has_no_markers_and_costs_no_query(client, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    with django_assert_num_queries(0):
        markers = favourites.markers_for(AnonymousUser(), [1, 2, 3])
    assert not markers.applied and not markers.favourite


def test_deleting_her_account_deletes_her_favourites(seeker, job):
    favourites.add(seeker, job.pk)
    other = UserFactory()
    favourites.add(other, job.pk)
    seeker.delete()
    assert list(Favourite.objects.values_list("user_id", flat=True)) == [other.pk]


# ---------------------------------------------------------------- the pages


def test_toggle_from_a_card_returns_to_the_same_page(client, seeker, job):
    page = reverse("search:jobs") + "?q=" + quote("出纳")
    form = toggle_form(client.get(page).content.decode(), job)
    assert 'aria-pressed="false"' in form and 'value="add"' in form and "csrfmiddlewaretoken" in form

    response = client.post(reverse("jobs:favourite", args=[job.pk]), {"change": "add", "next": page})
    assert response.status_code == 302 and response["Location"] == page
    assert Favourite.objects.filter(user=seeker, job=job).exists()
    form = toggle_form(client.get(page).content.decode(), job)
    assert 'aria-pressed="true"' in form and 'value="remove"' in form and "已收藏" in form

    client.post(reverse("jobs:favourite", args=[job.pk]), {"change": "add", "next": page})  # a second tap
    assert Favourite.objects.filter(user=seeker).count() == 1
    client.post(reverse("jobs:favourite", args=[job.pk]), {"change": "remove", "next": page})
    assert not Favourite.objects.exists()


def test_toggle_from_the_job_page(client, seeker, job):
    url = reverse("jobs:detail", args=[job.pk])
    assert 'aria-pressed="false"' in toggle_form(client.get(url).content.decode(), job)
    response = client.post(reverse("jobs:favourite", args=[job.pk]), {"change": "add", "next": url})
    assert response["Location"] == url
    assert 'aria-pressed="true"' in toggle_form(client.get(url).content.decode(), job)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/jobs/", "javascript:alert(1)", ""])
def test_a_foreign_next_goes_to_the_job_page(client, seeker, job, target):
    response = client.post(reverse("jobs:favourite", args=[job.pk]), {"change": "add", "next": target})
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])


def test_get_is_not_allowed(client, seeker, job):
    assert client.get(reverse("jobs:favourite", args=[job.pk])).status_code == 405
    assert not Favourite.objects.exists()


def test_a_visitor_is_sent_to_log_in_and_back(client, job):
    page = reverse("search:jobs")
    body = client.get(page).content.decode()
    login = reverse("account_login")
    assert f'href="{login}?next=/jobs/"' in body and "收藏" in body
    response = client.post(reverse("jobs:favourite", args=[job.pk]), {"change": "add", "next": page})
    assert response.status_code == 302 and response["Location"] == f"{login}?next=/jobs/"
    assert not Favourite.objects.exists()


def test_an_invisible_job_is_404_and_nothing_is_stored(client, seeker):
    draft = JobPostingFactory(status=JobPosting.Status.DRAFT)
    response = client.post(reverse("jobs:favourite", args=[draft.pk]), {"change": "add"})
    assert response.status_code == 404
    assert client.post("/jobs/99999999999999999999/favourite/", {"change": "add"}).status_code == 404
    assert not Favourite.objects.exists()


def test_an_expired_job_is_410_on_the_page_but_she_can_still_remove_it(client, seeker, job):
    other = JobPostingFactory()
    favourites.add(seeker, job.pk)
    expire(job)
    expire(other)
    assert client.post(reverse("jobs:favourite", args=[other.pk]), {"change": "add"}).status_code == 410
    expired_page = client.get(reverse("jobs:detail", args=[job.pk]))
    assert expired_page.status_code == 410 and 'value="remove"' in toggle_form(expired_page.content.decode(), job)
    client.post(reverse("jobs:favourite", args=[job.pk]), {"change": "remove"})
    assert not Favourite.objects.exists()


def test_markers_on_the_job_list(client, seeker):
    kept, sent, neither = (JobPostingFactory(title=title) for title in ("收藏的岗位", "投递的岗位", "别的岗位"))
    favourites.add(seeker, kept.pk)
    applied(seeker, sent)
    applied(seeker, neither, Application.Status.WITHDRAWN)
    body = client.get(reverse("search:jobs")).content.decode()
    cards = {job: body[body.index(job.title):].split("</article>")[0] for job in (kept, sent, neither)}
    assert "tag--applied" in cards[sent] and "已投递" in cards[sent]
    assert 'aria-pressed="true"' in cards[kept] and "tag--applied" not in cards[kept]
    assert 'aria-pressed="false"' in cards[neither] and "tag--applied" not in cards[neither]


def test_markers_on_the_home_page_and_the_employer_page(client, seeker, home_page):
    employer = EmployerFactory()
    kept = JobPostingFactory(employer=employer, title="首页收藏岗位")
    sent = JobPostingFactory(employer=employer, title="首页投递岗位")
    favourites.add(seeker, kept.pk)
    applied(seeker, sent)
    for url in ("/", reverse("employers:detail", args=[employer.pk])):
        body = client.get(url).content.decode()
        assert 'aria-pressed="true"' in toggle_form(body, kept), url
        assert 'aria-pressed="false"' in toggle_form(body, sent), url
        assert body.count("tag--applied") == 1 and "jobs/favourite.js" in body, url


def make_cards(count, user):
    """`count` visible jobs, a third of them kept and a third applied to by `user`."""
    jobs = JobPostingFactory.create_batch(count)
    for number, job in enumerate(jobs):
        if number % 3 == 0:
            Favourite.objects.create(user=user, job=job)
        elif number % 3 == 1:
            applied(user, job)
    return jobs


@pytest.mark.parametrize("url", ["search:jobs", "home"])
def test_signed_in_pages_with_markers_do_not_grow_with_cards(client, seeker, home_page, url):
    path = reverse(url) if url != "home" else "/"
    make_cards(3, seeker)
    client.get(path)  # the first request creates the site settings rows
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    make_cards(9, seeker)
    client.get(path)  # the first search after a change rebuilds the in-memory index
    with CaptureQueriesContext(connection) as many:
        body = client.get(path).content.decode()
    assert body.count('aria-pressed="true"') >= 2 and "tag--applied" in body
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_job_page_does_not_grow_with_her_favourites_and_applications(client, seeker, job):
    url = reverse("jobs:detail", args=[job.pk])
    make_cards(3, seeker)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    make_cards(9, seeker)
    favourites.add(seeker, job.pk)
    with CaptureQueriesContext(connection) as many:
        assert 'aria-pressed="true"' in client.get(url).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)


def test_dashboard_lists_her_favourites_newest_first(client, seeker, home_page):
    assert "找工作" in client.get(reverse("dashboard")).content.decode()  # the empty state
    gone, first, second = kept_in_order(seeker, "已过期的收藏", "第一个收藏", "第二个收藏")
    expire(gone)
    Favourite.objects.create(user=UserFactory(), job=JobPostingFactory(title="别人的收藏"))
    body = client.get(reverse("dashboard")).content.decode()
    section = body[body.index('id="favourites-heading"'):].split("</section>")[0]
    assert "我的收藏" in section and "别人的收藏" not in section
    assert section.index("第二个收藏") < section.index("第一个收藏") < section.index("已过期的收藏")
    assert f'href="{reverse("jobs:detail", args=[gone.pk])}"' not in section and "已过期" in section
    assert f'href="{reverse("jobs:detail", args=[first.pk])}"' in section and "月薪 4,000–6,000 元" in section
    assert section.count('value="remove"') == 3 and first.employer.name in section


# ---------------------------------------------------------------- the API


def test_api_round_trip(client, seeker, job):
    assert client.get(f"{API}/{job.pk}").status_code == 404
    created = client.put(f"{API}/{job.pk}")
    assert created.status_code == 201, created.content
    item = created.json()
    assert item["job_id"] == job.pk and item["title"] == "出纳专员" and item["visible"] is True
    assert item["employer"] == job.employer.name and item["url"] == f"/jobs/{job.pk}/" and item["saved_at"]
    assert client.put(f"{API}/{job.pk}").status_code == 200
    assert client.get(f"{API}/{job.pk}").json()["job_id"] == job.pk
    listed = client.get(API).json()
    assert listed["total"] == 1 and [entry["job_id"] for entry in listed["results"]] == [job.pk]
    expire(job)
    assert client.get(API).json()["results"][0]["visible"] is False
    assert client.delete(f"{API}/{job.pk}").status_code == 204
    assert client.delete(f"{API}/{job.pk}").status_code == 204
    assert client.get(f"{API}/{job.pk}").status_code == 404 and client.get(API).json()["total"] == 0


def test_api_errors(client, seeker, job):
    draft = JobPostingFactory(status=JobPosting.Status.DRAFT)
    gone = JobPostingFactory()
    expire(gone)
    for job_id, status, code in [(draft.pk, 404, "not_found"), (999_999, 404, "not_found"),
                                 (2**63, 404, "not_found"), (gone.pk, 410, "expired")]:
        response = client.put(f"{API}/{job_id}")
        assert (response.status_code, response.json()["code"]) == (status, code), job_id
        assert client.get(f"{API}/{job_id}").status_code == 404
        # Removing is idempotent; only an id no database can hold is refused at the edge.
        assert client.delete(f"{API}/{job_id}").status_code == (404 if job_id == 2**63 else 204)
    assert not Favourite.objects.exists()
    assert client.put(f"{API}/abc").status_code == 400


def test_api_needs_a_signed_in_user(client, job):
    for method in ("get", "put", "delete"):
        response = getattr(client, method)(f"{API}/{job.pk}")
        assert response.status_code == 401 and response.json()["code"] == "unauthenticated"
    assert client.get(API).status_code == 401
    assert not Favourite.objects.exists()


def test_api_with_the_session_checks_csrf(seeker, job):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(seeker)
    assert strict.put(f"{API}/{job.pk}").status_code in (401, 403)
    assert not Favourite.objects.exists()


def test_openapi_lists_the_favourite_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    one = paths["/api/v1/me/favourites/{job_id}"]
    assert set(one) == {"get", "put", "delete"}
    assert {"200", "201", "401", "404", "410"} <= set(one["put"]["responses"])
    assert {"204", "401"} <= set(one["delete"]["responses"])
    assert {"200", "404"} <= set(one["get"]["responses"])
    assert "get" in paths["/api/v1/me/favourites"]
