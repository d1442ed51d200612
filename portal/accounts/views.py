from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.extensions import dashboard_sections

from .forms import SeekerProfileForm
from .models import SeekerProfile


@login_required
def dashboard(request):
    """/me/: what the signed-in person has going on. Later parts of the portal
    add their sections (enrolments, bookings, applications)."""
    profile = SeekerProfile.objects.filter(user=request.user).first()
    return render(
        request, "accounts/dashboard.html", {"profile": profile, "dashboard_sections": dashboard_sections(request)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_profile(request):
    profile = SeekerProfile.objects.filter(user=request.user).first() or SeekerProfile(user=request.user)
    form = SeekerProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("dashboard")
    return render(request, "accounts/profile_form.html", {"form": form})


def privacy_notice(request):
    return render(request, "accounts/privacy_notice.html", {"version": settings.PRIVACY_NOTICE_VERSION})
