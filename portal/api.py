"""JSON API v1 at /api/v1/ (django-ninja; OpenAPI at /api/v1/openapi.json).

Authentication: the site session (CSRF checked on unsafe methods) or a personal
token from POST /api/v1/auth/token sent as `Authorization: Bearer <token>`.
Every error is `{"detail": ..., "code": ...}`: a ServiceError from
portal/errors.py, or one of ninja's own; bad input is 400 with the field errors
listed under `errors`. An unexpected failure is 500 `{detail, code:
"server_error"}` in every configuration, DEBUG included: the traceback goes to
the log, never into the answer. Each app adds its routes in its own `api.py`.

The OpenAPI document lists every error an operation can answer, in that shape
(ErrorOut): the ones every operation of a kind meets (bad input, no token, an
unknown id, a body too large, the throttle) are added here, in
PortalAPI.get_openapi_schema, so a new endpoint documents them without doing
anything; the ones of its own rules (409 slot taken, 410 expired...) each
endpoint names in its decorator with `errors(...)`.
"""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.signals import got_request_exception
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled, ValidationError
from ninja.security import HttpBearer, SessionAuth
from pydantic import Field

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

class FieldError(Schema):
    field: str | None = Field(description="the parameter or body field, dotted; null for the request as a whole")
    message: str
    code: str | None = None


class ErrorOut(Schema):
    """Every error answer of the API."""

    detail: str = Field(description="what went wrong, in the request's language")
    code: str = Field(description="machine-readable reason, e.g. invalid, not_found, slot_taken")
    errors: list[FieldError] | None = Field(None, description="with 400 invalid: each bad field")


# What each error status means wherever it is answered; an endpoint's docstring says more.
ERROR_DESCRIPTIONS = {
    400: "Invalid input: a bad field (listed under `errors`), a control character, a date outside 2000–2100",
    401: "No valid token or session",
    403: "Not allowed for this account (or the session's CSRF check failed)",
    404: "No such object, or not one she may see",
    409: "Conflicts with the object's current state",
    410: "Gone: it expired",
    413: "The request body is too large",
    429: "Too many requests: wait and retry",
}
UNSAFE_METHODS = {"post", "put", "patch", "delete"}


def errors(*statuses):
    """`response={201: X, **errors(404, 409)}`: the error answers of an endpoint's own rules."""
    return {status: ErrorOut for status in statuses}


class PortalAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        error_schema = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, definition in error_schema.pop("$defs", {}).items():
            components.setdefault(name, definition)
        components.setdefault("ErrorOut", error_schema)
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                for status in sorted(common_errors(path, method, operation) | errors_listed(responses)):
                    responses[status] = {
                        "description": ERROR_DESCRIPTIONS.get(status, "Error"),
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
                    }
        return schema


def errors_listed(responses):
    """The error statuses an endpoint named itself (their description is ours)."""
    return {status for status in responses if 400 <= int(status) < 500}


def common_errors(path, method, operation):
    """The errors every operation of its kind can answer, whatever it does."""
    found = {400, 429}  # portal/edge.py refuses control characters in any query; the API throttles
    if operation.get("security"):
        found.add(401)
        if method in UNSAFE_METHODS:
            found.add(403)  # the session's CSRF check
    if "{" in path:
        found.add(404)  # an unknown id, or one past 2⁶³ (portal/edge.py)
    if "requestBody" in operation:
        found.add(413)
    return found


api = PortalAPI(
    title="巾帼职达 API",
    version="1",
    urls_namespace="api-v1",
    throttle=[AnonThrottle(settings.API_RATE_ANON), AuthThrottle(settings.API_RATE_USER)],
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
api.add_router("/", "portal.privacy.api.router")
api.add_router("/", "courses.api.router")
api.add_router("/", "consultants.api.router")
# Search first: its /jobs/suggest must be matched before the jobs router's /jobs/{job_id}.
api.add_router("/", "search.api.router")
api.add_router("/", "jobs.api.router")
