"""Demo graduates' profiles: where each lives and studied, and when she joined.

Runs after every other seeder (settings.DEMO_SEEDERS), when the graduates and what they
did exist. The federation's statistics split registrations, enrolments, consultations and
placements by these districts and schools and by the month she joined, so they must say
something: a graduate with a résumé keeps its school, major, degree and year, and each joined a few days before
the first thing she did on the portal (a month or so earlier when that was today)."""

import random
from datetime import timedelta

from django.db.models import Min
from django.utils import timezone

from jobs.choices import DISTRICTS

from .models import SeekerProfile
from .statistics import graduate_accounts

SCHOOLS = ["重庆大学", "西南大学", "重庆师范大学", "重庆工商大学", "重庆邮电大学", "重庆交通大学", "四川外国语大学",
           "西南政法大学", "重庆文理学院", "长江师范学院", "重庆电子工程职业学院", "重庆城市管理职业学院"]


def seed_profiles():
    rng = random.Random(13)
    now = timezone.now()
    # Those whose profile says nowhere yet: a second run changes nothing.
    graduates = (graduate_accounts().exclude(seeker_profile__city__gt="").order_by("pk")
                 .annotate(first_booking=Min("bookings__created_at"),
                           first_enrolment=Min("course_enrolments__created_at"),
                           first_application=Min("applications__created_at")))
    for user in graduates:
        resume = getattr(user, "resume", None)
        if resume is not None:
            # What her résumé says, so that her profile on /me/ does not contradict it.
            studies = {"school": resume.school, "major": resume.major, "degree": resume.degree,
                       "graduation_year": resume.graduation.year if resume.graduation else None}
        else:
            studies = {"school": rng.choice(SCHOOLS)}
        SeekerProfile.objects.update_or_create(user=user, defaults={**studies, "city": rng.choice(DISTRICTS)})
        first = min(moment for moment in (user.first_booking, user.first_enrolment, user.first_application, now)
                    if moment is not None)
        joined = first - timedelta(days=rng.randint(2, 20) if first < now - timedelta(days=2) else rng.randint(20, 60))
        type(user).objects.filter(pk=user.pk).update(date_joined=joined)


def seed(size):
    # One profile per graduate whatever the size: the graduates are what the other seeders made.
    return [("graduate profiles", seed_profiles)]
