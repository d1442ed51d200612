from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "portal.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from allauth.account.signals import user_logged_in

        from .deletion import restore_on_login

        user_logged_in.connect(restore_on_login, dispatch_uid="portal.privacy.restore_on_login")
