from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .kinds import Kind


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message (SMS)")
    SITE = "site", _("On the site")


class OutboundMessage(models.Model):
    """An email or a text message waiting to be sent, or sent. Written in the
    transaction that causes it, so it is never lost when the broker is down, and
    sent at most once: the sender locks the row and skips it when it is already sent."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        # Claimed by one sender under a lease (tasks.py explains the crash windows).
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        # Handed to a provider that gives no receipt, then the sender died: it
        # may or may not have gone out. Never resent by itself; an operator decides.
        UNCERTAIN = "uncertain", _("uncertain")

    channel = models.CharField(_("channel"), max_length=5, default=Channel.EMAIL,
                               choices=[(Channel.EMAIL, Channel.EMAIL.label), (Channel.SMS, Channel.SMS.label)])
    # Email addresses, or one mobile number in E.164 for a text message.
    to = models.JSONField(_("recipients"))
    from_email = models.CharField(_("sender"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    # The email's text part, or the whole text message.
    body = models.TextField(_("text body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    # [{"filename": ..., "mimetype": ..., "content_b64": ...}]
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    # A text message's named values, for providers that fill an approved template with them.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    # Names the event a message is about (e.g. "booking:42:reminder-24h"), so that
    # a task that runs twice queues it once.
    dedup_key = models.CharField(_("deduplication key"), max_length=200, unique=True, null=True, blank=True)
    # The message template it was rendered from, e.g. "courses/messages/confirmation".
    template = models.CharField(_("template"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ACCOUNT)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # The provider's id of a sent text message (its receipt), where it gives one.
    provider_id = models.CharField(_("provider's message id"), max_length=100, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    claimed_by = models.CharField(_("claimed by"), max_length=100, blank=True)
    # Set (and committed) just before the message is handed to SMTP or the SMS provider.
    handed_at = models.DateTimeField(_("handed to the provider at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbound message")
        verbose_name_plural = _("outbound messages")
        indexes = [models.Index(fields=["status", "created_at"]), models.Index(fields=["channel", "created_at"])]

    def __str__(self):
        return f"{self.subject or self.body[:30]} → {', '.join(self.to)}"


class Notification(models.Model):
    """A message in her notification centre (/me/notifications/): every message
    sent to her about her activity lands here too, whichever channels carried it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    template = models.CharField(_("template"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text"))
    # The page it is about: a path on the site, in her language.
    url = models.CharField(_("address"), max_length=500, blank=True)
    dedup_key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"]), models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return self.title


class ChannelPreference(models.Model):
    """The channels she chose for one kind of message. Without a row, the kind's
    defaults apply (kinds.default_channels)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="channel_preferences")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    channels = models.JSONField(_("channels"), default=list)

    class Meta:
        verbose_name = _("channel preference")
        verbose_name_plural = _("channel preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self):
        return f"{self.user} · {self.kind}: {', '.join(self.channels)}"
