"""JSON API v1 at /api/v1/ (django-ninja; OpenAPI at /api/v1/openapi.json).

Authentication: the site session (CSRF checked on unsafe methods) or a personal
token from POST /api/v1/auth/token sent as `Authorization: Bearer <token>`.
Every error is `{"detail": ..., "code": ...}`: a ServiceError from
portal/errors.py, or one of ninja's own; bad input is 400 with the field errors
listed under `errors`. An unexpected failure is 500 `{detail, code:
"server_error"}` in every configuration, DEBUG included: the traceback goes to
the log, never into the answer. Each app adds its routes in its own `api.py`.
"""

import logging

from django.core.exceptions import RequestDataTooBig
from django.core.signals import got_request_exception
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled, ValidationError
from ninja.security import HttpBearer, SessionAuth

from portal.errors import ServiceError
from portal.throttles import AnonThrottle, AuthThrottle


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        from portal.accounts.tokens import user_for_token

        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


# Either a personal token or the site session; the session checks CSRF.
AUTH = [BearerToken(), SessionAuth()]

api = NinjaAPI(
    title="巾帼职达 API",
    version="1",
    urls_namespace="api-v1",
    throttle=[AnonThrottle("60/min"), AuthThrottle("240/min")],
)


logger = logging.getLogger("portal.api")


def error_response(request, status, code, detail, **extra):
    return api.create_response(request, {"detail": detail, "code": code, **extra}, status=status)


@api.exception_handler(ServiceError)
def _service_error(request, exc):
    """Every refusal of a service or an endpoint (portal/errors.py)."""
    return error_response(request, exc.status, exc.code, str(exc.message), **exc.extra)


@api.exception_handler(ValidationError)
def _validation_error(request, exc):
    errors = []
    for error in exc.errors:
        # ninja reports e.g. ("body", "body", "email"); the client sent "email".
        parts = [str(part) for part in error.get("loc", [])]
        while parts and parts[0] in {"body", "query", "path", "form", "file"}:
            parts.pop(0)
        errors.append({"field": ".".join(parts) or None, "message": error.get("msg")})
    return error_response(request, 400, "invalid", _("The request has invalid fields."), errors=errors)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return error_response(request, 401, "unauthenticated", _("Log in or send a valid token."))


@api.exception_handler(AuthorizationError)
def _forbidden(request, exc):
    return error_response(request, 403, "forbidden", _("You may not do this."))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return error_response(request, 404, "not_found", _("Not found."))


@api.exception_handler(Throttled)
def _throttled(request, exc):
    return error_response(request, 429, "throttled", _("Too many requests. Please wait a moment."))


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE, refused before it is read."""
    return error_response(request, 413, "too_large", _("The request is too large."))


@api.exception_handler(Exception)
def _server_error(request, exc):
    """Anything no handler above expects. ninja's own answers the traceback as text
    under DEBUG (and an HTML page otherwise); a client gets neither."""
    logger.error("API error on %s %s", request.method, request.path, exc_info=exc)
    # As for any failed request: error reporting, and the test client re-raising it.
    got_request_exception.send(sender=None, request=request)
    return error_response(request, 500, "server_error", _("Something went wrong on our side. Please try again later."))


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return error_response(request, exc.status_code, "error", str(exc))


api.add_router("/", "portal.accounts.api.router")
api.add_router("/", "portal.notifications.api.router")
api.add_router("/", "courses.api.router")
api.add_router("/", "consultants.api.router")
# Search first: its /jobs/suggest must be matched before the jobs router's /jobs/{job_id}.
api.add_router("/", "search.api.router")
api.add_router("/", "jobs.api.router")
