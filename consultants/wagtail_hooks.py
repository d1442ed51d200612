"""Editors manage consultants in /cms/: link them to accounts, deactivate them.
Deactivating one cancels her future bookings and notifies the seekers."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import services
from .choices import Language, Mode
from .models import Consultant


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


register_snippet(ConsultantViewSet)


@hooks.register("after_edit_snippet")
def cancel_bookings_of_deactivated(request, instance):
    if isinstance(instance, Consultant) and not instance.is_active:
        services.cancel_future_bookings(instance)
