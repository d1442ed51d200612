"""What other apps may call about her résumé (import-linter lets `jobs` import this module only).

- resume_for(user) -> Resume | None, rows prefetched (two queries);
- is_complete(resume): what applying "with my online résumé" requires;
- snapshot(resume) -> dict: a JSON copy of what an application sends (no contact);
- render_snapshot_context(snapshot, contact) / render_context(resume, show_contact):
  the context of the include template resumes/includes/resume.html;
- contact_for(resume) -> {"phone", "email"}: for whoever may see it;
- pdf_bytes(resume, show_contact) -> bytes;
- visible_to_employers(user): whether she lets employers open her online résumé (her privacy page).
"""

import datetime

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.services import attended_courses
from jobs.choices import JobType
from portal.accounts.models import SeekerProfile
from portal.next_steps import BASICS, Step

from .models import ExperienceKind, LanguageLevel, Resume, ResumeEntry

SNAPSHOT_VERSION = 1
# What a complete résumé has, and what the /me/ section counts (n of m filled in).
REQUIRED_FIELDS = ("full_name", "school", "major", "degree", "graduation")
PROGRESS_ITEMS = REQUIRED_FIELDS + ("statement", "skills", "education", "experience", "desired_job_types")


def visible_to_employers(user):
    """Her optional consent "employers may open my online résumé" (portal/privacy)."""
    from portal.privacy.consents import allows
    from portal.privacy.models import Purpose

    return allows(user, Purpose.RESUME_VISIBLE)


def resume_for(user):
    if not getattr(user, "is_authenticated", False):
        return None
    return (Resume.objects.filter(user=user)
            .prefetch_related(Prefetch("entries", queryset=ResumeEntry.objects.all()))
            .first())


def is_complete(resume):
    return resume is not None and all(getattr(resume, name) for name in REQUIRED_FIELDS)


def _rows(resume, section):
    return [entry for entry in resume.entries.all() if entry.section == section]


def progress(resume):
    """(filled, total) over PROGRESS_ITEMS."""
    if resume is None:
        return 0, len(PROGRESS_ITEMS)
    filled = sum(bool(_rows(resume, name) if name in ResumeEntry.Section.values else getattr(resume, name))
                 for name in PROGRESS_ITEMS)
    return filled, len(PROGRESS_ITEMS)


def _month(value):
    return f"{value:%Y-%m}" if value else None


def snapshot(resume):
    """Everything an employer may read, as plain JSON, including the course certificates
    earned by then: an application keeps it, so she can edit her résumé afterwards
    without changing what was sent. Her phone and email are not in it."""
    return {
        "version": SNAPSHOT_VERSION,
        "taken_at": timezone.now().isoformat(),
        "full_name": resume.full_name,
        "school": resume.school,
        "major": resume.major,
        "degree": resume.degree,
        "graduation": _month(resume.graduation),
        "statement": resume.statement,
        "skills": list(resume.skills),
        "languages": [dict(language) for language in resume.languages],
        "certificates": list(resume.certificates),
        "portal_certificates": [{"title": row["title"], "date": row["date"].isoformat()}
                                for row in attended_courses(resume.user_id)],
        "desired_job_types": list(resume.desired_job_types),
        "desired_districts": list(resume.desired_districts),
        "salary_min": resume.salary_min,
        "salary_max": resume.salary_max,
        **{section: [{"kind": entry.kind, "organisation": entry.organisation, "role": entry.role,
                      "start": _month(entry.start), "end": _month(entry.end), "description": entry.description}
                     for entry in _rows(resume, section)]
           for section in ResumeEntry.Section.values},
    }


def contact_for(resume):
    """Her phone (as people write it: 138 1234 5678) and email."""
    phone = resume.contact_phone
    return {"phone": phone.as_national if phone else "", "email": resume.contact_email}


def _label(choices, value):
    return dict(choices).get(value, value)


