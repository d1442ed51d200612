"""The portal's one date format in templates: `{{ session.starts_at|when }}` (portal/dates.py)."""

from django import template

from portal import dates

register = template.Library()


@register.filter
def day(value, time_zone=None):
    return dates.day(value, time_zone=time_zone)


@register.filter
def when(value, time_zone=None):
    return dates.when(value, time_zone=time_zone)


@register.filter
def clock(value, time_zone=None):
    return dates.clock(value, time_zone=time_zone)


@register.filter
def month(value):
    return dates.month(value)


@register.simple_tag
def when_range(start, end, time_zone=None):
    return dates.when_range(start, end, time_zone=time_zone)
