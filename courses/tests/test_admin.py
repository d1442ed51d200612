"""The roster in the Wagtail admin: staff only, attendance by POST, CSV export."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from .. import services
from ..models import EnrolmentStatus


@pytest.fixture
def editor(make_user):
    user = make_user()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_ordinary_user_cannot_open_the_roster(client, session, user):
    client.force_login(user)
    for url in (reverse("courses_roster", args=[session.pk]), reverse("courses_roster_csv", args=[session.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or "/cms/login/" in response.url or response.url == "/cms/"


def test_editor_marks_attendance_and_exports_csv(client, session, editor, make_user):
    participant = make_user(display_name="=HYPERLINK(1)")
    enrolment = services.enrol(participant, session.pk)
    client.force_login(editor)
    roster_url = reverse("courses_roster", args=[session.pk])
    assert participant.email in client.get(roster_url).content.decode()
    assert client.get(reverse("courses_rosters")).status_code == 200

    response = client.post(roster_url, {"enrolment": enrolment.pk, "attendance": "attended"})
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ATTENDED
    client.post(roster_url, {"enrolment": "nonsense", "attendance": "no_show"})
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ATTENDED

    export = client.get(reverse("courses_roster_csv", args=[session.pk]))
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[1][0] == "'=HYPERLINK(1)" and rows[1][1] == participant.email
