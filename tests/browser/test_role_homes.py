"""Each role's home in Chromium: a graduate's /me/ at phone width, and the
consultant's workspace and the employer's home at phone and desktop widths, each
reached by signing in and fitting the screen without sideways scrolling."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultants.models import Booking
from consultants.tests.factories import ConsultantFactory, local_slot, make_booking
from jobs.models import CV, Application
from jobs.tests.factories import EmployerMemberFactory, JobPostingFactory
from portal.accounts.tests.factories import PASSWORD, UserFactory


def sign_in(page, base, user, width):
    page.set_viewport_size({"width": width, "height": 844 if width < 600 else 900})
    page.goto(base + "/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


def shoot(page, artifacts, name, width):
    shots = artifacts / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width


def apply(user, job, status):
    cv = CV.objects.create(owner=user, original_name="cv.pdf", kind="pdf", size=10, file="cvs/x.pdf")
    return Application.objects.create(seeker=user, job=job, cv=cv, status=status)


def test_a_graduate_starts_from_her_next_steps(home_page, live_server, page, artifacts):
    base = live_server.url
    user = UserFactory(display_name="林小雨")
    apply(user, JobPostingFactory(title="财务会计助理"), Application.Status.OFFER)

    sign_in(page, base, user, 390)

    expect(page).to_have_url(base + "/me/")
    steps = page.locator(".next-steps")
    expect(steps).to_contain_text("下一步")
    expect(steps).to_contain_text("预约法律咨询")
    expect(steps).to_contain_text("填写简历")
    shoot(page, artifacts, "role-home-graduate", 390)


@pytest.mark.parametrize("width", [390, 1280])
def test_a_consultant_lands_on_her_workspace_and_switches_to_her_employer(home_page, live_server, page,
                                                                           artifacts, width):
    base = live_server.url
    consultant = ConsultantFactory(display_name="林晓雯", user=UserFactory(display_name="林晓雯"))
    make_booking(consultant, seeker=UserFactory(display_name="王小芳"), start=local_slot(consultant, 2, 10),
                 topic="合同条款看不懂")
    make_booking(consultant, seeker=UserFactory(display_name="陈静"), start=local_slot(consultant, 3, 14),
                 topic="", status=Booking.Status.PENDING)
    make_booking(consultant, start=timezone.now() - timedelta(days=10), status=Booking.Status.COMPLETED)
    member = EmployerMemberFactory(user=consultant.user)
    job = JobPostingFactory(employer=member.employer, title="行政文员")
    for status in ["submitted", "submitted", "viewed", "interview", "rejected"]:
        apply(UserFactory(), job, status)

    sign_in(page, base, consultant.user, width)

    expect(page).to_have_url(base + "/consultants/me/")
    expect(page.locator("#intake-heading")).to_have_text("待准备")
    expect(page.locator("main")).to_contain_text("合同条款看不懂")
    expect(page.locator(".week-glance dt")).to_have_count(7)
    shoot(page, artifacts, "role-home-consultant", width)

    page.locator(".role-switch").get_by_role("link", name="用人单位").click()
    expect(page).to_have_url(base + "/jobs/employer/")
    expect(page.locator(".applicant-counts")).to_contain_text("新投递 2")
    shoot(page, artifacts, "role-home-employer", width)
