from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from portal.api import AUTH
from portal.errors import Forbidden, ServiceError

from .tokens import issue_token

router = Router(tags=["accounts"])


class TokenRequest(Schema):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=200)
    name: str = Field(default="", max_length=60)


class TokenResponse(Schema):
    token: str


@router.post("/auth/token", response={201: TokenResponse}, auth=None)
def create_token(request, body: TokenRequest):
    """Exchange email and password for a personal token (shown once)."""
    # authenticate() goes through django-axes, so this door is locked too.
    user = authenticate(request, email=body.email.lower(), password=body.password)
    if user is None:
        raise ServiceError("bad_credentials", _("Wrong email or password, or the account is locked."), 401)
    if not user.emailaddress_set.filter(verified=True).exists():
        raise Forbidden("unverified", _("Please confirm your email address first."))
    return Status(201, {"token": issue_token(user, body.name)})


class ProfileOut(Schema):
    school: str
    major: str
    degree: str
    graduation_year: int | None
    city: str


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    profile: ProfileOut | None


@router.get("/me", response=MeOut, auth=AUTH)
def me(request):
    """The signed-in user's own account. Parts of the portal add their sections."""
    user = request.auth
    profile = getattr(user, "seeker_profile", None)
    return {"id": user.pk, "email": user.email, "display_name": user.display_name, "profile": profile}
