"""Admin: course categories as snippets, and the session rosters for staff."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import CourseCategory


class CourseCategoryViewSet(SnippetViewSet):
    model = CourseCategory
    icon = "tag"
    menu_label = _("Course categories")
    list_display = ["name", "name_en", "slug", "sort_order"]
    add_to_admin_menu = False


register_snippet(CourseCategoryViewSet)


@hooks.register("register_admin_urls")
def register_roster_urls():
    return [
        path("courses/rosters/", admin_views.session_list, name="courses_rosters"),
        path("courses/rosters/<int:session_id>/", admin_views.roster, name="courses_roster"),
        path("courses/rosters/<int:session_id>/roster.csv", admin_views.roster_csv, name="courses_roster_csv"),
    ]


class RosterMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_manage_rosters(request.user)


@hooks.register("register_admin_menu_item")
def register_roster_menu_item():
    return RosterMenuItem(_("Course rosters"), reverse("courses_rosters"), icon_name="group", order=250)
