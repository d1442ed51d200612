import pytest
from django.contrib.auth.models import Group

from jobs.tests.factories import EmployerMemberFactory
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
