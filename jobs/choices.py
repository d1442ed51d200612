"""The fixed vocabularies of job postings, shared by models, forms, the API and search."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Industry(models.TextChoices):
    MANUFACTURING = "manufacturing", _("Manufacturing")
    IT = "it", _("Internet and IT")
    ECOMMERCE = "ecommerce", _("E-commerce")
    EDUCATION = "education", _("Education and training")
    FINANCE = "finance", _("Finance and accounting")
    HEALTH = "health", _("Health care")
    RETAIL = "retail", _("Retail and services")
    LOGISTICS = "logistics", _("Logistics")
    MEDIA = "media", _("Media and design")
    PUBLIC = "public", _("Public sector and NGOs")
    AGRICULTURE = "agriculture", _("Agriculture")
    TOURISM = "tourism", _("Tourism and hospitality")


class CompanySize(models.TextChoices):
    MICRO = "micro", _("Under 20 people")
    SMALL = "small", _("20–99 people")
    MEDIUM = "medium", _("100–499 people")
    LARGE = "large", _("500 or more people")


class JobType(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")
    INTERNSHIP = "internship", _("Internship")


class Education(models.TextChoices):
    ANY = "any", _("Any education")
    ASSOCIATE = "associate", _("Associate degree or above")
    BACHELOR = "bachelor", _("Bachelor's degree or above")
    MASTER = "master", _("Master's degree or above")


class Experience(models.TextChoices):
    NONE = "none", _("No experience needed")
    UNDER_1 = "under_1", _("Under 1 year")
    ONE_TO_3 = "1_3", _("1–3 years")
    OVER_3 = "over_3", _("3 years or more")


class FamilyFriendly(models.TextChoices):
    MATERNITY = "maternity", _("Maternity leave beyond the legal minimum")
    PARENTAL = "parental", _("Parental leave")
    FLEXIBLE = "flexible", _("Flexible hours")
    REMOTE = "remote", _("Remote work possible")
    NURSING = "nursing", _("Nursing room")
    CHILDCARE = "childcare", _("Childcare support")
    INSURANCE = "insurance", _("Five insurances and housing fund")


# Chongqing's districts and counties where the portal's employers are.
DISTRICTS = [
    "永川", "渝中", "江北", "沙坪坝", "九龙坡", "南岸", "渝北", "巴南", "北碚", "大渡口",
    "璧山", "江津", "合川", "荣昌", "大足", "铜梁",
]
# A district is a proper name: in English it is written in pinyin (docs/style.md, Names).
DISTRICT_PINYIN = {
    "永川": "Yongchuan", "渝中": "Yuzhong", "江北": "Jiangbei", "沙坪坝": "Shapingba", "九龙坡": "Jiulongpo",
    "南岸": "Nan'an", "渝北": "Yubei", "巴南": "Banan", "北碚": "Beibei", "大渡口": "Dadukou", "璧山": "Bishan",
    "江津": "Jiangjin", "合川": "Hechuan", "荣昌": "Rongchang", "大足": "Dazu", "铜梁": "Tongliang",
    "重庆": "Chongqing",
}


def place_name(name):
    """A district or city as the active language writes it: 永川 or Yongchuan."""
    from django.utils.translation import get_language

    if get_language() == "en":
        return DISTRICT_PINYIN.get(name, name)
    return name


def district_label(name):
    """A choice label that follows the language at render time."""
    from django.utils.functional import lazy

    return lazy(place_name, str)(name)

# Their administrative division codes (GB/T 2260): characters 3–8 of the credit code
# of an organisation registered there.
DIVISION_CODES = {
    "永川": "500118", "渝中": "500103", "江北": "500105", "沙坪坝": "500106", "九龙坡": "500107", "南岸": "500108",
    "渝北": "500112", "巴南": "500113", "北碚": "500109", "大渡口": "500104", "璧山": "500120", "江津": "500116",
    "合川": "500117", "荣昌": "500153", "大足": "500111", "铜梁": "500151",
}

# Salary bands (CNY per month) used for facets and for placement records.
SALARY_BANDS = [
    ("lt3k", _("Under ¥3,000"), 0, 3000),
    ("3k-5k", _("¥3,000–5,000"), 3000, 5000),
    ("5k-8k", _("¥5,000–8,000"), 5000, 8000),
    ("8k-12k", _("¥8,000–12,000"), 8000, 12000),
    ("gte12k", _("¥12,000 or more"), 12000, None),
]


def salary_band(amount):
    """The band key a monthly amount falls in."""
    for key, _label, low, high in SALARY_BANDS:
        if amount >= low and (high is None or amount < high):
            return key
    return SALARY_BANDS[0][0]
