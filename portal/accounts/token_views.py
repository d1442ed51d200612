"""Her API tokens on /me/account/: the list, and revoking one (asked first, as every
action that cannot be undone: portal/confirmation.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.confirmation import confirmation_page, confirmed, moment

from .tokens import expires_at, live_tokens, revoke_token


def token_rows(user):
    """Her live tokens as the account page lists them: one query."""
    return [{"token": token, "expires_at": expires_at(token)} for token in live_tokens(user)]


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request, token_id):
    # Someone else's token, or one already ended, is not there for her.
    token = live_tokens(request.user).filter(pk=token_id).first()
    if token is None:
        raise Http404
    back = reverse("account_settings") + "#tokens"
    if not confirmed(request):
        return confirmation_page(
            request, title=_("Revoke an API token"),
            summary=_("Revoke the token “%(name)s”?") % {"name": token.name},
            consequences=[_("Programs that use this token can no longer reach your account."),
                          _("Your other tokens and your password keep working.")],
            facts=[(_("Starts with"), token.prefix), (_("Created"), moment(token.created)),
                   (_("Expires"), moment(expires_at(token)))],
            confirm_label=_("Revoke the token"), back_url=back, back_label=_("Keep it"))
    revoke_token(request.user, token.pk)
    messages.success(request, _("The token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect(back)
