import pytest
from django.contrib.auth.models import Group

from jobs.tests.factories import EmployerMemberFactory
from jobs.tests.test_screening_corpus import SCREENING_FIGURES
from portal.accounts.tests.factories import UserFactory


@pytest.fixture
def member(client):
    """An employer's account, signed in on `client`."""
    member = EmployerMemberFactory()
    client.force_login(member.user)
    return member


@pytest.fixture
def moderator():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def pytest_terminal_summary(terminalreporter, config):
    """Print the discrimination check's measured recall and false positives (see
    test_screening_corpus.py) at the end of every run that measured them."""
    figures = config.stash.get(SCREENING_FIGURES, None)
    if figures:
        terminalreporter.write_sep("-", "discrimination check on jobs/tests/screening_corpus.tsv")
        for line in figures:
            terminalreporter.write_line(line)
