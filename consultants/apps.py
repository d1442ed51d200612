from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultantsConfig(AppConfig):
    name = "consultants"
    verbose_name = _("Consultants")

    def ready(self):
        from . import slot_summary

        slot_summary.connect()
