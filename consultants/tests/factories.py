"""Test data for the consultant pool.

    consultant = ConsultantFactory()                  # works 09:00–17:00 every day, Asia/Shanghai
    consultant = ConsultantFactory(hours=[])          # no weekly hours
    start = local_slot(consultant, days=3, hour=10)   # aware UTC datetime of 10:00 her time, 3 days on
    consultant, start = one_slot_consultant()         # her only slot in the next two weeks: 10:00, 3 days on
    first, second = queue_up(consultant, 2)           # two graduates wait in her queue
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from consultants import services
from consultants.models import AvailabilityRule, Booking, Consultant, Specialty
from portal.accounts.tests.factories import UserFactory

ALL_WEEK = [(day, time(9), time(17)) for day in range(7)]


class ConsultantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultant
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"顾问{n}")
    modes = factory.LazyFunction(lambda: ["online", "phone"])
    languages = factory.LazyFunction(lambda: ["zh"])
    session_minutes = 50
    buffer_minutes = 10
    min_notice_hours = 12
    max_per_day = 6

    @factory.post_generation
    def hours(obj, create, extracted, **kwargs):
        if not create:
            return
        for weekday, start, end in ALL_WEEK if extracted is None else extracted:
            AvailabilityRule.objects.create(consultant=obj, weekday=weekday, start_time=start, end_time=end)

    @factory.post_generation
    def specialty_codes(obj, create, extracted, **kwargs):
        if create:
            # get_or_create: a transactional test's flush empties the table the data migration filled.
            obj.specialties.set([Specialty.objects.get_or_create(code=code)[0] for code in extracted or ["psychology"]])


def local_slot(consultant, days, hour, minute=0):
    zone = ZoneInfo(consultant.time_zone)
    day = timezone.now().astimezone(zone).date() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=zone).astimezone(ZoneInfo("UTC"))


def make_booking(consultant, seeker=None, start=None, **fields):
    start = start or local_slot(consultant, 3, 10)
    return Booking.objects.create(
        consultant=consultant, seeker=seeker or UserFactory(), start=start,
        end=start + timedelta(minutes=consultant.session_minutes),
        mode=fields.pop("mode", "online"), topic=fields.pop("topic", "面试焦虑"), **fields)


def english(path):
    """The English address of a page (Chinese ones have no prefix)."""
    return "/en" + path


def one_slot_consultant(days=3, hour=10, **fields):
    """A consultant whose only open slot in the next two weeks is `hour` o'clock,
    `days` days on (her time): book it, and her calendar is full."""
    consultant = ConsultantFactory(hours=[], **fields)
    start = local_slot(consultant, days, hour)
    day = start.astimezone(ZoneInfo(consultant.time_zone)).date()
    AvailabilityRule.objects.create(consultant=consultant, weekday=day.weekday(), start_time=time(hour),
                                    end_time=(datetime.combine(day, time(hour)) + timedelta(
                                        minutes=consultant.session_minutes)).time(),
                                    valid_from=day, valid_to=day)
    return consultant, start


def queue_up(consultant, count):
    """`count` graduates join the consultant's queue, in order: their requests."""
    return [services.join_queue(UserFactory(), consultant.pk) for _ in range(count)]


def run_out(request):
    """Her offer's time has run out (the beat has not passed it on yet)."""
    type(request).objects.filter(pk=request.pk).update(offer_expires_at=timezone.now() - timedelta(seconds=1))


def reloaded(row):
    row.refresh_from_db()
    return row
