"""The queue's pages: the button on a full calendar's profile, her place and
offers on /me/, and the page where she books or declines the slot held for her."""

import pytest

from consultants import services
from consultants.models import Booking, QueueRequest
from portal.accounts.tests.factories import UserFactory

from .factories import ConsultantFactory, queue_up, reloaded, run_out

Status = QueueRequest.Status

pytestmark = pytest.mark.django_db


def test_the_queue_is_on_her_page_with_its_state(full, client):
    consultant, booking = full
    first, second = queue_up(consultant, 2)
    client.force_login(second.seeker)
    html = client.get("/me/").content.decode()
    assert consultant.display_name in html and "你在她的队列中排第 2 位" in html
    services.cancel_by_seeker(booking, booking.seeker)
    client.force_login(first.seeker)
    html = client.get("/me/").content.decode()
    assert f"/consultants/queue-offers/{first.pk}/" in html and "放弃这个时段" in html
    run_out(first)
    services.expire_queue_offers()
    assert "未能及时预约" in client.get("/me/").content.decode()


def test_the_profile_offers_the_queue_only_when_her_calendar_is_full(full, client):
    consultant, _booking = full
    url = consultant.get_absolute_url()
    join_url = f"/consultants/{consultant.pk}/queue/"
    html = client.get(url).content.decode()
    assert "登录后，有空档时通知你" in html and join_url not in html
    seeker = UserFactory()
    client.force_login(seeker)
    html = client.get(url).content.decode()
    assert "通知我有空档" in html and f'action="{join_url}"' in html
    assert "通知我有空档" not in client.get(ConsultantFactory().get_absolute_url()).content.decode()
    client.force_login(consultant.user)
    assert "通知我有空档" not in client.get(url).content.decode()
    consultant.user = None  # a consultant with no account of her own
    consultant.save()
    client.logout()
    assert "登录后，有空档时通知你" in client.get(url).content.decode()

    client.force_login(seeker)
    assert client.get(join_url).status_code == 405
    response = client.post(join_url)
    assert response.status_code == 302 and response["Location"] == url + "#queue"
    html = client.get(url).content.decode()
    assert "你在她的队列中排第 1 位" in html and "离开队列" in html
    assert client.post(join_url).status_code == 409  # the problem page: already in the queue

    response = client.post(f"/consultants/{consultant.pk}/queue/leave/", HTTP_REFERER="http://testserver/me/")
    assert response["Location"] == "http://testserver/me/"
    assert not QueueRequest.objects.filter(status__in=QueueRequest.ACTIVE).exists()


def test_she_books_the_held_slot_on_its_page_with_an_intake(full, client):
    consultant, booking = full
    [request] = queue_up(consultant, 1)
    services.cancel_by_seeker(booking, booking.seeker)
    url = f"/consultants/queue-offers/{request.pk}/"
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(request.seeker)
    html = client.get(url).content.decode()
    assert "为你保留的时段" in html and 'name="topic"' in html
    assert "通知我有空档" not in client.get(consultant.get_absolute_url()).content.decode()
    assert "预约这个时段" in client.get(consultant.get_absolute_url()).content.decode()

    response = client.post(url, {"mode": "online", "topic_code": "other", "topic": ""})
    assert response.status_code == 200 and not Booking.objects.filter(seeker=request.seeker).exists()
    response = client.post(url, {"mode": "online", "topic_code": "other", "topic": "<b>求职焦虑</b>"})
    booked = Booking.objects.get(seeker=request.seeker)
    assert response["Location"] == booked.get_absolute_url() and booked.start == booking.start
    assert client.get(url)["Location"] == booked.get_absolute_url()  # the offer's page now leads to the booking


def test_declining_on_the_page_and_an_ended_offer_says_so(full, client):
    consultant, booking = full
    first, second = queue_up(consultant, 2)
    services.cancel_by_seeker(booking, booking.seeker)
    client.force_login(first.seeker)
    response = client.post(f"/consultants/queue-offers/{first.pk}/decline/")
    assert response.status_code == 302 and reloaded(second).status == Status.OFFERED
    assert "这次保留已结束" in client.get(f"/consultants/queue-offers/{first.pk}/").content.decode()
    assert client.post(f"/consultants/queue-offers/{first.pk}/decline/").status_code == 409

