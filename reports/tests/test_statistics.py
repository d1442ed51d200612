"""Known activity in, the federation's figures out: the tables, the CSV rows and the home
counter agree; editors only; bad ranges refused; the page's queries do not grow with data."""

import csv
import io
from datetime import date

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobs import placements
from jobs.models import Application, Placement
from portal.accounts.tests.factories import UserFactory
from reports import figures
from reports.tests.activity import graduate, seed

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def editor():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def rows_by_key(rows):
    return {row["key"]: row for row in rows}


def test_figures_tables_csv_and_counter_agree(client, editor, home_page):
    a, b, c = seed(home_page)
    period = figures.last_twelve_months()
    total = figures.totals(figures.table(period, "month"))
    assert total["registrations.registrations"] == 3  # the editor and employers are not graduates
    assert (total["courses.enrolments"], total["courses.attended"]) == (2, 1)
    assert (total["consultations.consultations"], total["consultations.attended"],
            total["consultations.no_show"], total["consultations.cancelled"]) == (3, 1, 1, 1)
    assert (total["applications.applications"], total["applications.answered_in_time"]) == (3, 2)
    assert total["applications.share_in_time"] == 66.7
    assert total["placements.placements"] == 1 == figures.placements_counted()
    specialties = figures.consultations_by_specialty(period)
    assert specialties["law"]["attended"] == 1 and specialties["psychology"]["consultations"] == 2

    by_school = rows_by_key(figures.table(period, "school"))
    assert by_school["重庆文理学院"]["registrations.registrations"] == 2
    assert by_school["重庆文理学院"]["placements.placements"] == 1
    assert by_school["重庆大学"]["applications.answered_in_time"] == 0
    by_district = rows_by_key(figures.table(period, "district"))
    assert by_district["渝中"]["consultations.cancelled"] == 1 and by_district["永川"]["courses.attended"] == 1

    # The home counter shows the same number; an editor's verification moves both.
    home_page.counters = [("counter", {"number": 0, "source": "placements", "suffix": "", "label": "就业"})]
    home_page.save_revision().publish()
    assert 'data-counter="placements">1<' in client.get("/").content.decode()
    placements.verify(Placement.objects.get(application__seeker=b).pk, editor, "电话回访。")
    assert 'data-counter="placements">2<' in client.get("/").content.decode()
    assert figures.totals(figures.table(period, "month"))["placements.placements"] == 2

    # Retention: a still employed; b left; the share is of those who answered.
    for user, answer in ((a, "still_employed"), (b, "left")):
        placement = Placement.objects.get(application__seeker=user)
        Placement.objects.filter(pk=placement.pk).update(retention_asked_at=timezone.now())
        placements.answer_retention(placement.pk, user, answer)
    assert figures.totals(figures.table(period, "month"))["placements.retention"] == 50.0

    # The CSV: UTF-8 with a BOM, the same rows, Chinese intact.
    client.force_login(editor)
    response = client.get(reverse("reports_statistics"), {"format": "csv", "table": "school"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert lines[0][0] == "学校" and "注册人数" in lines[0]
    # Each column says what it counts on its own: a course's attendance is not a consultation's.
    assert len(set(lines[0])) == len(lines[0]) and {"课程出席", "咨询出席"} <= set(lines[0])
    schools = {line[0]: line for line in lines[1:]}
    registrations = lines[0].index("注册人数")
    assert schools["重庆文理学院"][registrations] == "2" and schools["合计"][registrations] == "3"
    placed = lines[0].index("就业人数")
    assert schools["合计"][placed] == "2"

    page = client.get(reverse("reports_statistics"))
    html = page.content.decode()
    assert page.status_code == 200 and html.count('class="pygal-chart"') == 3 and "Noto Sans CJK SC" in html
    assert "按专长和结果统计的咨询" in html and "法律" in html and "每月注册与就业人数" in html
    report = client.get(reverse("reports_monthly", args=[TODAY.year, TODAY.month]))
    assert report.status_code == 200 and "@media print" in report.content.decode()


def test_erased_accounts_still_count_as_registrations():
    user = graduate("重庆文理学院", "永川")
    type(user).objects.filter(pk=user.pk).update(is_active=False, email=None, phone=None)
    total = figures.totals(figures.table(figures.last_twelve_months(), "school"))
    assert total["registrations.registrations"] == 1


@pytest.mark.parametrize(("today", "first"), [
    (date(2026, 12, 3), date(2026, 1, 1)), (date(2026, 6, 30), date(2025, 7, 1)),
    (date(2026, 3, 1), date(2025, 4, 1)), (date(2028, 2, 29), date(2027, 3, 1)),
])
def test_the_default_range_is_twelve_months_ending_today(today, first):
    period = figures.last_twelve_months(today)
    assert (period.first, period.last) == (first, today)
    assert len(period.months()) == 12 and period.months()[-1] == today.replace(day=1)


def test_only_editors_and_moderators(client):
    outsider = UserFactory(is_staff=True)
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert client.get(reverse("reports_statistics")).status_code == 403
    assert client.get(reverse("reports_statistics"), {"format": "csv", "table": "month"}).status_code == 403
    assert client.get(reverse("reports_monthly", args=[2026, 11])).status_code == 403
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    assert client.get(reverse("reports_statistics")).status_code == 200


@pytest.mark.parametrize(("query", "message"), [
    ({"from": "2026-05-01", "to": "2026-04-01"}, "早于"),
    ({"from": "2019-01-01", "to": "2026-01-01", "format": "csv", "table": "month"}, "五年"),
    ({"from": "1999-12-31", "to": "2000-02-01"}, "2000"),
    ({"from": "2026-13-01"}, "YYYY-MM-DD"),
    ({"format": "csv", "table": "planets"}, "month"),
])
def test_bad_ranges_are_400_with_a_clear_message(client, editor, query, message):
    client.force_login(editor)
    response = client.get(reverse("reports_statistics"), query)
    assert response.status_code == 400 and message in response.content.decode()


def test_a_month_outside_the_calendar_is_404(client, editor):
    client.force_login(editor)
    assert client.get(reverse("reports_monthly", args=[2026, 13])).status_code == 404
    assert client.get(reverse("reports_monthly", args=[1999, 12])).status_code == 404
    assert client.get("/cms/reports/statistics/report/2026-1/").status_code == 404


def test_the_statistics_page_queries_do_not_grow_with_data(client, editor, home_page):
    client.force_login(editor)
    client.get(reverse("reports_statistics"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reports_statistics"))
    seed(home_page)
    for number in range(5):
        graduate(f"学校{number}", f"区{number}")
    assert Application.objects.count() == 3
    with CaptureQueriesContext(connection) as more:
        assert client.get(reverse("reports_statistics")).status_code == 200
    assert len(more) == len(few)
