"""The consultant pool: consultants, their availability and their bookings.

Times of bookings are stored in UTC; availability is local wall-clock time in
the consultant's own time zone, so that "Mondays 9–12" stays 9–12 across a
daylight-saving change.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.search import index

from portal.crypto import EncryptedTextField
from portal.validators import single_line

from .choices import TIME_ZONES, Language, Mode, SpecialtyCode, Topic


def https_only(value):
    """Meeting links must be web addresses (http or https), never javascript: or the like."""
    if value and not value.lower().startswith(("https://", "http://")):
        raise ValidationError(_("Please enter a web address starting with https://."), code="not_http")


class Specialty(models.Model):
    """One of the four fields of expertise. A table rather than a JSON list so
    that "consultants of law" is an indexed join on SQLite and PostgreSQL alike."""

    code = models.CharField(_("code"), max_length=20, choices=SpecialtyCode.choices, unique=True)

    class Meta:
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")
        ordering = ["pk"]

    def __str__(self):
        return str(self.get_code_display())


class ConsultantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def with_specialty(self, code):
        return self.filter(specialties__code=code)

    def with_mode(self, mode):
        # The quotes make "phone" match the list element, never a substring.
        return self.filter(modes__icontains=f'"{mode}"')

    def with_language(self, language):
        return self.filter(languages__icontains=f'"{language}"')


class Consultant(index.Indexed, models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="consultant", verbose_name=_("user account"),
        help_text=_("The account she signs in with to manage her availability."),
    )
    display_name = models.CharField(_("display name"), max_length=80, validators=[single_line])
    title = models.CharField(pgettext_lazy("consultant", "title"), max_length=120, blank=True, validators=[single_line],
                             help_text=_("E.g. national second-level psychological counsellor."))
    photo = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("photo"),
    )
    specialties = models.ManyToManyField(Specialty, related_name="consultants", verbose_name=_("specialties"))
    bio = models.TextField(_("biography"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    modes = models.JSONField(_("session modes"), default=list, blank=True)
    session_minutes = models.PositiveSmallIntegerField(_("session length (minutes)"), default=50)
    buffer_minutes = models.PositiveSmallIntegerField(_("buffer between sessions (minutes)"), default=10)
    min_notice_hours = models.PositiveSmallIntegerField(_("minimum notice (hours)"), default=12)
    max_per_day = models.PositiveSmallIntegerField(_("maximum sessions per day"), default=4)
    time_zone = models.CharField(_("time zone"), max_length=40, choices=TIME_ZONES, default="Asia/Shanghai")
    # How they meet: her personal online room, and where she receives people in person.
    meeting_link = models.URLField(_("online meeting room"), blank=True, validators=[https_only],
                                   help_text=_("Your personal meeting room (e.g. Tencent Meeting). "
                                               "You can also set a link per booking."))
    venue_address = models.CharField(_("address"), max_length=200, blank=True)
    venue_room = models.CharField(_("room"), max_length=100, blank=True)
    venue_directions = models.TextField(_("how to get there"), max_length=1000, blank=True)
    is_active = models.BooleanField(_("active"), default=True,
                                    help_text=_("Deactivating cancels her future bookings and tells the seekers."))
    # The secret in her private calendar feed's address; empty when revoked.
    calendar_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConsultantQuerySet.as_manager()

    # Site search finds consultants by name, title and biography (search/site_backend.py).
    search_fields = [
        index.SearchField("display_name"),
        index.SearchField("title"),
        index.SearchField("bio"),
        index.FilterField("is_active"),
    ]

    class Meta:
        verbose_name = _("consultant")
        verbose_name_plural = _("consultants")
        ordering = ["display_name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(session_minutes__gte=15), name="consultant_session_min_15"),
            models.CheckConstraint(condition=Q(max_per_day__gte=1), name="consultant_max_per_day_min_1"),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("consultants:detail", args=[self.pk])

    def mode_labels(self):
        return [Mode(m).label for m in self.modes if m in Mode.values]

    def language_labels(self):
        return [Language(code).label for code in self.languages if code in Language.values]

    def new_calendar_token(self):
        self.calendar_token = secrets.token_urlsafe(32)
        return self.calendar_token


class AvailabilityRule(models.Model):
    """Weekly hours: every <weekday> from <start> to <end>, local time."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    consultant = models.ForeignKey(Consultant, on_delete=models.CASCADE, related_name="rules")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("weekly availability")
        verbose_name_plural = _("weekly availability")
        ordering = ["weekday", "start_time"]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=models.F("start_time")), name="rule_ends_after_start",
                                   violation_error_message=_("The end must be after the start.")),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The end must be after the start.")})
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The last day must not be before the first.")})


