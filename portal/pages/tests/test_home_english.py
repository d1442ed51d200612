"""/en/ speaks English around the demo's Chinese: the hero, its button and the counters."""

import pytest
from django.test import Client

from portal.pages.demo import seed_home

pytestmark = pytest.mark.django_db


def test_the_home_page_hero_and_counters_are_in_the_visitors_language(home_page):
    seed_home()
    english = Client().get("/en/").content.decode()
    chinese = Client().get("/").content.decode()
    assert "Find a job</a>" in english and "找工作</a>" not in english
    assert "with you at every step" in english and "open jobs" in english and "个在招岗位" not in english
    assert "找工作</a>" in chinese and "个在招岗位" in chinese and "open jobs" not in chinese
