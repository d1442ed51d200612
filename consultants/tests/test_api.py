"""/api/v1/consultants, /slots and /bookings."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultants.models import Booking
from portal.accounts.tests.factories import UserFactory

from .factories import ConsultantFactory, local_slot, make_booking

pytestmark = pytest.mark.django_db


def iso(moment):
    return moment.isoformat().replace("+00:00", "Z")


def test_list_filters_and_reveals_no_private_data(client):
    lawyer = ConsultantFactory(specialty_codes=["law"], modes=["phone"])
    ConsultantFactory(specialty_codes=["psychology"], modes=["online"], hours=[])
    make_booking(lawyer, mode="phone", topic="秘密话题")
    data = client.get("/api/v1/consultants", {"specialty": "law"}).json()
    assert [c["id"] for c in data] == [lawyer.pk]
    assert client.get("/api/v1/consultants", {"mode": "online"}).json()[0]["id"] != lawyer.pk
    now = timezone.now()
    available = client.get("/api/v1/consultants", {"available_from": iso(now),
                                                   "available_to": iso(now + timedelta(days=7))}).json()
    assert [c["id"] for c in available] == [lawyer.pk]
    assert "秘密话题" not in str(data)
    assert client.get("/api/v1/consultants", {"specialty": "astrology"}).status_code == 400


def test_slots_are_utc_with_the_time_zone(client):
    consultant = ConsultantFactory(time_zone="Europe/Berlin")
    start = local_slot(consultant, 3, 0)
    response = client.get(f"/api/v1/consultants/{consultant.pk}/slots",
                          {"from": iso(start), "to": iso(start + timedelta(days=1))})
    body = response.json()
    assert response.status_code == 200 and body["time_zone"] == "Europe/Berlin"
    assert body["slots"][0] == iso(local_slot(consultant, 3, 9))
    assert client.get(f"/api/v1/consultants/{consultant.pk}/slots", {"from": iso(start), "to": iso(start)}
                      ).status_code == 400
    assert client.get("/api/v1/consultants/999999/slots").status_code == 404


def test_book_201_then_409_slot_taken(client):
    consultant = ConsultantFactory()
    start = local_slot(consultant, 3, 10)
    body = {"consultant_id": consultant.pk, "start": iso(start), "mode": "online", "topic": "<b>面试</b>"}
    client.force_login(UserFactory())
    response = client.post("/api/v1/bookings", body, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["topic"] == "<b>面试</b>"  # JSON carries text, the pages escape it
    client.force_login(UserFactory())
    response = client.post("/api/v1/bookings", body, content_type="application/json")
    assert response.status_code == 409 and response.json()["code"] == "slot_taken"
    assert Booking.objects.count() == 1


@pytest.mark.parametrize("change, status, code", [
    ({"consultant_id": 999999}, 404, "unknown_consultant"),
    ({"start": "2020-01-01T02:00:00Z"}, 400, "in_past"),
    ({"start": "not a time"}, 400, "invalid"),
    ({"mode": "telepathy"}, 400, "invalid"),
    ({"topic": ""}, 400, "invalid"),
])
def test_bad_bookings_are_refused_with_a_code(client, change, status, code):
    consultant = ConsultantFactory()
    body = {"consultant_id": consultant.pk, "start": iso(local_slot(consultant, 3, 10)), "mode": "online",
            "topic": "求职", **change}
    client.force_login(UserFactory())
    response = client.post("/api/v1/bookings", body, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert not Booking.objects.exists()


def test_booking_needs_login(client):
    assert client.post("/api/v1/bookings", {}, content_type="application/json").status_code == 401


def test_seeker_sees_and_cancels_only_her_own(client):
    mine = make_booking(ConsultantFactory(), description="我的描述")
    theirs = make_booking(ConsultantFactory(), description="别人的描述")
    client.force_login(mine.seeker)
    listed = client.get("/api/v1/bookings").json()
    assert [b["id"] for b in listed] == [mine.pk] and "别人的描述" not in str(listed)
    assert client.delete(f"/api/v1/bookings/{theirs.pk}").status_code == 404
    assert client.delete(f"/api/v1/bookings/{mine.pk}").status_code == 204
    assert Booking.objects.get(pk=mine.pk).status == "cancelled"
    assert Booking.objects.get(pk=theirs.pk).status == "confirmed"


def test_cancel_after_the_deadline_is_409(client):
    booking = make_booking(ConsultantFactory(), start=timezone.now() + timedelta(hours=2))
    client.force_login(booking.seeker)
    response = client.delete(f"/api/v1/bookings/{booking.pk}")
    assert (response.status_code, response.json()["code"]) == (409, "too_late")
    assert Booking.objects.get(pk=booking.pk).status == "confirmed"
