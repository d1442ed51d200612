"""Editors manage consultants in /cms/: link them to accounts, deactivate them.
Deactivating one cancels her future bookings and notifies the seekers."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import InspectView, SnippetViewSet

from portal.admin_home import Waiting, WaitingPanel

from . import feedback, noshows, services
from .choices import Language, Mode
from .models import BookingRestriction, Consultant, Feedback


class ConsultantAdminForm(WagtailAdminModelForm):
    # The JSON lists as checkboxes rather than raw JSON.
    modes = forms.MultipleChoiceField(label=_("Session modes"), choices=Mode.choices,
                                      widget=forms.CheckboxSelectMultiple)
    languages = forms.MultipleChoiceField(label=_("Languages"), choices=Language.choices,
                                          widget=forms.CheckboxSelectMultiple, required=False)


class ConsultantViewSet(SnippetViewSet):
    model = Consultant
    icon = "group"
    menu_label = _("Consultants")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["display_name", "title", "user", "is_active"]
    list_filter = ["is_active", "specialties"]
    search_fields = ["display_name", "title"]
    edit_handler = ObjectList([
        FieldPanel("display_name"),
        FieldPanel("title"),
        FieldPanel("user"),
        FieldPanel("photo"),
        FieldPanel("specialties", widget=forms.CheckboxSelectMultiple),
        FieldPanel("bio"),
        MultiFieldPanel([
            FieldPanel("modes"),
            FieldPanel("languages"),
            FieldRowPanel([FieldPanel("session_minutes"), FieldPanel("buffer_minutes")]),
            FieldRowPanel([FieldPanel("min_notice_hours"), FieldPanel("max_per_day")]),
            FieldPanel("time_zone"),
        ], heading=pgettext_lazy("consultant admin", "Sessions")),
        FieldPanel("is_active"),
    ], base_form_class=ConsultantAdminForm)


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Feedback is the graduates' words: editors may read them, never add, change or delete."""

    def user_has_permission(self, user, action):
        return action in ("view", "inspect") and super().user_has_permission(user, "view")


class FeedbackInspectView(InspectView):
    """Opening an answer marks it read: a low rating no longer waits on the dashboard."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        feedback.mark_read(self.object)
        return response


class FeedbackViewSet(SnippetViewSet):
    """Editors read every answer, per consultant; nobody edits them."""

    model = Feedback
    icon = "comment"
    menu_label = _("Consultation feedback")
    menu_order = 251
    add_to_admin_menu = True
    list_display = [Column("consultant", label=_("consultant"), accessor="booking.consultant"), "rating",
                    "comment", Column("date", label=_("date"), accessor="created_at")]
    list_filter = ["rating", "booking__consultant"]
    inspect_view_enabled = True
    inspect_view_class = FeedbackInspectView

    def get_permissions_policy(self):
        return ReadOnlyPolicy(self.model)


class LiftForm(WagtailAdminModelForm):
    lift = forms.BooleanField(label=_("Lift it now: her bookings are confirmed right away again"), required=False)

    def save(self, commit=True):
        restriction = super().save(commit=False)
        if self.cleaned_data.get("lift") and restriction.lifted_at is None:
            noshows.lift(restriction, self.for_user)
        elif commit:
            restriction.save()
        return restriction


class BookingRestrictionViewSet(SnippetViewSet):
    """Graduates whose bookings wait for approval after no-shows; editors may lift it."""

    model = BookingRestriction
    icon = "warning"
    menu_label = _("Booking restrictions")
    menu_order = 252
    add_to_admin_menu = True
    list_display = ["seeker", "starts_at", "ends_at", "lifted_at"]
    edit_handler = ObjectList([FieldPanel("ends_at"), FieldPanel("appeal", read_only=True), FieldPanel("lift")],
                              base_form_class=LiftForm)


register_snippet(ConsultantViewSet)
register_snippet(FeedbackViewSet)
register_snippet(BookingRestrictionViewSet)


@hooks.register("after_edit_snippet")
def cancel_bookings_of_deactivated(request, instance):
    if isinstance(instance, Consultant) and not instance.is_active:
        services.cancel_future_bookings(instance)


@hooks.register("construct_homepage_panels")
def waiting_low_feedback(request, panels):
    """Low ratings of the last days that no editor has opened yet."""
    if not request.user.has_perm("consultants.view_feedback"):
        return
    low = feedback.unread_low_ratings()
    url = reverse(Feedback.snippet_viewset.get_url_name("list"))
    panels.append(WaitingPanel("consultants-waiting", _("Consultations: waiting for you"), [
        Waiting(_("low ratings not read yet"), low.count(), url)]))
