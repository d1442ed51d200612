"""Site search (/search/) over pages through Wagtail search, with Chinese matching."""

import pytest
from django.test import override_settings
from wagtail.search.backends import get_search_backend

from portal.pages.models import NewsIndexPage, NewsPage


@pytest.fixture
def news(home_page):
    index = home_page.add_child(instance=NewsIndexPage(title="新闻动态", slug="news-test"))
    article = index.add_child(instance=NewsPage(
        title="求职季分享会", slug="interview-tips", intro="毕业生交流",
        body=[("paragraph", "<p>掌握面试技巧，准备一份好的简历。Practise your CV.</p>")]))
    other = index.add_child(instance=NewsPage(title="春季招聘会", slug="spring-fair", intro="企业招聘信息"))
    backend = get_search_backend()
    for page in (index, article, other):
        backend.add(page)
    return article, other


def found(query):
    from wagtail.models import Page

    return {page.pk for page in Page.objects.live().search(query, operator="and")}


def test_chinese_word_inside_longer_text_is_found(news):
    article, other = news
    assert found("面试") == {article.pk}
    assert found("面试技巧") == {article.pk}
    assert found("简历") == {article.pk}
    assert found("招聘") == {other.pk}
    assert found("cv") == {article.pk}
    assert found("试面") == set()


def test_search_page_lists_matches_and_escapes_the_query(client, news):
    article, _other = news
    response = client.get("/search/", {"q": "面试"})
    assert response.status_code == 200
    assert article.title in response.content.decode()
    response = client.get("/en/search/", {"q": "<script>面试"})
    body = response.content.decode()
    assert "&lt;script&gt;" in body and "<script>面试" not in body


@pytest.mark.parametrize("query", ["", "！！！", "😀", "a" * 3000])
def test_search_page_with_empty_or_odd_queries(client, news, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


def test_search_page_paginates_with_the_query(client, news):
    response = client.get("/search/", {"q": "面试", "page": "99"})
    assert response.status_code == 200


@override_settings(WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": "wagtail.search.backends.database"}})
def test_stock_database_backend_misses_chinese_words(home_page):
    """Why search.site_backend exists: on SQLite (FTS5) and PostgreSQL (tsvector)
    Wagtail's own database backend keeps 掌握面试技巧 as one word."""
    index = home_page.add_child(instance=NewsIndexPage(title="新闻", slug="news-stock"))
    article = index.add_child(instance=NewsPage(title="掌握面试技巧", slug="stock-tips"))
    get_search_backend().add(article)
    assert found("掌握面试技巧") == {article.pk}
    assert found("面试技巧") == found("面试") == set()


def test_search_page_lists_active_consultants_matching_the_query(client, home_page):
    from consultants.tests.factories import ConsultantFactory

    backend = get_search_backend()
    counsellor = ConsultantFactory(display_name="林晓雯", bio="擅长求职焦虑与压力管理的心理咨询。")
    retired = ConsultantFactory(display_name="王老师", bio="心理咨询十五年。", is_active=False)
    ConsultantFactory(display_name="陈律师", bio="劳动合同与维权。")
    for consultant in (counsellor, retired):
        backend.add(consultant)
    body = client.get("/search/", {"q": "心理"}).content.decode()
    assert "林晓雯" in body and counsellor.get_absolute_url() in body
    assert "王老师" not in body and "陈律师" not in body


def test_search_page_lists_jobs_with_a_link_to_all_of_them(client, home_page, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .factories import JobPostingFactory

    settings.ELASTICSEARCH_URL = ""
    job = JobPostingFactory(title="财务会计助理")
    JobPostingFactory(title="仓储物流专员")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            body = client.get("/search/", {"q": "会计"}).content.decode()
        return body, len(captured)

    queries()  # the first request fills the site's caches (site, settings, navigation)
    body, few = queries()
    assert "财务会计助理" in body and f"/jobs/{job.pk}/" in body
    assert "仓储物流专员" not in body
    assert "/jobs/?q=%E4%BC%9A%E8%AE%A1" in body
    assert "没有找到" not in body  # the jobs count as a result even with no page found

    # The number of queries does not grow with the jobs found.
    for number in range(8):
        JobPostingFactory(title=f"会计专员{number}")
    queries()  # the first search after a change rebuilds the in-memory index
    body, many = queries()
    assert body.count('class="card job-card"') == 5
    assert many == few


def test_the_header_links_every_page_to_site_search(client, home_page):
    body = client.get("/").content.decode()
    assert 'action="/search/"' in body and 'name="q"' in body
    assert 'action="/en/search/"' in client.get("/en/").content.decode()
