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


class Topic(models.TextChoices):
    """What a graduate wants to talk about, offered by the consultant's specialties."""

    JOB_ANXIETY = "job_anxiety", _("Job-search anxiety")
    STRESS = "stress", _("Stress and low mood")
    CONFIDENCE = "confidence", _("Confidence and knowing myself")
    SETBACK = "setback", _("Coping with rejections")
    CAREER_DIRECTION = "career_direction", _("Which career to choose")
    FURTHER_STUDY = "further_study", _("Further study")
    SKILLS = "skills", _("Skills and certificates to get")
    RESUME = "resume", _("My résumé")
    INTERVIEW = "interview", _("Preparing for interviews")
    OFFER_CHOICE = "offer_choice", _("Choosing between offers")
    LABOUR_CONTRACT = "labour_contract", _("Labour contract")
    PROBATION = "probation", _("Rights during probation")
    DISCRIMINATION = "discrimination", _("Discrimination in hiring")
    WAGES = "wages", _("Wages and social insurance")
    OTHER = "other", _("Something else")


TOPICS_BY_SPECIALTY = {
    SpecialtyCode.PSYCHOLOGY: [Topic.JOB_ANXIETY, Topic.STRESS, Topic.CONFIDENCE, Topic.SETBACK],
    SpecialtyCode.EDUCATION: [Topic.CAREER_DIRECTION, Topic.FURTHER_STUDY, Topic.SKILLS],
    SpecialtyCode.LAW: [Topic.LABOUR_CONTRACT, Topic.PROBATION, Topic.DISCRIMINATION, Topic.WAGES],
    SpecialtyCode.CAREER: [Topic.CAREER_DIRECTION, Topic.RESUME, Topic.INTERVIEW, Topic.OFFER_CHOICE],
}


def topics_for(specialty_codes):
    """The topics a consultant with these specialties offers, in order, then "something else"."""
    topics = [topic for code in specialty_codes for topic in TOPICS_BY_SPECIALTY.get(code, [])]
    return [*dict.fromkeys(topics), Topic.OTHER]
