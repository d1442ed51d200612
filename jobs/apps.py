from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Jobs")

    def ready(self):
        from . import cache_invalidation, employers
        from .models import Employer

        post_delete.connect(employers.delete_licence_file, sender=Employer, dispatch_uid="jobs.delete_licence_file")
        cache_invalidation.connect()
