import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def chinese_by_default():
    """A request the test client made under /en/ leaves English active in this
    thread (LocaleMiddleware does not reset it), and reverse() would then give
    /en/ addresses in the next test: start each test in the default language."""
    with translation.override("zh-hans"):
        yield
