"""The consultant's workspace at /consultants/me/: her day, intake to read, her queue,
her week and her figures, only ever hers, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consultants import availability
from consultants.models import Booking, QueueRequest
from portal.accounts.tests.factories import UserFactory

from .factories import ConsultantFactory, local_slot, make_booking, one_slot_consultant, queue_up

pytestmark = pytest.mark.django_db

ME = reverse("consultants:me")


def test_the_workspace_shows_her_day_intake_queue_week_and_figures(client):
    consultant = ConsultantFactory()
    seen_today = make_booking(consultant, start=local_slot(consultant, 0, 0, 5), status=Booking.Status.COMPLETED,
                              topic="今天的咨询")
    ahead = make_booking(consultant, start=local_slot(consultant, 3, 10), topic="合同条款看不懂")
    pending = make_booking(consultant, start=local_slot(consultant, 4, 10), topic="", status=Booking.Status.PENDING)
    make_booking(consultant, start=timezone.now() - timedelta(days=20), status=Booking.Status.NO_SHOW)
    make_booking(consultant, start=timezone.now() - timedelta(days=100), status=Booking.Status.NO_SHOW)
    # Another consultant's booking and queue never show here.
    other = ConsultantFactory()
    make_booking(other, start=local_slot(other, 3, 14), topic="别人的咨询")
    full, start = one_slot_consultant()
    make_booking(full, start=start)
    queue_up(full, 1)
    client.force_login(consultant.user)

    response = client.get(ME)

    assert response.status_code == 200
    context = response.context
    assert context["today"] == [seen_today]
    assert context["upcoming"] == [ahead, pending]
    # Unread intake, and the booking waiting for her approval even without intake.
    assert context["open_intake"] == [ahead, pending]
    assert context["outcomes"] == {"completed": 1, "no_show": 1}  # the one 100 days ago is out of range
    assert context["queue"] == []
    week = dict(context["week"])
    assert len(week) == 7
    day_three = local_slot(consultant, 3, 10).astimezone(availability.zone_of(consultant)).date()
    day_five = day_three + timedelta(days=2)
    assert week[day_five] == 8  # 09:00–17:00 in 50-minute sessions with 10 minutes between
    assert week[day_three] == 7  # one of them booked
    html = response.content.decode()
    assert "合同条款看不懂" in html and "今天的咨询" in html
    assert "别人的咨询" not in html
    assert reverse("consultants:me_availability") in html


def test_opening_a_booking_marks_its_intake_read(client):
    consultant = ConsultantFactory()
    booking = make_booking(consultant, topic="面试焦虑")
    client.force_login(consultant.user)
    assert client.get(ME).context["open_intake"] == [booking]

    # The graduate opening it changes nothing; her consultant opening it does.
    client.force_login(booking.seeker)
    client.get(booking.get_absolute_url())
    client.force_login(consultant.user)
    assert client.get(ME).context["open_intake"] == [booking]
    client.get(booking.get_absolute_url())

    assert client.get(ME).context["open_intake"] == []
    booking.refresh_from_db()
    assert booking.intake_read_at is not None


def test_her_queue_lists_who_waits_first_in_line_first(client):
    consultant, start = one_slot_consultant()
    make_booking(consultant, start=start)
    first, second = queue_up(consultant, 2)
    client.force_login(consultant.user)

    assert client.get(ME).context["queue"] == [first, second]


def test_the_workspace_is_hers_only(client):
    client.force_login(UserFactory())
    assert client.get(ME).status_code == 404
    client.logout()
    assert client.get(ME).status_code == 302


def _fill(consultant, count, first=0):
    # Numbered on from `first` so a second fill never overlaps the first (PostgreSQL's
    # exclusion constraint refuses two bookings of one consultant at the same time).
    for n in range(first, first + count):
        booking = make_booking(consultant, start=local_slot(consultant, 1 + n % 6, 9 + n // 6), topic=f"话题{n}")
        QueueRequest.objects.create(consultant=consultant, seeker=UserFactory())
        make_booking(consultant, start=timezone.now() - timedelta(days=10 + n), status=Booking.Status.COMPLETED)
        assert booking.pk


def test_the_workspace_query_count_does_not_grow_with_her_bookings(client, django_assert_max_num_queries):
    consultant = ConsultantFactory()
    client.force_login(consultant.user)
    _fill(consultant, 2)
    with django_assert_max_num_queries(40) as small:
        client.get(ME)
    _fill(consultant, 10, first=2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(ME)
    assert len(response.context["upcoming"]) == 12
