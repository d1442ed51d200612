"""The one error a service raises when it refuses a request.

    raise ServiceError("slot_taken", _("This slot was just taken."), 409)
    raise NotFound("unknown_session", _("This session does not exist."))

`code` is stable (clients and tests read it), `message` is for the person and
already in her language, `status` is the HTTP status both faces answer with.
Anything else given (e.g. `errors=[...]` for field errors) goes into the API's
JSON body beside them.

- The API (portal/api.py) turns it into `{"detail": message, "code": code}`.
- The pages: a form catches it and shows the message in the form; anything
  else (a button that changes something) lets it through, and
  ServiceErrorMiddleware shows the one problem page, with the status.
"""

from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from portal.pages.templatetags.portal_tags import localized_path


class ServiceError(Exception):
    default_status = 400

    def __init__(self, code, message, status=None, **extra):
        super().__init__(message)
        self.code, self.message = code, message
        self.status = status or self.default_status
        self.extra = extra


class NotFound(ServiceError):
    """Unknown, or not hers to see: the two are never told apart."""

    default_status = 404


class Forbidden(ServiceError):
    default_status = 403


class Conflict(ServiceError):
    """The request is fine but the state does not allow it (taken, already done, too late)."""

    default_status = 409


class Gone(ServiceError):
    default_status = 410


def back_url(request):
    """Where the problem page's back link goes: the page she came from, if it is ours."""
    referer = request.META.get("HTTP_REFERER", "")
    if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return referer
    return localized_path("/")


def problem_page(request, error):
    details = [item["message"] for item in error.extra.get("errors", [])]
    return render(request, "problem.html", {"message": error.message, "details": details,
                                            "back_url": back_url(request)}, status=error.status)


class ServiceErrorMiddleware:
    """A ServiceError a page view lets through becomes the problem page. The API
    has its own handler (portal/api.py) and never reaches here with one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ServiceError):
            return problem_page(request, exception)
        return None
