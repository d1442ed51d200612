"""Places where the apps plug into the site shell without the shell importing them.

Each setting lists dotted paths to functions taking the request:
- HOME_FEATURED_PROVIDERS: return a dict for a home-page slot (key, title,
  items, card_template, more_url, more_label; optionally `markers`, handed to each
  card, and `scripts`, static paths the page loads) or None when there is nothing to show;
- DASHBOARD_SECTION_PROVIDERS: return a dict with a `template` to include on
  /me/ (and whatever that template needs), or None.
"""

from django.conf import settings
from django.utils.module_loading import import_string


def _collect(setting_name, request):
    results = []
    for path in getattr(settings, setting_name, []):
        result = import_string(path)(request)
        if result:
            results.append(result)
    return results


def home_featured_slots(request):
    return _collect("HOME_FEATURED_PROVIDERS", request)


def dashboard_sections(request):
    return _collect("DASHBOARD_SECTION_PROVIDERS", request)
