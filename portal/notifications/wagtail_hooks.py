"""The outbox in /cms/ (Outbound messages): what was sent, what waits, what failed
and why. Read-only: a message is never edited or resent by hand from here; a failed
or uncertain one is looked at, and its last error says what the provider answered."""

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import OutboundMessage


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Those who may view messages (superusers, or a group given the permission) read them."""

    def user_has_permission(self, user, action):
        return action in ("view", "inspect") and super().user_has_permission(user, "view")


def _recipients(message):
    return ", ".join(message.to)


def _short_error(message):
    return Truncator(message.last_error).chars(120)


class OutboundMessageViewSet(SnippetViewSet):
    model = OutboundMessage
    icon = "mail"
    menu_label = _("Outbound messages")
    menu_order = 900
    add_to_admin_menu = True
    list_display = [
        Column("created_at", label=_("created at"), sort_key="created_at"),
        "channel",
        Column("to", label=_("recipients"), accessor=_recipients),
        "subject", "template", "status", "attempts",
        Column("last_error", label=_("last error"), accessor=_short_error),
    ]
    # "status: failed" lists the messages that were given up on, with their errors.
    list_filter = ["status", "channel", "kind"]
    search_fields = ["subject", "template", "last_error"]
    ordering = ["-created_at", "-pk"]
    inspect_view_enabled = True
    inspect_view_fields = ["channel", "to", "subject", "template", "kind", "status", "attempts", "last_error",
                           "provider_id", "created_at", "claimed_at", "handed_at", "sent_at", "body"]


# Wagtail 8 reads a model's policy from its registry (a viewset's own is no longer asked).
register_permission_policy(OutboundMessage, ViewOnlyPolicy(OutboundMessage))
register_snippet(OutboundMessageViewSet)
