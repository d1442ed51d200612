"""Jobs in the Wagtail admin: employers, postings, the phrase list and the
moderation review where moderators approve or reject submitted postings."""

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.admin_home import Waiting, WaitingPanel

from . import admin_placements, admin_verification, admin_views, placements, services
from .models import DiscriminatoryPhrase, Employer, EmployerMember, JobPosting


class JobPostingAdminForm(WagtailAdminModelForm):
    """Editors may keep a posting as a draft, submit or close it here; approval
    and rejection happen only in the moderation review, where the check runs."""

    EDITABLE = {JobPosting.Status.DRAFT, JobPosting.Status.SUBMITTED, JobPosting.Status.CLOSED}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            current = self.instance.status if self.instance.pk else JobPosting.Status.DRAFT
            self.fields["status"].choices = [
                (value, label) for value, label in JobPosting.Status.choices
                if value in self.EDITABLE or value == current
            ]

    def save(self, commit=True):
        # Flags and the status follow the text edited here as they do on the site
        # (services.status_after_edit): submitted with flagged wording is held as needing
        # changes, and a live posting whose content changed goes back to review.
        posting = self.instance
        stored = JobPosting.objects.filter(pk=posting.pk).first() if posting.pk else None
        services.screen_posting(posting)
        Status = JobPosting.Status
        if posting.status in (Status.SUBMITTED, Status.NEEDS_CHANGES):
            posting.status = Status.NEEDS_CHANGES if posting.flagged_phrases else Status.SUBMITTED
        elif posting.status == Status.APPROVED and stored is not None and stored.status == Status.APPROVED:
            posting.status = services.status_after_edit(posting, stored, submit=False)
        return super().save(commit=commit)

    def clean_status(self):
        status = self.cleaned_data["status"]
        unchanged = self.instance.pk and status == self.instance.status
        if status not in self.EDITABLE and not unchanged:
            self.add_error("status", _("Approve or reject a posting in the moderation review."))
        # Only verified employers post, whoever submits for them.
        employer = self.cleaned_data.get("employer")
        if status == JobPosting.Status.SUBMITTED and not unchanged and employer is not None and not employer.verified:
            self.add_error("status", _("This employer is not verified yet: only verified employers can submit "
                                       "postings."))
        return status


def review_link(job):
    """Moderators review submitted postings; for the others, editors open the
    applicants page where they move applications along."""
    if job.status == JobPosting.Status.SUBMITTED:
        label = _("Review (flagged)") if job.flagged_phrases else _("Review")
        return format_html('<a href="{}">{}</a>', reverse("jobs_admin_review", args=[job.pk]), label)
    return format_html('<a href="{}">{}</a>', reverse("jobs:employer_posting", args=[job.pk]), _("Applicants"))


def verification_link(employer):
    """The state of an employer's verification, linking to where a moderator decides it."""
    return format_html('<a href="{}">{}</a>', reverse("jobs_admin_verification_review", args=[employer.pk]),
                       employer.get_verification_status_display())


class EmployerViewSet(SnippetViewSet):
    model = Employer
    icon = "site"
    menu_label = _("Employers")
    list_display = ["name", "industry", "district",
                    Column("verification", label=_("Verification"), accessor=verification_link)]
    list_filter = ["industry", "verification_status"]
    search_fields = ["name", "credit_code"]
    search_backend_name = None
    # Verification is decided on its own page (admin_verification.py); the licence is
    # never a field here: it is private, read through the view that checks who asks.
    panels = [
        FieldPanel("name"),
        FieldPanel("credit_code"),
        FieldRowPanel([FieldPanel("industry"), FieldPanel("size")]),
        FieldRowPanel([FieldPanel("city"), FieldPanel("district")]),
        FieldPanel("description"),
        FieldPanel("logo"),
        FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_phone")]),
        FieldRowPanel([FieldPanel("website"), FieldPanel("contact_email")]),
        FieldPanel("verification_status", read_only=True),
    ]


class EmployerMemberViewSet(SnippetViewSet):
    model = EmployerMember
    icon = "user"
    menu_label = _("Employer accounts")
    list_display = ["user", "employer"]
    panels = [FieldPanel("user"), FieldPanel("employer")]


