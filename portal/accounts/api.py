from datetime import datetime

from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from portal.api import AUTH, errors
from portal.errors import Forbidden, NotFound, ServiceError
from portal.validators import SingleLine

from .models import SeekerProfile
from .tokens import expires_at, issue_token, live_tokens, revoke_token

router = Router(tags=["accounts"])


class TokenRequest(Schema):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=200)
    name: SingleLine = Field(default="", max_length=60)


class TokenResponse(Schema):
    token: str


@router.post("/auth/token", response={201: TokenResponse, **errors(401, 403, 429)}, auth=None)
def create_token(request, body: TokenRequest):
    """Exchange email and password for a personal token (shown once)."""
    # authenticate() goes through django-axes, so this door is locked too.
    user = authenticate(request, email=body.email.lower(), password=body.password)
    if getattr(request, "axes_locked_out", False):
        # Answer JSON, not axes' HTML page: its middleware replaces the response
        # of any request it marked locked out, so take the mark off once read.
        request.axes_locked_out = False
        raise ServiceError("locked_out", _("Too many failed attempts. Please try again in 15 minutes."), 429)
    if user is None:
        raise ServiceError("bad_credentials", _("Wrong email or password, or the account is locked."), 401)
    if not user.emailaddress_set.filter(verified=True).exists():
        raise Forbidden("unverified", _("Please confirm your email address first."))
    return Status(201, {"token": issue_token(user, body.name)})


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created: datetime
    last_used_at: datetime | None
    expires_at: datetime


@router.get("/auth/tokens", response=list[TokenOut], auth=AUTH)
def list_tokens(request):
    """Her tokens that still open the API (never the secret itself)."""
    return [{"id": t.pk, "name": t.name, "prefix": t.prefix, "created": t.created,
             "last_used_at": t.last_used_at, "expires_at": expires_at(t)} for t in live_tokens(request.auth)]


@router.delete("/auth/tokens/{int:token_id}", response={204: None, **errors(404)}, auth=AUTH)
def delete_token(request, token_id: int):
    """Revoke one of her tokens; someone else's or an ended one is 404."""
    if not revoke_token(request.auth, token_id):
        raise NotFound("token_not_found", _("No such token."))
    return Status(204, None)


class ProfileOut(Schema):
    school: str
    major: str
    degree: str
    graduation_year: int | None
    city: str


class MeEnrolment(Schema):
    """A course session she holds a seat in, waits for or was offered, not over yet."""

    id: int
    status: str = Field(description="enrolled, waitlisted or offered (attended / no_show once marked)")
    session_id: int
    course: str
    starts_at: datetime
    ends_at: datetime


class MeBooking(Schema):
    """A consultation still ahead of her."""

    id: int
    status: str = Field(description="confirmed, or pending (waiting for the consultant's approval)")
    mode: str = Field(description="online, phone or in_person")
    start: datetime
    end: datetime
    consultant_id: int
    consultant: str


class MeApplication(Schema):
    id: int
    status: str = Field(description="submitted, viewed, interview, offer, hired, rejected, withdrawn or unanswered")
    job_id: int
    job_title: str
    employer: str
    sent_at: datetime
    updated_at: datetime
    answer_due_at: datetime | None = Field(description="when the employer must have answered")
    answered_at: datetime | None


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    profile: ProfileOut | None
    enrolments: list[MeEnrolment]
    bookings: list[MeBooking]
    applications: list[MeApplication]


@router.get("/me", response=MeOut, auth=AUTH)
def me(request):
    """Her own account: profile, upcoming course sessions and consultations, and her applications."""
    user = request.auth
    profile = SeekerProfile.objects.filter(user=user).first()
    sections = {key: import_string(path)(user) for key, path in settings.ME_API_SECTIONS.items()}
    return {"id": user.pk, "email": user.email, "display_name": user.display_name, "profile": profile, **sections}
