from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Django's empty choice of a select built from a model field's choices is
        # "---------", which reads as a broken page. Its default argument is this one
        # list, so the empty option says what it means everywhere (docs/style.md).
        from django.db.models import fields
        from django.utils.translation import gettext_lazy

        fields.BLANK_CHOICE_DASH[:] = [("", gettext_lazy("Choose…"))]

        from django.db.models.signals import post_migrate

        from .roles import ensure_staff_groups

        post_migrate.connect(ensure_staff_groups, dispatch_uid="portal.accounts.ensure_staff_groups")

        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save

        from .tokens import end_tokens_on_new_password

        post_save.connect(end_tokens_on_new_password, sender=get_user_model(),
                          dispatch_uid="portal.accounts.end_tokens_on_new_password")

        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import pre_save
        from wagtail.users.models import UserProfile

        from .admin_language import default_to_site_language, profile_for_editors

        pre_save.connect(default_to_site_language, sender=UserProfile,
                         dispatch_uid="portal.accounts.default_to_site_language")
        user_logged_in.connect(profile_for_editors, dispatch_uid="portal.accounts.profile_for_editors")
