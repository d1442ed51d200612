"""Bad input stopped at the edge, once for every page and endpoint.

Each check here used to be a 500 somewhere deep in the portal: a NUL character
reaching PostgreSQL, a year 9999 overflowing a date calculation, an id past
2⁶³ overflowing SQLite, a body over the limit. They are refused before any view
runs, with a clear message: JSON `{detail, code}` under /api/, the problem page
elsewhere. A new form or endpoint gets them without doing anything.
"""

import json
import re

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import JsonResponse
from django.utils.translation import gettext as _

from .errors import ServiceError, problem_page

# Control characters no text we take may hold; tab, line feed and carriage return are text.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A value that is a date or a date and time, as forms and the API send them.
DATE = re.compile(r"(-?\d{1,6})-(\d{2})-(\d{2})([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?")
FIRST_YEAR, LAST_YEAR = 2000, 2100
# The largest id either database stores (a signed 64-bit integer).
LARGEST_ID = 2**63 - 1
NUMBER_SEGMENT = re.compile(r"(?<=/)\d+(?=/|\.|$)")
# Django cuts longer names to 255 characters on arrival; refusing well before that keeps a
# cut-off name from being stored as if she had chosen it.
MAX_FILENAME = 200


class Refused(Exception):
    def __init__(self, status, code, message):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _check_text(value):
    if CONTROL.search(value):
        raise Refused(400, "control_character", _("The request contains a control character (such as NUL)."))
    date = DATE.fullmatch(value.strip())
    if date and not FIRST_YEAR <= int(date.group(1)) <= LAST_YEAR:
        raise Refused(400, "date_out_of_range", _("Dates must be between the years %(first)s and %(last)s.") % {
            "first": FIRST_YEAR, "last": LAST_YEAR})


def _check_json(value):
    """Every string in a JSON body, keys included, at any depth."""
    if isinstance(value, str):
        _check_text(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check_json(item)
    elif isinstance(value, list):
        for item in value:
            _check_json(item)


def _check_path(path):
    if CONTROL.search(path):
        raise Refused(400, "control_character", _("The request contains a control character (such as NUL)."))
    for number in NUMBER_SEGMENT.findall(path):
        if int(number) > LARGEST_ID:
            raise Refused(404, "not_found", _("Not found."))


def _too_big():
    return Refused(413, "too_large", _("The request is too large (at most %(size)s MB).") % {
        "size": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)})


def _check_body(request):
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return
    length = request.META.get("CONTENT_LENGTH") or "0"
    content_type = request.content_type or ""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if not content_type.startswith("multipart/") and length.isdigit() and int(length) > limit:
        raise _too_big()
    try:
        if content_type == "application/json":
            body = request.body
            try:
                data = json.loads(body or b"null")
            except (ValueError, UnicodeDecodeError):
                return  # the endpoint says what is wrong with it
            _check_json(data)
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            for values in request.POST.lists():
                _check_text(values[0])
                for value in values[1]:
                    _check_text(value)
            for upload in (item for _key, items in request.FILES.lists() for item in items):
                if len(upload.name or "") > MAX_FILENAME:
                    raise Refused(400, "filename_too_long", _(
                        "File names may be at most %(count)s characters long.") % {"count": MAX_FILENAME})
                _check_text(upload.name or "")
    except (RequestDataTooBig, TooManyFieldsSent):
        raise _too_big() from None


def check(request):
    """Raise Refused when the request carries what no view can take."""
    _check_path(request.path_info)
    for key, values in request.GET.lists():
        _check_text(key)
        for value in values:
            _check_text(value)
    _check_body(request)


class EdgeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            check(request)
        except Refused as refused:
            return refusal(request, refused)
        return self.get_response(request)


def refusal(request, refused):
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": refused.message, "code": refused.code}, status=refused.status)
    return problem_page(request, ServiceError(refused.code, refused.message, status=refused.status))


def api_not_found(request, *args, **kwargs):
    """Any path under /api/ that no endpoint answers, for every method: a JSON 404
    (before, a POST there met APPEND_SLASH's RuntimeError)."""
    return JsonResponse({"detail": _("There is no such API address."), "code": "not_found"}, status=404)