class JobPostingViewSet(SnippetViewSet):
    model = JobPosting
    icon = "doc-full"
    menu_label = _("Job postings")
    list_display = ["title", "employer", "status", "expires_at",
                    Column("review", label=_("Moderation"), accessor=review_link)]
    list_filter = ["status", "industry", "job_type"]
    search_fields = ["title"]
    search_backend_name = None
    # The form class goes on the edit handler: a SnippetViewSet has no base_form_class
    # of its own, and without JobPostingAdminForm an editor could approve here.
    edit_handler = ObjectList([
        FieldPanel("employer"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("district")]),
        FieldRowPanel([FieldPanel("industry"), FieldPanel("job_type")]),
        FieldRowPanel([FieldPanel("salary_min"), FieldPanel("salary_max")]),
        FieldRowPanel([FieldPanel("education"), FieldPanel("experience")]),
        FieldPanel("description"),
        FieldPanel("requirements"),
        FieldPanel("benefits"),
        FieldPanel("how_to_apply"),
        MultiFieldPanel([FieldPanel("expires_at"), FieldPanel("status")], heading=_("Publication")),
    ], base_form_class=JobPostingAdminForm)


class DiscriminatoryPhraseViewSet(SnippetViewSet):
    model = DiscriminatoryPhrase
    icon = "warning"
    menu_label = _("Discriminatory phrases")
    list_display = ["phrase", "category", "active"]
    list_filter = ["category", "active"]
    panels = [FieldPanel("phrase"), FieldPanel("category"), FieldPanel("active"), FieldPanel("note")]


class JobsGroup(SnippetViewSetGroup):
    items = (JobPostingViewSet, EmployerViewSet, EmployerMemberViewSet, DiscriminatoryPhraseViewSet)
    menu_icon = "doc-full"
    menu_label = _("Jobs")
    menu_name = "jobs"


register_snippet(JobsGroup)


@hooks.register("register_admin_urls")
def moderation_urls():
    return [
        path("jobs/moderation/", admin_views.queue, name="jobs_admin_queue"),
        path("jobs/review/<int:pk>/", admin_views.review, name="jobs_admin_review"),
    ]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("jobs.moderate_jobposting")


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return ModerationMenuItem(_("Job moderation"), reverse("jobs_admin_queue"), icon_name="tasks", order=250)


@hooks.register("register_admin_urls")
def verification_urls():
    return [
        path("jobs/verification/", admin_verification.queue, name="jobs_admin_verification_queue"),
        path("jobs/verification/<int:pk>/", admin_verification.review, name="jobs_admin_verification_review"),
    ]


class VerificationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("jobs.verify_employer")


@hooks.register("register_admin_menu_item")
def verification_menu_item():
    return VerificationMenuItem(_("Employer verification"), reverse("jobs_admin_verification_queue"),
                                icon_name="success", order=251)


@hooks.register("construct_homepage_panels")
def waiting_for_moderators(request, panels):
    """Postings to moderate and employers to verify, for those who decide them."""
    user = request.user
    items = []
    if user.has_perm("jobs.moderate_jobposting"):
        items.append(Waiting(_("postings to moderate"), admin_views.moderation_queue().count(),
                             reverse("jobs_admin_queue")))
    if user.has_perm("jobs.verify_employer"):
        items.append(Waiting(_("employers to verify"), Employer.objects.waiting_for_verification().count(),
                             reverse("jobs_admin_verification_queue")))
    panels.append(WaitingPanel("jobs-waiting", _("Jobs: waiting for you"), items))


@hooks.register("register_admin_urls")
def placement_urls():
    return [
        path("jobs/placements/", admin_placements.ledger, name="jobs_admin_placements"),
        path("jobs/placements/<int:pk>/verify/", admin_placements.verify, name="jobs_admin_placement_verify"),
    ]


class PlacementsMenuItem(MenuItem):
    def is_shown(self, request):
        return placements.can_verify(request.user)


@hooks.register("register_admin_menu_item")
def placements_menu_item():
    return PlacementsMenuItem(_("Placements"), reverse("jobs_admin_placements"), icon_name="success", order=252)
