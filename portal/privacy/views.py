"""Her privacy page (/me/privacy/): consents, the access log, her data export and her account's deletion."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.accounts.access import reader_label
from portal.accounts.models import AccessRecord, PrivacyConsent
from portal.accounts.services import send_confirmation_code
from portal.errors import ServiceError

from . import consents, deletion, export
from .forms import DeletionForm, remember_code
from .models import Purpose

ACCESS_LOG_PER_PAGE = 20


@login_required
@require_GET
def privacy_page(request):
    user = request.user
    records = (AccessRecord.objects.filter(subject=user)
               .select_related("reader__employer_membership__employer", "reader__consultant"))
    page = Paginator(records, ACCESS_LOG_PER_PAGE).get_page(request.GET.get("page"))
    for record in page:
        record.reader_name = reader_label(record.reader)
    current = consents.current(user)
    optional = [{"purpose": purpose, "label": Purpose(purpose).label, "given": given, "changed_at": changed_at}
                for purpose, (given, changed_at) in current.items()]
    return render(request, "privacy/privacy_page.html", {
        "title": _("My data and privacy"), "notice_consents": PrivacyConsent.objects.filter(user=user),
        "optional": optional, "page_obj": page, "access_records": page.object_list,
        "exports": user.data_exports.filter(expires_at__gt=timezone.now())[:3], "days": deletion.grace_days(),
    })


@login_required
@require_POST
def change_consent(request):
    purpose, choice = request.POST.get("purpose", ""), request.POST.get("given", "")
    if purpose not in Purpose.values or choice not in ("0", "1"):
        return render(request, "problem.html", {"message": _("There is no such consent to change."),
                                                "back_url": reverse("privacy:page")}, status=400)
    consents.set_consent(request.user, purpose, choice == "1")
    if choice == "1":
        messages.success(request, _("Thank you: your consent has been recorded."))
    else:
        messages.success(request, _("Your consent has been withdrawn."))
    return redirect(reverse("privacy:page") + "#consents")


@login_required
@require_POST
def request_export(request):
    content, background = export.request_export(request.user)
    if background is not None:
        messages.success(request, _("Your data is being prepared. We will send you a link when it is ready; "
                                    "it works for %(days)s days, for you signed in.") % {"days": export.days_kept()})
        return redirect(reverse("privacy:page") + "#export")
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export.file_name(request.user)}"'
    return response


@login_required
@require_GET
def download_export(request, pk):
    data_export = export.own_export(request.user, pk)
    if data_export is None:
        raise Http404
    if not data_export.is_available():
        return render(request, "problem.html", {"message": _(
            "This link has expired or the export is not ready yet. You can ask for a new one on your privacy page."),
            "back_url": reverse("privacy:page")}, status=410)
    return FileResponse(data_export.file.open("rb"), as_attachment=True, filename=export.file_name(request.user),
                        content_type="application/zip")


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    user = request.user
    sending_code = request.method == "POST" and request.POST.get("action") == "send_code"
    form = DeletionForm(user, request.session, request.POST if request.method == "POST" and not sending_code else None)
    if sending_code and form.method == "code":
        try:
            remember_code(request.session, send_confirmation_code(user))
            messages.success(request, _("We have texted a code to %(phone)s.") % {"phone": user.masked_phone})
        except ServiceError as error:
            messages.error(request, error.message)
    elif request.method == "POST" and not sending_code and form.is_valid():
        deletion.request_deletion(user)
        runs_on = timezone.localtime(deletion.runs_on(user))
        logout(request)
        messages.success(request, _("Your account will be deleted on %(date)s. Sign in before then if you "
                                    "change your mind.") % {"date": f"{runs_on:%Y-%m-%d}"})
        return redirect("/")
    return render(request, "privacy/delete_account.html", {
        "title": _("Delete my account"), "form": form, "days": deletion.grace_days(),
    }, status=400 if form.is_bound and form.errors else 200)
