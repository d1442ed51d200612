from django.db import models
from django.utils.translation import gettext_lazy as _


class Statistics(models.Model):
    """No rows: the holder of the permission to read the federation's statistics, which
    portal/accounts/roles.py grants to editors and moderators."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_statistics", _("Can view the federation's statistics"))]

    def __str__(self):
        return str(self._meta.verbose_name)
