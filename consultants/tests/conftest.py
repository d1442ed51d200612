import pytest
from django.utils import translation

from consultants import services
from portal.accounts.tests.factories import UserFactory

from .factories import one_slot_consultant


@pytest.fixture(autouse=True)
def chinese_by_default():
    """A request the test client made under /en/ leaves English active in this
    thread (LocaleMiddleware does not reset it), and reverse() would then give
    /en/ addresses in the next test: start each test in the default language."""
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def full(db):
    """A consultant whose only slot in the next two weeks is booked, and that booking."""
    consultant, start = one_slot_consultant()
    booking = services.book(UserFactory(), consultant.pk, start, "online", "面试焦虑")
    return consultant, booking
