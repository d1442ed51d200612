from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.extensions import dashboard_sections
from portal.homes import GRADUATE, switcher
from portal.next_steps import next_steps
from portal.notifications.forms import ChannelPreferencesForm

from .forms import AccountSettingsForm, SeekerProfileForm
from .models import SeekerProfile
from .token_views import token_rows


@login_required
def dashboard(request):
    """/me/: her journey. First what she could do next (portal/next_steps.py), then
    the apps' sections in the order of settings.DASHBOARD_SECTION_PROVIDERS."""
    profile = SeekerProfile.objects.filter(user=request.user).first()
    return render(request, "accounts/dashboard.html", {
        "profile": profile, "next_steps": next_steps(request), "dashboard_sections": dashboard_sections(request),
        "role_switch": switcher(request.user, GRADUATE),
    })


@login_required
@require_http_methods(["GET", "POST"])
def edit_profile(request):
    profile = SeekerProfile.objects.filter(user=request.user).first() or SeekerProfile(user=request.user)
    form = SeekerProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("dashboard")
    return render(request, "accounts/form_page.html", {"form": form, "title": _("My profile")})


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request):
    """Her name and language, how each kind of message reaches her, and her API
    tokens: two forms on one page, each with its own button, so that saving one
    never touches the other, then the tokens, each revoked at its own address."""
    data = request.POST if request.method == "POST" else None
    choosing_channels = data is not None and data.get("form") == "notifications"
    form = AccountSettingsForm(None if choosing_channels else data, instance=request.user)
    channels_form = ChannelPreferencesForm(request.user, data if choosing_channels else None)
    if choosing_channels and channels_form.is_valid():
        channels_form.save()
        messages.success(request, _("Your notification choices have been saved."))
        return redirect(reverse("account_settings") + "#notifications")
    if data is not None and not choosing_channels and form.is_valid():
        user = form.save()
        # Her page in the language she chose, where the message below is written in it too.
        with translation.override(user.language):
            messages.success(request, _("Your account settings have been saved."))
            return redirect(reverse("dashboard"))
    return render(request, "accounts/account_settings.html",
                  {"form": form, "channels_form": channels_form, "tokens": token_rows(request.user),
                   "title": _("Account settings")})


def privacy_notice(request):
    return render(request, "accounts/privacy_notice.html", {"version": settings.PRIVACY_NOTICE_VERSION})
