"""Her résumé pages under /me/resume/: no address carries an id, so each
person reaches only her own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from portal.accounts.models import SeekerProfile

from . import services
from .forms import ResumeForm, cleaned_languages, entry_formsets, language_formset
from .models import Resume

# The groups of the main form, in page order.
FIELDSETS = [
    ("basics", gettext_lazy("About you"), ["full_name", "school", "major", "degree", "graduation"]),
    ("statement", gettext_lazy("About me and skills"), ["statement", "skills", "certificates"]),
    ("wishes", gettext_lazy("The work you are looking for"),
     ["desired_job_types", "desired_districts", "salary_min", "salary_max"]),
    ("contact", gettext_lazy("How to reach you"), ["contact_phone", "contact_email"]),
]


def _new_resume(user):
    """An unsaved résumé prefilled from her account and her profile."""
    profile = SeekerProfile.objects.filter(user=user).first()
    resume = Resume(user=user, full_name=user.display_name, contact_email=user.email or "",
                    contact_phone=user.phone if user.phone and user.phone_verified else "")
    if profile:
        resume.school, resume.major, resume.degree = profile.school, profile.major, profile.degree
    return resume


@login_required
@require_http_methods(["GET", "POST"])
def edit(request):
    resume = services.resume_for(request.user) or _new_resume(request.user)
    data = request.POST if request.method == "POST" else None
    form = ResumeForm(data, instance=resume)
    education, experience = entry_formsets(data, resume)
    languages = language_formset(data, resume)
    if data is not None:
        if all([form.is_valid(), education.is_valid(), experience.is_valid(), languages.is_valid()]):
            with transaction.atomic():
                resume = form.save(commit=False)
                resume.languages = cleaned_languages(languages)
                resume.save()
                for formset in (education, experience):
                    formset.instance = resume
                    formset.save()
            messages.success(request, _("Your résumé has been saved."))
            return redirect("resumes:edit")
        messages.error(request, _("Nothing was saved: please correct the marked fields."))
    fieldsets = [(key, title, [form[name] for name in names]) for key, title, names in FIELDSETS]
    return render(request, "resumes/edit.html", {
        "form": form, "fieldsets": fieldsets, "education": education, "experience": experience,
        "languages": languages, "resume": resume, "complete": services.is_complete(resume),
    }, status=400 if data is not None else 200)


def _saved_resume_or_redirect(request):
    resume = services.resume_for(request.user)
    if resume is None:
        messages.info(request, _("Fill in your résumé first."))
    return resume


@login_required
@require_GET
def preview(request):
    """Her résumé as an employer reads it before she accepts an interview: no phone, no email."""
    resume = _saved_resume_or_redirect(request)
    if resume is None:
        return redirect("resumes:edit")
    return render(request, "resumes/preview.html",
                  {**services.render_context(resume, show_contact=False), "resume": resume})


@login_required
@require_GET
def pdf(request):
    """Her own PDF, with her contact details."""
    resume = _saved_resume_or_redirect(request)
    if resume is None:
        return redirect("resumes:edit")
    response = HttpResponse(services.pdf_bytes(resume, show_contact=True), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"{resume.full_name} · {_('résumé')}.pdf")
    response["Cache-Control"] = "private, no-store"
    return response
