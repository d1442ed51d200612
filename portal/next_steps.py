"""下一步 on /me/: what she could do now, drawn from her situation.

Each app has a rules function (settings.NEXT_STEP_PROVIDERS: dotted paths to
functions taking the request) returning a list of Step; the shell shows them
all, most pressing first (lowest priority number). Nothing to do is a calm line
in the template, not a step.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

# Priorities the apps share, so that their steps interleave sensibly.
URGENT = 10  # a problem to solve now (an offer or contract to check)
SOON = 20  # something coming up to prepare for (an interview)
BASICS = 30  # what everything else needs (a complete résumé)
EXPLORE = 40  # a way forward when nothing is pending (search for jobs)


@dataclass(frozen=True)
class Step:
    priority: int
    text: str
    url: str
    link_label: str


def next_steps(request):
    steps = []
    for path in getattr(settings, "NEXT_STEP_PROVIDERS", []):
        steps.extend(import_string(path)(request) or [])
    return sorted(steps, key=lambda step: step.priority)
