"""The building blocks of the federation's statistics (reports/figures.py): how a figure is
split (per month in Beijing time, per district, per school of the graduate), and the
registrations. Every app's services.py counts its own rows with `split()`, in one
grouped query whatever the number of rows.

The district and the school are SeekerProfile.city and .school, which an erased account
keeps (its User row stays, inactive), so past figures do not change when she leaves."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, F, Value
from django.db.models.functions import Coalesce, TruncMonth

BY = ("month", "district", "school")


def split(queryset, by, moment, user, is_date=False):
    """`queryset` with a `key` column: the month of `moment` (a datetime field path, in
    Beijing time; a date field with is_date) or the district or school of the graduate at
    `user` (a path to her User)."""
    if by == "month":
        if is_date:
            return queryset.annotate(key=TruncMonth(moment))
        return queryset.annotate(key=TruncMonth(moment, tzinfo=ZoneInfo(settings.TIME_ZONE)))
    field = {"district": "city", "school": "school"}[by]
    prefix = f"{user}__" if user else ""
    return queryset.annotate(key=Coalesce(F(f"{prefix}seeker_profile__{field}"), Value("")))


def grouped(queryset, by, moment, user, is_date=False, **counts):
    """{key: {name: count}} for `counts` (name=Count(...)), one query."""
    rows = split(queryset, by, moment, user, is_date).values("key").annotate(**counts).order_by("key")
    return {row["key"]: {name: row[name] for name in counts} for row in rows}


def graduate_accounts():
    """Graduates' accounts, erased ones included (is_active is not looked at): not staff,
    not a consultant's or an employer's account."""
    return get_user_model().objects.filter(is_staff=False, is_superuser=False, consultant__isnull=True,
                                           employer_membership__isnull=True)


def registrations(start, end, by):
    """Graduate accounts created in [start, end) (datetimes)."""
    queryset = graduate_accounts().filter(date_joined__gte=start, date_joined__lt=end)
    return grouped(queryset, by, "date_joined", "", registrations=Count("pk"))
