from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .roles import ensure_staff_groups

        post_migrate.connect(ensure_staff_groups, dispatch_uid="portal.accounts.ensure_staff_groups")
