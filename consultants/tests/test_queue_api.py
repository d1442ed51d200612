"""/api/v1/consultants/{id}/queue (join, leave) and /api/v1/queue-offers/{id}
(accept, decline): the queue's API, its refusals as {detail, code}."""

import pytest

from consultants import services
from portal.accounts.tests.factories import UserFactory

from .factories import ConsultantFactory, queue_up

pytestmark = pytest.mark.django_db


def test_api_join_leave_and_the_conflicts(full, client):
    consultant, _booking = full
    url = f"/api/v1/consultants/{consultant.pk}/queue"
    assert client.post(url).status_code == 401
    client.force_login(UserFactory())
    response = client.post(url)
    assert response.status_code == 201
    assert response.json() | {"id": 0} == {"id": 0, "consultant_id": consultant.pk, "status": "waiting", "place": 1,
                                           "offered_start": None, "offered_end": None, "offer_expires_at": None}
    response = client.post(url)
    assert (response.status_code, response.json()["code"]) == (409, "already_queued")
    response = client.post(f"/api/v1/consultants/{ConsultantFactory().pk}/queue")
    assert (response.status_code, response.json()["code"]) == (409, "has_open_slots")
    assert client.post("/api/v1/consultants/999999/queue").status_code == 404
    assert client.delete(url).status_code == 204
    response = client.delete(url)
    assert (response.status_code, response.json()["code"]) == (404, "not_queued")


def test_api_accept_and_decline_an_offer(full, client):
    consultant, booking = full
    first, second = queue_up(consultant, 2)
    services.cancel_by_seeker(booking, booking.seeker)
    body = {"mode": "online", "topic": "劳动合同"}
    client.force_login(second.seeker)
    response = client.post(f"/api/v1/queue-offers/{first.pk}/accept", body, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    client.force_login(first.seeker)
    response = client.post(f"/api/v1/queue-offers/{first.pk}/accept", {"mode": "online", "topic": ""},
                           content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (400, "invalid")
    response = client.post(f"/api/v1/queue-offers/{first.pk}/decline")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"

    client.force_login(second.seeker)
    response = client.post(f"/api/v1/queue-offers/{second.pk}/accept", body, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["start"].replace("Z", "+00:00") == booking.start.isoformat()
    response = client.post(f"/api/v1/queue-offers/{second.pk}/accept", body, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (409, "no_offer")
