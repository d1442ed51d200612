"""What the privacy controls keep: her optional consents (with their history) and her data exports."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .storage import export_storage


class Purpose(models.TextChoices):
    """Uses of her data beyond what the service needs, each hers to withdraw and give again."""

    JOB_ALERTS = "job_alerts", _("Job alerts for my saved searches")
    RESUME_VISIBLE = "resume_visible", _("Employers I apply to may open my online résumé")
    FEEDBACK_REQUESTS = "feedback_requests", _("Requests for feedback after a consultation")


class OptionalConsent(models.Model):
    """One change of an optional consent. Rows are only ever added: the newest per
    purpose is her current choice, the others its history. Without a row she has
    not withdrawn it (the purpose is part of using the feature she turned on)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="optional_consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    given = models.BooleanField(_("given"))
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    notice_version = models.CharField(_("privacy notice version"), max_length=20)

    class Meta:
        verbose_name = _("optional consent")
        verbose_name_plural = _("optional consents")
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["user", "purpose", "-changed_at"])]

    def __str__(self):
        return f"{self.user_id} · {self.purpose} · {self.given}"


class DataExport(models.Model):
    """A copy of her data built in the background (large accounts), kept in private
    storage until it expires; only she, signed in, can download it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(storage=export_storage, upload_to="exports/", blank=True)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("available until"), null=True, blank=True)

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"export {self.pk} of {self.user_id}"

    def is_available(self, now=None):
        return (self.status == self.Status.READY and bool(self.file)
                and self.expires_at is not None and self.expires_at > (now or timezone.now()))
