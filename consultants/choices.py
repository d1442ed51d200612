"""The fixed vocabularies of the consultant pool."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SpecialtyCode(models.TextChoices):
    PSYCHOLOGY = "psychology", _("Psychology")
    EDUCATION = "education", pgettext_lazy("specialty", "Education")
    LAW = "law", _("Law")
    CAREER = "career", _("Career")


class Mode(models.TextChoices):
    ONLINE = "online", pgettext_lazy("consultation mode", "Online")
    PHONE = "phone", _("Phone")
    IN_PERSON = "in_person", pgettext_lazy("consultation mode", "In person")


class Language(models.TextChoices):
    MANDARIN = "zh", _("Mandarin")
    CANTONESE = "yue", _("Cantonese")
    ENGLISH = "en", _("English")
    SIGN = "sgn", _("Chinese Sign Language")


# Time zones a consultant may work in; the portal's own first.
TIME_ZONES = [
    ("Asia/Shanghai", _("China (Beijing time)")),
    ("Asia/Hong_Kong", _("Hong Kong")),
    ("Asia/Tokyo", _("Japan")),
    ("Europe/Berlin", _("Central Europe (Berlin)")),
    ("Europe/London", _("United Kingdom")),
    ("America/New_York", _("US Eastern")),
    ("Australia/Sydney", _("Australia (Sydney)")),
]
