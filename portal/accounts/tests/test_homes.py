"""A home for each role: where she lands after signing in, and the switcher between
the homes of someone with more than one role."""

import pytest
from django.contrib.auth.models import Group

from consultants.tests.factories import ConsultantFactory
from jobs.tests.factories import EmployerMemberFactory
from portal.accounts.models import SeekerProfile

from .factories import PASSWORD, UserFactory, reset_rate_limits

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ME, WORKSPACE, EMPLOYER, ADMIN = "/me/", "/consultants/me/", "/jobs/employer/", "/cms/"


@pytest.fixture(autouse=True)
def _site(home_page):
    reset_rate_limits()
    return home_page


def editor():
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def login(client, user, query=""):
    return client.post(LOGIN + query, {"login": user.email, "password": PASSWORD})


@pytest.mark.parametrize("make_user, home", [
    (lambda: UserFactory(), ME),
    (lambda: ConsultantFactory().user, WORKSPACE),
    (lambda: EmployerMemberFactory().user, EMPLOYER),
    (editor, ADMIN),
])
def test_each_role_lands_on_its_own_home(client, make_user, home):
    user = make_user()

    response = login(client, user)

    assert response.status_code == 302
    assert response["Location"] == home
    assert client.get(response["Location"]).status_code == 200


def test_a_page_of_ours_she_came_from_wins_over_her_home(client):
    user = ConsultantFactory().user

    assert login(client, user, "?next=/jobs/")["Location"] == "/jobs/"


def test_another_sites_next_is_ignored(client):
    user = EmployerMemberFactory().user

    assert login(client, user, "?next=https://evil.example/")["Location"] == EMPLOYER


def test_a_consultant_who_is_also_an_employer_lands_on_the_first_and_switches_to_the_other(client):
    user = ConsultantFactory().user
    EmployerMemberFactory(user=user)

    assert login(client, user)["Location"] == WORKSPACE
    workspace = client.get(WORKSPACE)
    labels = [home.label for home in workspace.context["role_switch"]]
    assert [home.url for home in workspace.context["role_switch"]] == [EMPLOYER]
    html = workspace.content.decode()
    assert "切换到：" in html and 'href="/jobs/employer/"' in html
    assert str(labels[0]) == "用人单位"
    # No graduate home without a graduate's profile, and no admin without the role.
    assert 'href="/cms/"' not in html
    assert [home.url for home in client.get(EMPLOYER).context["role_switch"]] == [WORKSPACE]


def test_the_switcher_shows_only_her_own_roles(client):
    user = editor()
    SeekerProfile.objects.create(user=user, school="武汉大学")
    client.force_login(user)

    switch = client.get(ME).context["role_switch"]

    assert [home.url for home in switch] == [ADMIN]
    assert str(switch[0].label) == "管理后台"


def test_someone_with_one_role_sees_no_switcher(client):
    client.force_login(UserFactory())

    response = client.get(ME)

    assert response.context["role_switch"] == []
    assert "切换到：" not in response.content.decode()


def test_the_headers_account_link_goes_to_her_own_home_in_the_pages_language(client):
    user = ConsultantFactory().user
    login(client, user)

    assert f'<a href="{WORKSPACE}">我的账号</a>' in client.get("/jobs/").content.decode()
    assert '<a href="/en/consultants/me/">My account</a>' in client.get("/en/jobs/").content.decode()
