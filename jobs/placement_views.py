"""Her placement page /me/placements/<id>/: she confirms she took the job (or says she
did not), and about six months later says whether she is still there. Rules in
jobs/placements.py; someone else's placement is 404, a second answer 409."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from portal.errors import ServiceError

from . import placements
from .models import Placement


@login_required
@require_GET
def my_placement(request, pk):
    placement = placements.get_own_placement(pk, request.user)
    return render(request, "jobs/my_placement.html", {
        "placement": placement, "job": placement.job,
        "counted": Placement.objects.counted().filter(pk=placement.pk).exists(),
        "retention_choices": Placement.Retention.choices,
    })


@login_required
@require_POST
def answer(request, pk):
    choice = request.POST.get("choice")
    if choice == "confirm":
        placements.confirm(pk, request.user)
        messages.success(request, _("Thank you: your new job is recorded. We wish you every success."))
    elif choice == "dispute":
        placements.dispute(pk, request.user)
        messages.success(request, _("Thank you: we will not count this job. An editor may contact you."))
    else:
        placements.get_own_placement(pk, request.user)  # 404 before 400
        raise ServiceError("invalid", _("Please choose an answer."))
    return redirect("my_placements:detail", pk=pk)


@login_required
@require_POST
def retention(request, pk):
    placements.answer_retention(pk, request.user, request.POST.get("answer", ""))
    messages.success(request, _("Thank you for your answer."))
    return redirect("my_placements:detail", pk=pk)
