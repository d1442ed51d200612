"""The facets of job search, each defined once.

A facet has a name (its query-string parameter, and its key in Results.facets),
a kind (how it selects postings), the posting fields it reads (JobSearchEntry
and JobDocument copy them under the same names), its values with their labels
in display order, and its title on the /jobs/ page. parse_request, both
backends, the page's facet groups, saved-search descriptions and the API read
these; the vocabularies themselves are jobs.choices, which the models use.

    for facet in FACETS:
        facet.name, facet.kind, facet.fields, facet.values, facet.label(value), facet.title
"""

from dataclasses import dataclass
from enum import Enum

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from jobs.choices import DISTRICTS, SALARY_BANDS, Education, FamilyFriendly, Industry, JobType, district_label


class Kind(Enum):
    # One value per posting; the values chosen are alternatives.
    TERM = "term"
    # Several values per posting; a posting matches when it has any value chosen.
    TAGS = "tags"
    # Bands of the monthly salary, counted by band and chosen as a range with the
    # parameters salary_min and salary_max: postings whose range overlaps it match.
    SALARY = "salary"
    # Published within so many days: one value, the parameter `posted_within`.
    POSTED = "posted"


@dataclass(frozen=True)
class Facet:
    name: str
    kind: Kind
    fields: tuple
    options: tuple  # (value, label)
    title: str

    @property
    def field(self):
        """The field of a facet that reads one (all but the salary bands)."""
        (field,) = self.fields
        return field

    @property
    def values(self):
        return [value for value, _label in self.options]

    def label(self, value):
        return dict(self.options).get(value, value)


POSTED_WITHIN_DAYS = (1, 3, 7, 30)


def _posted_label(days):
    return ngettext("Last %(days)d day", "Last %(days)d days", days) % {"days": days}


SALARY_FACET = Facet("salary", Kind.SALARY, ("salary_min", "salary_max"),
                     tuple((key, label) for key, label, _low, _high in SALARY_BANDS), _("Monthly salary"))
# Labels are translated when shown, like the others' lazy labels.
POSTED_FACET = Facet("posted_within", Kind.POSTED, ("published_at",),
                     tuple((str(days), lazy(_posted_label, str)(days)) for days in POSTED_WITHIN_DAYS),
                     _("Posted within"))

FACETS = (
    Facet("city", Kind.TERM, ("district",), tuple((district, district_label(district)) for district in DISTRICTS),
          _("District")),
    Facet("industry", Kind.TERM, ("industry",), tuple(Industry.choices), _("Industry")),
    Facet("job_type", Kind.TERM, ("job_type",), tuple(JobType.choices), _("Job type")),
    Facet("education", Kind.TERM, ("education",), tuple(Education.choices), _("Education level")),
    Facet("family_friendly", Kind.TAGS, ("family_friendly",), tuple(FamilyFriendly.choices),
          _("Family-friendly benefits")),
    SALARY_FACET,
    POSTED_FACET,
)
# The facets chosen by naming their values, each a repeatable query-string parameter.
VALUE_FACETS = tuple(facet for facet in FACETS if facet.kind in (Kind.TERM, Kind.TAGS))


def salary_band_range(key):
    """The (salary_min, salary_max) filter that selects one salary band."""
    for band, _label, low, high in SALARY_BANDS:
        if band == key:
            return low, (high - 1 if high is not None else None)
    raise KeyError(key)
