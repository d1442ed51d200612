"""The facet definitions agree with the data the backends read and with the
vocabularies of jobs.choices."""

from jobs.choices import SALARY_BANDS, FamilyFriendly
from jobs.models import JobPosting
from search.documents import JobDocument
from search.facets import FACETS, SALARY_FACET, VALUE_FACETS, salary_band_range
from search.models import JobSearchEntry


def test_every_facet_field_is_on_the_posting_the_entry_and_the_document():
    for facet in FACETS:
        for field in facet.fields:
            JobPosting._meta.get_field(field)
            JobSearchEntry._meta.get_field(field)
            assert field in JobDocument._doc_type.mapping, field


def test_names_are_unique_and_value_facets_offer_the_choices():
    assert len({facet.name for facet in FACETS}) == len(FACETS)
    family = next(facet for facet in VALUE_FACETS if facet.name == "family_friendly")
    assert family.values == FamilyFriendly.values


def test_salary_bands_select_adjacent_ranges():
    assert SALARY_FACET.values == [key for key, *_rest in SALARY_BANDS]
    ranges = [salary_band_range(key) for key in SALARY_FACET.values]
    assert ranges[0][0] == 0 and ranges[-1][1] is None
    assert all(high + 1 == next_low for (_low, high), (next_low, _high) in zip(ranges, ranges[1:], strict=False))
