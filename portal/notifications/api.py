"""Her notification centre over JSON: the same entries as /me/notifications/,
newest first, and marking them read. Another user's entry is a 404."""

from datetime import datetime

from django.core.paginator import Paginator
from ninja import Query, Router, Schema
from pydantic import Field

from portal.api import AUTH, errors

from . import centre
from .links import absolute_url

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str | None = Field(description="the page it is about, absolute; null when there is none")
    created_at: datetime
    read: bool


class NotificationPage(Schema):
    total: int
    unread: int
    page: int
    pages: int
    results: list[NotificationOut]


class PageQuery(Schema):
    page: int = Field(default=1, ge=1, le=10_000)


class ReadAllOut(Schema):
    marked: int = Field(description="how many were unread")
    unread: int


def _out(entry):
    path = centre.site_path(entry.url)
    return {"id": entry.pk, "kind": entry.kind, "title": entry.title, "body": entry.body,
            "url": absolute_url(path) if path else None, "created_at": entry.created_at,
            "read": entry.read_at is not None}


@router.get("/me/notifications", response=NotificationPage, auth=AUTH)
def list_notifications(request, query: Query[PageQuery]):
    """Her notifications, newest first, 20 a page."""
    page = Paginator(centre.entries(request.auth), centre.PER_PAGE).get_page(query.page)
    return {"total": page.paginator.count, "unread": centre.unread_count(request.auth), "page": page.number,
            "pages": page.paginator.num_pages, "results": [_out(entry) for entry in page]}


@router.post("/me/notifications/read-all", response=ReadAllOut, auth=AUTH)
def read_all(request):
    """Mark all her notifications read."""
    return {"marked": centre.mark_all_read(request.auth), "unread": 0}


@router.post("/me/notifications/{notification_id}/read", response={200: NotificationOut, **errors(404)}, auth=AUTH)
def read_one(request, notification_id: int):
    """Mark one of her notifications read; returns it (404 for an id that is not hers)."""
    return _out(centre.mark_read(request.auth, notification_id))
