from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultantsConfig(AppConfig):
    name = "consultants"
    verbose_name = _("Consultants")

    def ready(self):
        from . import cache_invalidation, slot_summary

        cache_invalidation.connect()
        slot_summary.connect()
