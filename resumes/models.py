"""Her online résumé (在线简历): one per account, with education and experience rows.

What it leaves out is deliberate: there is no field for marriage, children, a
photo, height, weight, ethnicity, an ID number, age or date of birth. Employers
may not ask about marriage and children (《妇女权益保障法》第四十三条) and the
portal collects none of these; tests/test_models.py keeps it that way.

Other apps read it only through services.py (import-linter contracts).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from portal.accounts.models import SeekerProfile
from portal.validators import single_line

# The bounds the form enforces, in one place.
FULL_NAME_MAX = 40
STATEMENT_MAX = 500
DESCRIPTION_MAX = 500
SALARY_MAX = 200_000
FIRST_GRADUATION_YEAR, LAST_GRADUATION_YEAR = 2000, 2100


class LanguageLevel(models.TextChoices):
    BASIC = "basic", _("Basic")
    WORKING = "working", _("Working knowledge")
    FLUENT = "fluent", _("Fluent")
    NATIVE = "native", _("Native")


class ExperienceKind(models.TextChoices):
    INTERNSHIP = "internship", _("Internship")
    PART_TIME = "part_time", _("Part-time job")
    CAMPUS = "campus", _("Campus role")
    FULL_TIME = "full_time", _("Full-time job")
    VOLUNTEER = "volunteer", _("Volunteering")


class Resume(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resume",
                                verbose_name=_("user"))
    full_name = models.CharField(_("full name"), max_length=FULL_NAME_MAX, validators=[single_line])
    school = models.CharField(_("school"), max_length=120, blank=True, validators=[single_line])
    major = models.CharField(_("major"), max_length=120, blank=True, validators=[single_line])
    degree = models.CharField(_("degree"), max_length=20, choices=SeekerProfile.Degree.choices, blank=True)
    # The first day of the month she graduates (or graduated): only year and month are shown.
    graduation = models.DateField(_("graduation (year and month)"), null=True, blank=True)
    statement = models.TextField(_("about me"), max_length=STATEMENT_MAX, blank=True)
    # Lists of short strings, in her order.
    skills = models.JSONField(_("skills"), default=list, blank=True)
    # [{"name": "英语", "level": LanguageLevel}]
    languages = models.JSONField(_("languages"), default=list, blank=True)
    certificates = models.JSONField(_("certificates"), default=list, blank=True)
    # Values of jobs.choices.JobType and names in jobs.choices.DISTRICTS, as search uses them.
    desired_job_types = models.JSONField(_("desired job types"), default=list, blank=True)
    desired_districts = models.JSONField(_("desired districts"), default=list, blank=True)
    salary_min = models.PositiveIntegerField(_("desired salary from (CNY per month)"), null=True, blank=True,
                                             validators=[MaxValueValidator(SALARY_MAX)])
    salary_max = models.PositiveIntegerField(_("desired salary up to (CNY per month)"), null=True, blank=True,
                                             validators=[MaxValueValidator(SALARY_MAX)])
    # Shown to an employer only after she accepts its interview invitation, and in her own PDF.
    contact_phone = PhoneNumberField(_("contact mobile number"), blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("résumé")
        verbose_name_plural = _("résumés")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(salary_min__isnull=True) | models.Q(salary_max__isnull=True)
                | models.Q(salary_min__lte=models.F("salary_max")),
                name="resume_salary_min_lte_max",
            ),
        ]

    def __str__(self):
        return self.full_name


class ResumeEntry(models.Model):
    """One row of her education or of her experience (internships, part-time jobs, campus roles)."""

    class Section(models.TextChoices):
        EDUCATION = "education", _("Education")
        EXPERIENCE = "experience", _("Practical experience")

    resume = models.ForeignKey(Resume, on_delete=models.CASCADE, related_name="entries", verbose_name=_("résumé"))
    section = models.CharField(_("section"), max_length=12, choices=Section.choices)
    # Experience only: what kind of work it was.
    kind = models.CharField(_("kind"), max_length=12, choices=ExperienceKind.choices, blank=True)
    organisation = models.CharField(_("school or organisation"), max_length=120, validators=[single_line])
    role = models.CharField(_("major or role"), max_length=120, validators=[single_line])
    start = models.DateField(_("start month"))
    # Empty: it goes on (至今).
    end = models.DateField(_("end month"), null=True, blank=True)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX, blank=True)

    class Meta:
        verbose_name = _("résumé entry")
        verbose_name_plural = _("résumé entries")
        # What goes on first, then the most recent: the order a reader expects.
        ordering = [models.F("end").desc(nulls_first=True), "-start", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                                   name="resume_entry_end_after_start"),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.role}"