class AvailabilityOverride(models.Model):
    """A date that differs from the weekly hours: blocked (all day, or some
    hours) or with extra hours."""

    class Kind(models.TextChoices):
        BLOCK = "block", _("Not available")
        EXTRA = "extra", _("Extra hours")

    consultant = models.ForeignKey(Consultant, on_delete=models.CASCADE, related_name="overrides")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices, default=Kind.BLOCK)
    # Both empty: the whole day (only for a block).
    start_time = models.TimeField(_("from"), null=True, blank=True)
    end_time = models.TimeField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("date override")
        verbose_name_plural = _("date overrides")
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(start_time__isnull=True, end_time__isnull=True, kind="block")
                           | Q(start_time__isnull=False, end_time__isnull=False,
                               end_time__gt=models.F("start_time"))),
                name="override_times_valid",
                violation_error_message=_("Give an end after the start, or no times to block the whole day."),
            ),
        ]

    def __str__(self):
        hours = "" if self.start_time is None else f" {self.start_time:%H:%M}–{self.end_time:%H:%M}"
        return f"{self.date} {self.get_kind_display()}{hours}"

    @property
    def whole_day(self):
        return self.start_time is None


class BookingQuerySet(models.QuerySet):
    def occupying(self):
        return self.exclude(status=Booking.Status.CANCELLED)


class Booking(models.Model):
    """A one-on-one session. Every status but "cancelled" occupies the
    consultant's time: a completed or missed session did take place in her
    calendar. The database refuses two such bookings that overlap (PostgreSQL
    exclusion constraint, see migration 0002)."""

    class Status(models.TextChoices):
        # Waits for the consultant's approval: she missed two sessions lately (noshows.py).
        PENDING = "pending", _("Waiting for approval")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", _("Attended")
        NO_SHOW = "no_show", _("No-show")
        # The consultant could not come: she apologises and the graduate may book again first.
        ABSENT = "absent", _("Consultant could not attend")

    class CancelledBy(models.TextChoices):
        SEEKER = "seeker", _("the graduate")
        CONSULTANT = "consultant", _("the consultant")
        PORTAL = "portal", _("the portal")

    consultant = models.ForeignKey(Consultant, on_delete=models.PROTECT, related_name="bookings")
    seeker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookings")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    # Intake answers: private to the seeker and her consultant.
    topic_code = models.CharField(_("topic"), max_length=20, choices=Topic.choices, default=Topic.OTHER)
    topic = models.CharField(_("in a few words"), max_length=120, blank=True, validators=[single_line])
    description = models.TextField(_("what you would like to talk about"), max_length=2000, blank=True)
    # She chose to show the consultant her profile (school, major, degree...).
    share_profile = models.BooleanField(_("share my profile with the consultant"), default=False)
    # For a phone session: the verified number she booked with, shown to the consultant in a window only.
    phone = PhoneNumberField(_("mobile number"), null=True, blank=True)
    # For an online session: a link for this session only, else the consultant's own room.
    meeting_link = models.URLField(_("meeting link for this session"), blank=True, validators=[https_only])
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    cancelled_by = models.CharField(max_length=10, choices=CancelledBy.choices, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Bumped by each reschedule: the calendar invitation's SEQUENCE.
    sequence = models.PositiveSmallIntegerField(default=0)
    # When the consultant first opened the booking: intake she has not read yet waits on her workspace.
    intake_read_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start"]
        indexes = [models.Index(fields=["consultant", "start"]), models.Index(fields=["status", "start"])]
        constraints = [models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="booking_ends_after_start")]

    def __str__(self):
        return f"{self.consultant} · {self.start:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("consultants:booking", args=[self.pk])


    @property
    def topic_label(self):
        return self.topic or self.get_topic_code_display()

    @property
    def is_active_booking(self):
        return self.status in (self.Status.PENDING, self.Status.CONFIRMED)