def _period(entry):
    start = entry["start"].replace("-", ".")
    end = entry["end"].replace("-", ".") if entry["end"] else _("present")
    return f"{start} – {end}"


def render_snapshot_context(snapshot, contact=None):
    """The include's context from a snapshot (stored or fresh) and the contact to show, if any."""

    def entries(section):
        return [{**entry, "period": _period(entry), "kind_label": _label(ExperienceKind.choices, entry["kind"])}
                for entry in snapshot.get(section, [])]

    view = {
        **snapshot,
        "degree_label": _label(SeekerProfile.Degree.choices, snapshot["degree"]) if snapshot["degree"] else "",
        "graduation_label": (snapshot["graduation"] or "").replace("-", "."),
        "languages": [{**language, "level_label": _label(LanguageLevel.choices, language["level"])}
                      for language in snapshot["languages"]],
        "portal_certificates": [{**row, "date": datetime.date.fromisoformat(row["date"])}
                                for row in snapshot["portal_certificates"]],
        "desired_job_type_labels": [_label(JobType.choices, value) for value in snapshot["desired_job_types"]],
        "education": entries("education"),
        "experience": entries("experience"),
    }
    return {"resume_view": view, "resume_contact": contact if contact and any(contact.values()) else None}


def render_context(resume, show_contact):
    return render_snapshot_context(snapshot(resume), contact_for(resume) if show_contact else None)


def html_to_pdf(html):
    # Imported here: WeasyPrint loads Pango, which only the PDF needs (every /me/ imports this module).
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # Only file: URLs (the system fonts): rendering never reaches the network.
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"file"}, timeout=2)).write_pdf()


def pdf_bytes(resume, show_contact):
    return html_to_pdf(render_to_string("resumes/pdf.html", render_context(resume, show_contact)))


def dashboard_section(request):
    """The résumé's line on /me/: how much is filled in, with links to edit, preview and download."""
    if not request.user.is_authenticated:
        return None
    resume = resume_for(request.user)
    filled, total = progress(resume)
    return {"template": "resumes/includes/dashboard_section.html", "resume": resume,
            "resume_filled": filled, "resume_total": total}


def next_steps(request):
    """Everything else on the portal starts from a complete résumé."""
    resume = resume_for(request.user)
    if resume is None:
        return [Step(BASICS, _("You have no online résumé yet: employers read it when you apply."),
                     reverse("resumes:edit"), _("Write my résumé"))]
    if not is_complete(resume):
        return [Step(BASICS, _("Your résumé still misses your name, school, major, degree or graduation date."),
                     reverse("resumes:edit"), _("Complete my résumé"))]
    return []


def _month_iso(value):
    return value.isoformat() if value else None


def personal_data(user):
    """Her résumé in her data export, with its PDF (her contact in it, as her own download has)."""
    resume = resume_for(user)
    if resume is None:
        return {"name": "resume", "records": {"resume": None}, "files": []}
    fields = ("full_name", "school", "major", "degree", "statement", "skills", "languages", "certificates",
              "desired_job_types", "desired_districts", "salary_min", "salary_max", "contact_email")
    record = {name: getattr(resume, name) for name in fields}
    record.update(graduation=_month_iso(resume.graduation), contact_phone=str(resume.contact_phone or ""),
                  updated_at=resume.updated_at.isoformat(),
                  entries=[{"section": entry.section, "kind": entry.kind, "organisation": entry.organisation,
                            "role": entry.role, "start": _month_iso(entry.start), "end": _month_iso(entry.end),
                            "description": entry.description} for entry in resume.entries.all()])
    # Built only when the zip is written (WeasyPrint takes a moment).
    return {"name": "resume", "records": {"resume": record},
            "files": [("files/resume.pdf", lambda: pdf_bytes(resume, show_contact=True))]}


def erase_personal_data(user):
    """Her résumé and its rows; the PDF is never stored, so no file remains."""
    Resume.objects.filter(user=user).delete()
