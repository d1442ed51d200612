from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.models import RevisionMixin
from wagtail.search import index

from portal.validators import single_line

from .choices import CompanySize, Education, Experience, FamilyFriendly, Industry, JobType
from .credit_code import normalise, validate_credit_code
from .storage import private_storage


class EmployerQuerySet(models.QuerySet):
    def verified(self):
        """Employers a moderator verified: the only ones that post and have a public page."""
        return self.filter(verification_status=Employer.Verification.VERIFIED)

    def waiting_for_verification(self):
        return self.filter(verification_status=Employer.Verification.PENDING)


class Employer(index.Indexed, models.Model):
    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("Not verified")
        PENDING = "pending", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Verification refused")

    name = models.CharField(_("name"), max_length=120, unique=True, validators=[single_line])
    # Unique when given; employers added in the admin before registration existed have none.
    credit_code = models.CharField(_("unified social credit code"), max_length=18, unique=True, null=True,
                                   blank=True, validators=[validate_credit_code])
    industry = models.CharField(_("industry"), max_length=20, choices=Industry.choices)
    size = models.CharField(_("size"), max_length=10, choices=CompanySize.choices, blank=True)
    city = models.CharField(_("city"), max_length=40, default="重庆")
    district = models.CharField(_("district"), max_length=20, blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=60, blank=True, validators=[single_line])
    contact_phone = PhoneNumberField(_("contact phone"), blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    # Verification (jobs/employers.py): registered with a licence → pending → a moderator
    # verifies or refuses with a reason the employer reads; a refused one may send it again.
    verification_status = models.CharField(_("verification"), max_length=12, choices=Verification.choices,
                                           default=Verification.UNVERIFIED)
    verification_requested_at = models.DateTimeField(_("verification requested at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("verification decided at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("verification decided by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    rejection_reason = models.TextField(_("reason for refusing verification"), blank=True)
    # The business licence: private like CVs, served only by a view that checks who asks.
    licence = models.FileField(_("business licence"), storage=private_storage, upload_to="licences/%Y/%m/",
                               blank=True)
    licence_name = models.CharField(_("licence file name"), max_length=120, blank=True)
    licence_kind = models.CharField(max_length=5, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = EmployerQuerySet.as_manager()

    search_fields = [index.SearchField("name"), index.SearchField("description"),
                     index.FilterField("verification_status")]

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["name"]
        permissions = [("verify_employer", _("Can verify employers"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """The public page; only a verified employer has one."""
        return reverse("employers:detail", args=[self.pk])

    @property
    def verified(self):
        return self.verification_status == self.Verification.VERIFIED

    def clean_fields(self, exclude=None):
        # "91500118ma5u… " as typed is the code 91500118MA5U…; a blank one is none.
        self.credit_code = normalise(self.credit_code) or None
        super().clean_fields(exclude=exclude)

    def notification_recipients(self):
        """Who hears about this employer's postings: its accounts, else its contact
        address (written to in the portal's default language)."""
        from portal.notifications.services import Recipient

        users = [member.user for member in self.members.select_related("user") if member.user.is_active]
        return users or ([Recipient(self.contact_email, name=self.name)] if self.contact_email else [])


class EmployerMember(models.Model):
    """A user account that acts for an employer: submits its postings, sees its applicants."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employer_membership")
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="members")

    class Meta:
        verbose_name = _("employer account")
        verbose_name_plural = _("employer accounts")

    def __str__(self):
        return f"{self.user} → {self.employer}"


class JobPostingQuerySet(models.QuerySet):
    def visible(self, now=None):
        """Postings the public may see: approved, published and not yet expired.
        Computed at query time, so a posting expires with the clock, not a save."""
        now = now or timezone.now()
        return self.filter(status=JobPosting.Status.APPROVED, published_at__lte=now, expires_at__gt=now)

    def expired(self, now=None):
        now = now or timezone.now()
        return self.filter(status=JobPosting.Status.APPROVED, expires_at__lte=now)


class JobPosting(RevisionMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        # Sent for review while the discrimination check finds wording: held with the
        # employer, never in the moderators' queue (services.save_posting, submit_posting).
        NEEDS_CHANGES = "needs_changes", _("Needs changes")
        SUBMITTED = "submitted", _("Waiting for moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        CLOSED = "closed", _("Closed")

    employer = models.ForeignKey(Employer, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="jobs")
    title = models.CharField(pgettext_lazy("job posting", "title"), max_length=120, validators=[single_line])
    city = models.CharField(_("city"), max_length=40, default="重庆")
    district = models.CharField(_("district"), max_length=20, blank=True)
    industry = models.CharField(_("industry"), max_length=20, choices=Industry.choices)
    job_type = models.CharField(_("job type"), max_length=20, choices=JobType.choices, default=JobType.FULL_TIME)
    salary_min = models.PositiveIntegerField(_("monthly salary from (CNY)"))
    salary_max = models.PositiveIntegerField(_("monthly salary up to (CNY)"))
    education = models.CharField(_("education"), max_length=20, choices=Education.choices, default=Education.ANY)
    experience = models.CharField(_("experience"), max_length=20, choices=Experience.choices, default=Experience.NONE)
    description = models.TextField(_("description"))
    requirements = models.TextField(_("requirements"), blank=True)
    benefits = models.TextField(_("benefits"), blank=True)
    family_friendly = models.JSONField(_("family-friendly benefits"), default=list, blank=True)
    how_to_apply = models.TextField(_("how to apply"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    moderation_comment = models.TextField(_("moderation comment"), blank=True)
    # Phrases the discrimination check found when the text was last saved (services.screen_posting):
    # [{"phrase", "category", "field", "start", "end"}].
    flagged_phrases = models.JSONField(_("flagged phrases"), default=list, blank=True, editable=False)
    # The revision the last approval or rejection was made on: the review page shows what
    # changed since then (jobs/moderation.py). Each decision is also in the posting's log
    # (wagtail.moderation.approve / .reject) with its revision.
    decided_revision = models.ForeignKey(
        "wagtailcore.Revision", verbose_name=_("last decided version"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    expiry_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = JobPostingQuerySet.as_manager()

    class Meta:
        verbose_name = _("job posting")
        verbose_name_plural = _("job postings")
        ordering = ["-published_at", "-pk"]
        permissions = [("moderate_jobposting", _("Can approve or reject job postings"))]
        constraints = [
            models.CheckConstraint(condition=Q(salary_min__lte=models.F("salary_max")), name="job_salary_range"),
        ]
        indexes = [
            models.Index(fields=["status", "expires_at", "published_at"]),
            models.Index(fields=["city", "district"]),
        ]

    def __str__(self):
        return f"{self.title} · {self.employer}"

    def get_absolute_url(self):
        return reverse("jobs:detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.salary_min is not None and self.salary_max is not None and self.salary_min > self.salary_max:
            errors["salary_max"] = _("The maximum salary must not be below the minimum.")
        if self.salary_max is not None and self.salary_max > 1_000_000:
            errors["salary_max"] = _("Please enter a monthly salary in yuan.")
        unknown = set(self.family_friendly or []) - set(FamilyFriendly.values)
        if unknown:
            errors["family_friendly"] = _("Unknown family-friendly benefit.")
        if errors:
            raise ValidationError(errors)

    def is_visible(self, now=None):
        now = now or timezone.now()
        return (
            self.status == self.Status.APPROVED
            and self.published_at is not None
            and self.published_at <= now < self.expires_at
        )

    def is_expired(self, now=None):
        return self.status == self.Status.APPROVED and self.expires_at <= (now or timezone.now())

    def family_friendly_labels(self):
        labels = dict(FamilyFriendly.choices)
        return [labels[key] for key in self.family_friendly if key in labels]

    def _update_from_revision(self, revision, changed=True):
        # Wagtail records a new revision with save(update_fields=["latest_revision"]): a
        # second post_save for one edit, and its receivers (search's index sync: tokens,
        # outbox row, index task) would do their work twice. Nothing follows
        # latest_revision, so it is written without a save.
        self.latest_revision = revision
        JobPosting.objects.filter(pk=self.pk).update(latest_revision=revision)


class DiscriminatoryPhrase(models.Model):
    """Wording that editors add to the built-in anti-discrimination check."""

    class Category(models.TextChoices):
        GENDER = "gender", _("Gender limit or preference")
        MARRIAGE = "marriage", _("Marriage or childbearing")
        PREGNANCY = "pregnancy", _("Pregnancy test")

    phrase = models.CharField(_("phrase"), max_length=60, unique=True)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    active = models.BooleanField(_("active"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("discriminatory phrase")
        verbose_name_plural = _("discriminatory phrases")
        ordering = ["category", "phrase"]

    def __str__(self):
        return self.phrase

    def clean(self):
        if len(self.phrase.strip()) < 2:
            raise ValidationError({"phrase": _("A phrase needs at least two characters.")})


class CV(models.Model):
    """A CV a graduate uploaded. Stored outside the public media directory and
    served only by a view that checks who asks."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (DOCX)"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cvs")
    file = models.FileField(storage=private_storage, upload_to="cvs/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=120)
    kind = models.CharField(max_length=5, choices=Kind.choices)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("CV")
        verbose_name_plural = _("CVs")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.original_name


class CVAccess(models.Model):
    """Audit log: someone other than its owner opened a CV."""

    cv = models.ForeignKey(CV, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    accessed_at = models.DateTimeField(default=timezone.now)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("CV access")
        verbose_name_plural = _("CV accesses")
        ordering = ["-accessed_at"]

    def __str__(self):
        return f"{self.user} · {self.cv} · {self.accessed_at:%Y-%m-%d %H:%M}"


class Application(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        VIEWED = "viewed", _("Viewed by the employer")
        INTERVIEW = "interview", _("Invited to interview")
        OFFER = "offer", _("Offer made")
        HIRED = "hired", _("Hired")
        REJECTED = "rejected", _("Not selected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        UNANSWERED = "unanswered", _("No answer in time")

    class Reason(models.TextChoices):
        """Why she was not selected: a short list, so that every refusal says something."""

        POSITION_FILLED = "position_filled", _("The position has been filled")
        EXPERIENCE = "experience", _("Your experience does not match the requirements")
        SKILLS = "skills", _("Your skills do not match the requirements")
        OTHER_CANDIDATE = "other_candidate", _("Another candidate was chosen")
        AFTER_INTERVIEW = "after_interview", _("Not selected after the interview")
        POSTING_CANCELLED = "posting_cancelled", _("The posting was cancelled")

    seeker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications")
    job = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="applications")
    # A CV file, her online résumé (a snapshot of what she sent), or both.
    cv = models.ForeignKey(CV, on_delete=models.PROTECT, related_name="applications", null=True, blank=True)
    with_resume = models.BooleanField(_("with the online résumé"), default=False)
    resume_snapshot = models.JSONField(_("résumé as sent"), default=dict, blank=True, editable=False)
    cover_note = models.TextField(_("cover note"), max_length=3000, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    # The clocks: every application has a final answer by answer_due_at (jobs/tasks.py).
    answer_due_at = models.DateTimeField(_("answer due"), null=True, blank=True)
    viewed_at = models.DateTimeField(_("viewed at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    contact_shared_at = models.DateTimeField(_("contact shared at"), null=True, blank=True)
    # Her account was erased (portal/privacy): status and dates stay for statistics; her
    # résumé, note, CV and contact are gone, so the application may have neither CV nor résumé.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True, editable=False)
    reminders_sent = models.PositiveSmallIntegerField(default=0, editable=False)
    # A default rather than auto_now_add: the deadline is counted from it before the first save.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    # Statuses after which nothing changes; an offer is an answer, though she may still be hired.
    FINAL = frozenset({Status.HIRED, Status.REJECTED, Status.WITHDRAWN, Status.UNANSWERED})
    # The employer no longer sees her résumé, CV or contact.
    CLOSED_TO_EMPLOYER = frozenset({Status.WITHDRAWN, Status.UNANSWERED})

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["seeker", "job"], name="one_application_per_job"),
            models.CheckConstraint(condition=Q(cv__isnull=False) | Q(with_resume=True)
                                   | Q(anonymised_at__isnull=False),
                                   name="application_has_cv_or_resume"),
        ]
        indexes = [models.Index(fields=["status", "answer_due_at"], name="application_deadline")]

    def __str__(self):
        return f"{self.seeker} → {self.job}"

    def save(self, *args, **kwargs):
        if self.answer_due_at is None:
            self.answer_due_at = self.created_at + timedelta(days=settings.APPLICATION_ANSWER_DAYS)
        super().save(*args, **kwargs)

    @property
    def is_final(self):
        return self.status in self.FINAL

    @property
    def closed_to_employer(self):
        return self.status in self.CLOSED_TO_EMPLOYER

    @property
    def status_for_seeker(self):
        from .wording import for_seeker

        return for_seeker(self.status)

    @property
    def status_for_employer(self):
        from .wording import for_employer

        return for_employer(self.status)


class ApplicationEvent(models.Model):
    """One step of an application: her timeline and the employer's history."""

    class Kind(models.TextChoices):
        SENT = "sent", pgettext_lazy("application event", "Sent")
        VIEWED = "viewed", pgettext_lazy("application event", "Viewed")
        INVITED = "invited", pgettext_lazy("application event", "Invited to interview")
        ACCEPTED = "accepted", pgettext_lazy("application event", "Interview accepted")
        DECLINED = "declined", pgettext_lazy("application event", "Interview declined")
        PROPOSED = "proposed", pgettext_lazy("application event", "Another time proposed")
        OFFER = "offer", pgettext_lazy("application event", "Offer made")
        HIRED = "hired", pgettext_lazy("application event", "Hired")
        REJECTED = "rejected", pgettext_lazy("application event", "Not selected")
        WITHDRAWN = "withdrawn", pgettext_lazy("application event", "Withdrawn")
        UNANSWERED = "unanswered", pgettext_lazy("application event", "Closed without an answer")
        REMINDED = "reminded", pgettext_lazy("application event", "Employer reminded")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    detail = models.TextField(blank=True)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.application_id} · {self.kind} · {self.at:%Y-%m-%d %H:%M}"


class Interview(models.Model):
    """An invitation to interview. A new one replaces the waiting one; all of an
    application's invitations share one calendar UID, with SEQUENCE going up, so her
    calendar moves the entry it has instead of adding another."""

    class Mode(models.TextChoices):
        ONSITE = "onsite", _("Interview on site")
        ONLINE = "online", _("Online interview")
        PHONE = "phone", _("Phone interview")

    class Answer(models.TextChoices):
        WAITING = "waiting", _("Waiting for her answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        PROPOSED = "proposed", _("Another time proposed")
        REPLACED = "replaced", _("Replaced by a new invitation")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="interviews")
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60)
    mode = models.CharField(_("how"), max_length=8, choices=Mode.choices, default=Mode.ONSITE)
    place = models.CharField(_("place"), max_length=200, blank=True, validators=[single_line])
    link = models.URLField(_("meeting link"), max_length=500, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=60, validators=[single_line])
    contact_phone = PhoneNumberField(_("contact phone"), blank=True)
    note = models.TextField(_("note"), max_length=1000, blank=True)
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, default=Answer.WAITING)
    answered_at = models.DateTimeField(null=True, blank=True)
    proposed_start = models.DateTimeField(_("proposed time"), null=True, blank=True)
    message = models.TextField(_("her message"), max_length=1000, blank=True)
    sequence = models.PositiveIntegerField(default=0)
    uid = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.application_id} · {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class PlacementQuerySet(models.QuerySet):
    def counted(self):
        """The one rule of what the federation reports (jobs/placements.py): the employer
        marked her hired (every Placement row) and she confirmed it or an editor verified
        it with a note; one she disputed counts only once an editor verified it."""
        confirmed = Q(confirmed_at__isnull=False, disputed_at__isnull=True)
        return self.filter(confirmed | Q(verified_at__isnull=False))

    def waiting_for_her(self):
        """Neither confirmed nor disputed by her, nor verified by an editor."""
        return self.filter(confirmed_at__isnull=True, disputed_at__isnull=True, verified_at__isnull=True)


class Placement(models.Model):
    """A woman got a job through the portal: the outcome the federation reports."""

    class Retention(models.TextChoices):
        STILL_EMPLOYED = "still_employed", _("Still in the job")
        LEFT = "left", _("Left the job")
        NO_ANSWER = "no_answer", _("Prefers not to answer")

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="placement")
    job = models.ForeignKey(JobPosting, on_delete=models.PROTECT, related_name="placements")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="placements")
    placed_on = models.DateField(_("date"), default=timezone.localdate)
    salary_band = models.CharField(_("salary band"), max_length=10)
    confirmed_at = models.DateTimeField(_("confirmed by her at"), null=True, blank=True)
    disputed_at = models.DateTimeField(_("disputed by her at"), null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("verified by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verification_note = models.TextField(_("verification note"), blank=True)
    retention_asked_at = models.DateTimeField(_("retention question sent at"), null=True, blank=True)
    retention_answer = models.CharField(_("still in the job?"), max_length=16, choices=Retention.choices, blank=True)
    retention_answered_at = models.DateTimeField(_("retention answered at"), null=True, blank=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-placed_on"]
        permissions = [("verify_placement", _("Can verify placements"))]

    def __str__(self):
        return f"{self.application.seeker} @ {self.employer}"


class Favourite(models.Model):
    """A job she keeps for later (收藏). Kept when the posting expires or closes, so her
    list can say so; the rules are in jobs/favourites.py."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourite_jobs")
    job = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="favourites")
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("favourite job")
        verbose_name_plural = _("favourite jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "job"], name="one_favourite_per_job")]

    def __str__(self):
        return f"{self.user} ♡ {self.job}"