class ConsultationNote(models.Model):
    """A consultant's note on a session: sensitive personal information (health,
    legal matters). Stored encrypted (portal/crypto.py), readable only by its
    author, every read written to the graduate's access log, deleted by itself
    CONSULTANTS_NOTES_RETENTION_DAYS after the session. Kept out of the admin."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="note")
    author = models.ForeignKey(Consultant, on_delete=models.CASCADE, related_name="notes")
    body = EncryptedTextField(_("note"), max_length=5000)
    # She may give the graduate her note (it then appears in the graduate's own data export).
    shared_with_seeker = models.BooleanField(_("share with the graduate"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("consultation note")
        verbose_name_plural = _("consultation notes")

    def __str__(self):
        return f"note on booking {self.booking_id}"


class Feedback(models.Model):
    """The graduate's answer after an attended session. Editors read every answer;
    the consultant sees only her average once five or more have answered."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(_("rating"), choices=[(n, str(n)) for n in range(1, 6)])
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When an editor first opened it in the admin: low ratings not read yet wait on her dashboard.
    read_at = models.DateTimeField(_("read by an editor"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_5")]

    def __str__(self):
        return f"{self.rating}/5 · booking {self.booking_id}"


class BookingRestriction(models.Model):
    """After two no-shows within 60 days her new bookings wait for the consultant's
    approval until `ends_at`. She is told why; an editor may lift it."""

    seeker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="booking_restrictions")
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("lifted by"))
    # What she wrote to the editors about it, if anything.
    appeal = models.TextField(_("her message to the editors"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("booking restriction")
        verbose_name_plural = _("booking restrictions")
        ordering = ["-starts_at"]

    def __str__(self):
        return f"{self.seeker} · {self.starts_at:%Y-%m-%d} – {self.ends_at:%Y-%m-%d}"

class QueueRequest(models.Model):
    """A graduate waiting for a slot of a consultant whose next two weeks are
    full. When a cancellation frees a slot, the first in line (created_at, pk:
    portal/offers.py) is offered it for a window: while offered, the request
    holds the slot (the slot computation counts it as busy, like a booking),
    until she books it, declines it, or the beat passes it to the next."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        OFFERED = "offered", _("Slot offered")
        BOOKED = "booked", pgettext_lazy("queue request", "Booked")
        EXPIRED = "expired", _("Offer expired")
        CANCELLED = "cancelled", _("Left the queue")

    ACTIVE = (Status.WAITING, Status.OFFERED)

    consultant = models.ForeignKey(Consultant, on_delete=models.CASCADE, related_name="queue_requests")
    seeker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="queue_requests")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    # Her place in line; services.queue_first dates it before everyone waiting.
    created_at = models.DateTimeField(_("in the queue since"), default=timezone.now)
    put_first = models.BooleanField(_("put at the head of the queue"), default=False)
    # The slot held for her while the offer lasts.
    offered_start = models.DateTimeField(_("offered slot"), null=True, blank=True)
    offered_end = models.DateTimeField(null=True, blank=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("held until"), null=True, blank=True)
    booking = models.OneToOneField(Booking, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="queue_request")
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("queue request")
        verbose_name_plural = _("queue requests")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["consultant", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(fields=["consultant", "seeker"], condition=Q(status__in=["waiting", "offered"]),
                                    name="one_active_queue_request"),
            # One slot is held for one person at a time.
            models.UniqueConstraint(fields=["consultant", "offered_start"], condition=Q(status="offered"),
                                    name="one_offer_per_slot"),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offered_start__isnull=False, offered_end__gt=models.F(
                    "offered_start"), offer_expires_at__isnull=False),
                name="offer_holds_a_slot"),
        ]

    def __str__(self):
        return f"{self.seeker} · {self.consultant} · {self.status}"


class SlotSummary(models.Model):
    """How far her stored open slots (OpenSlot) reach: they are exactly what
    slots.py computes for [covers_from, covers_until), minimum notice aside.
    Any change to what her slots are made of (her settings, rules, overrides,
    bookings, the queue's holds) deletes this row in the same transaction
    (consultants/slot_summary.py), so a row that exists is never stale; a
    consultant without one is computed in Python."""

    consultant = models.OneToOneField(Consultant, on_delete=models.CASCADE, primary_key=True,
                                      related_name="slot_summary")
    covers_from = models.DateTimeField()
    covers_until = models.DateTimeField()

    def __str__(self):
        return f"{self.consultant_id}: {self.covers_from:%Y-%m-%d %H:%M} – {self.covers_until:%Y-%m-%d %H:%M}"


class OpenSlot(models.Model):
    """One open slot's start, stored so the directory's "open this week" filter is one indexed query."""

    consultant = models.ForeignKey(Consultant, on_delete=models.CASCADE, related_name="+")
    start = models.DateTimeField()
    # start − her minimum notice: the last moment at which it can still be booked.
    bookable_until = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["consultant", "start"])]

    def __str__(self):
        return f"{self.consultant_id}: {self.start:%Y-%m-%d %H:%M}"
