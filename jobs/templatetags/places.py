"""`{{ job.district|place }}`: 永川 in Chinese, Yongchuan in English (jobs/choices.py)."""

from django import template

from jobs.choices import place_name

register = template.Library()


@register.filter
def place(name):
    return place_name(name) if name else ""
