"""Courses: a catalog page, course pages with their sessions, and enrolments.

Editors write CourseIndexPage and CoursePage in Wagtail and add sessions inline.
Enrolments are changed only through services.py, which locks the session row so
that capacity holds under concurrent requests.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal import dates
from portal.pages.blocks import BodyBlock
from portal.validators import single_line


class CourseCategory(models.Model):
    """A kind of course (职场礼仪, 面试技巧...). Editors manage them as snippets."""

    name = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("English name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True, help_text=_("Used in filter addresses."))
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("course category")
        verbose_name_plural = _("course categories")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def label(self):
        """The name in the language of the address (English falls back to Chinese)."""
        return self.name_en if get_language() == "en" and self.name_en else self.name


class CourseFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    OFFLINE = "offline", _("In person")


class CourseIndexPage(Page):
    """The catalog at /courses/. Its listing and filters live in views.catalog_context."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course catalog")

    def get_context(self, request, *args, **kwargs):
        from .views import catalog_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalog_context(request, self))
        return context


class InstructorBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=60)
    role = blocks.CharBlock(label=_("role"), max_length=120, required=False)
    bio = blocks.TextBlock(label=_("short biography"), required=False)

    class Meta:
        icon = "user"


class CoursePage(Page):
    summary = models.TextField(_("summary"), max_length=400)
    category = models.ForeignKey(
        CourseCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="courses",
    )
    format = models.CharField(_("format"), max_length=10, choices=CourseFormat.choices, default=CourseFormat.OFFLINE)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    instructors = StreamField([("instructor", InstructorBlock())], verbose_name=_("instructors"), blank=True)
    outcomes = StreamField(
        [("outcome", blocks.CharBlock(label=_("outcome"), max_length=200))],
        verbose_name=_("what you will be able to do afterwards"), blank=True,
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("format")]),
        FieldPanel("body"),
        FieldPanel("instructors"),
        FieldPanel("outcomes"),
        InlinePanel("sessions", heading=_("Sessions"), label=_("session")),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = []

    def clean(self):
        # The title is the subject of every message about the course: one line.
        super().clean()
        try:
            single_line(self.title)
        except ValidationError as error:
            raise ValidationError({"title": error.messages}) from None

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def get_context(self, request, *args, **kwargs):
        from .views import course_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_context(request, self))
        return context


class CourseSession(models.Model):
    """One scheduled run of a course. Times are stored in UTC and shown in Asia/Shanghai."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=200, blank=True, help_text=_("For sessions in person."))
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Shown only to the people enrolled in this session."),
    )
    capacity = models.PositiveIntegerField(_("capacity"), default=30)
    enrolment_deadline = models.DateTimeField(
        _("enrolment deadline"), null=True, blank=True,
        help_text=_("Leave empty to accept enrolments until the start."),
    )

    panels = [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("online_url")], heading=_("Where")),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("enrolment_deadline")]),
    ]

    class Meta:
        verbose_name = _("course session")
        verbose_name_plural = _("course sessions")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.course.title} · {dates.when(self.starts_at)}"

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("A session must end after it starts.")
        if self.enrolment_deadline and self.starts_at and self.enrolment_deadline > self.starts_at:
            errors["enrolment_deadline"] = _("The enrolment deadline cannot be after the start.")
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = _("A session needs at least one seat.")
        if errors:
            raise ValidationError(errors)

    @property
    def closes_at(self):
        return self.enrolment_deadline or self.starts_at

    def is_open_for_enrolment(self, now=None):
        return (now or timezone.now()) < self.closes_at

    def has_started(self, now=None):
        return (now or timezone.now()) >= self.starts_at


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    WAITLISTED = "waitlisted", _("On the waitlist")
    OFFERED = "offered", _("Seat offered")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not attend")


# She has a seat for sure: the online link and the roster's attendance controls are for these.
CONFIRMED_STATUSES = [EnrolmentStatus.ENROLLED, EnrolmentStatus.ATTENDED, EnrolmentStatus.NO_SHOW]
# Statuses that hold one of the session's seats (an offer holds it until it expires).
SEAT_STATUSES = CONFIRMED_STATUSES + [EnrolmentStatus.OFFERED]
# Every status but "cancelled": at most one such enrolment per person and session.
ACTIVE_STATUSES = SEAT_STATUSES + [EnrolmentStatus.WAITLISTED]


class Enrolment(models.Model):
    session = models.ForeignKey(
        CourseSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="enrolments",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("participant"), on_delete=models.CASCADE,
        related_name="course_enrolments",
    )
    status = models.CharField(_("status"), max_length=12, choices=EnrolmentStatus.choices)
    # The waitlist is served in (created_at, id) order.
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    offered_at = models.DateTimeField(_("offered at"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    # Raised with every change of status: the SEQUENCE of her calendar event.
    sequence = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["session", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], condition=Q(status__in=ACTIVE_STATUSES),
                name="one_active_enrolment_per_session",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.session_id} · {self.status}"
