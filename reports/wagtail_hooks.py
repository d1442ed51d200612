"""The federation's statistics (统计报告) in the Wagtail admin menu, for editors and moderators."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import urls


@hooks.register("register_admin_urls")
def statistics_urls():
    return urls.urlpatterns


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("reports.view_statistics")


@hooks.register("register_admin_menu_item")
def statistics_menu_item():
    return StatisticsMenuItem(_("Statistics reports"), reverse("reports_statistics"), icon_name="table", order=260)
