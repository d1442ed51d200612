"""One behaviour suite for every reachable job-search backend: the database
(on SQLite and on PostgreSQL) and Elasticsearch when ELASTICSEARCH_URL points
at a live node (those parameters are marked elasticsearch_live)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jobs.models import JobPosting
from search.jobs import SearchError

from .factories import EmployerFactory, JobPostingFactory


def ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def jobs(engine):
    """Five visible postings and three that must never be found."""
    made = {
        "accountant": JobPostingFactory(
            title="财务会计助理", employer=EmployerFactory(name="永川智造科技"), district="永川", industry="finance",
            education="bachelor", salary_min=4000, salary_max=6000, published_at=ago(2),
            family_friendly=["maternity", "flexible"], description="负责日常账务处理，熟练使用Excel。"),
        "developer": JobPostingFactory(
            title="Python & Django 开发工程师", employer=EmployerFactory(name="山城数字"), district="渝中",
            industry="it", education="bachelor", salary_min=9000, salary_max=15000, published_at=ago(10),
            family_friendly=["remote"], description="Build web services with Python."),
        "intern": JobPostingFactory(
            title="电商运营实习生", employer=EmployerFactory(name="江北优选"), district="江北", industry="ecommerce",
            job_type="internship", education="associate", salary_min=2000, salary_max=3000, published_at=ago(0.5),
            description="协助店铺运营，英语流利者优先。"),
        "teacher": JobPostingFactory(
            title="小学英语教师", employer=EmployerFactory(name="永川实验小学"), district="永川", industry="education",
            job_type="part_time", education="bachelor", salary_min=5000, salary_max=7000, published_at=ago(20),
            family_friendly=["parental", "childcare"], description="参加教研会议，负责三年级英语教学。"),
        "warehouse": JobPostingFactory(
            title="仓储物流专员", employer=EmployerFactory(name="沙坪坝物流"), district="沙坪坝", industry="logistics",
            salary_min=3500, salary_max=4500, published_at=ago(40), family_friendly=["insurance"]),
    }
    JobPostingFactory(title="会计主管", industry="finance", published_at=ago(60), expires_at=ago(1))
    JobPostingFactory(title="会计专员", industry="finance", status=JobPosting.Status.SUBMITTED)
    JobPostingFactory(title="会计实习生", industry="finance", published_at=timezone.now() + timedelta(days=1))
    engine.refresh()
    return made


def ids(results):
    return [job.pk for job in results.hits]


def facet(results, name):
    return {item["value"]: item["count"] for item in results.facets[name]}


def test_chinese_keyword_matches_bigram_and_single_character(engine, jobs):
    assert ids(engine.search(q="会计")) == [jobs["accountant"].pk]
    assert set(ids(engine.search(q="会"))) == {jobs["accountant"].pk, jobs["teacher"].pk}
    assert ids(engine.search(q="会计助理")) == [jobs["accountant"].pk]
    assert ids(engine.search(q="计会")) == []


def test_english_keyword_is_case_insensitive_and_splits_from_chinese(engine, jobs):
    assert ids(engine.search(q="PYTHON")) == [jobs["developer"].pk]
    assert ids(engine.search(q="python开发")) == [jobs["developer"].pk]
    assert ids(engine.search(q="excel 账务")) == [jobs["accountant"].pk]
    assert ids(engine.search(q="python 会计")) == []


def test_keyword_matches_employer_name(engine, jobs):
    assert set(ids(engine.search(q="永川"))) == {jobs["accountant"].pk, jobs["teacher"].pk}


def test_highlights_mark_matched_terms_in_escaped_html(engine, jobs):
    results = engine.search(q="会计")
    assert results.highlights[jobs["accountant"].pk]["title"] == "财务<mark>会计</mark>助理"
    results = engine.search(q="django")
    title = results.highlights[jobs["developer"].pk]["title"]
    assert "<mark>Django</mark>" in title and "&amp;" in title and " & " not in title


def test_facets_count_each_value_without_its_own_filter(engine, jobs):
    results = engine.search(city="永川")
    assert results.total == 2
    assert facet(results, "city")["永川"] == 2 and facet(results, "city")["渝中"] == 1
    assert facet(results, "city")["江北"] == 1 and facet(results, "city")["沙坪坝"] == 1
    assert facet(results, "industry") == {**{key: 0 for key in facet(results, "industry")}, "finance": 1,
                                          "education": 1}
    results = engine.search(city=["永川", "渝中"], industry="finance")
    assert ids(results) == [jobs["accountant"].pk]
    assert facet(results, "city")["永川"] == 1 and facet(results, "city")["渝中"] == 0
    assert facet(results, "industry")["finance"] == 1 and facet(results, "industry")["it"] == 1
    assert facet(results, "industry")["education"] == 1


def test_facets_for_salary_bands_posted_within_and_family_friendly(engine, jobs):
    results = engine.search(family_friendly="maternity")
    assert ids(results) == [jobs["accountant"].pk]
    tags = facet(results, "family_friendly")
    assert tags["maternity"] == 1 and tags["remote"] == 1 and tags["childcare"] == 1 and tags["nursing"] == 0
    assert facet(results, "salary") == {"lt3k": 0, "3k-5k": 1, "5k-8k": 1, "8k-12k": 0, "gte12k": 0}
    everything = engine.search()
    assert facet(everything, "salary") == {"lt3k": 1, "3k-5k": 3, "5k-8k": 2, "8k-12k": 1, "gte12k": 1}
    assert facet(everything, "posted_within") == {"1": 1, "3": 2, "7": 2, "30": 4}
    assert facet(everything, "job_type") == {"full_time": 3, "part_time": 1, "internship": 1}


def test_salary_filter_selects_overlapping_ranges(engine, jobs):
    assert set(ids(engine.search(salary_min=6500))) == {jobs["developer"].pk, jobs["teacher"].pk}
    assert ids(engine.search(salary_min=3000, salary_max=3400)) == [jobs["intern"].pk]
    assert set(ids(engine.search(salary_max=3999))) == {jobs["intern"].pk, jobs["warehouse"].pk}


def test_posted_within_days(engine, jobs):
    assert ids(engine.search(posted_within=1)) == [jobs["intern"].pk]
    assert ids(engine.search(posted_within=7)) == [jobs["intern"].pk, jobs["accountant"].pk]
    assert engine.search(posted_within=30).total == 4


def test_sorts(engine, jobs):
    newest = ["intern", "accountant", "developer", "teacher", "warehouse"]
    assert ids(engine.search()) == [jobs[key].pk for key in newest]
    assert ids(engine.search(sort="newest")) == [jobs[key].pk for key in newest]
    by_salary = ["developer", "teacher", "accountant", "warehouse", "intern"]
    assert ids(engine.search(sort="salary")) == [jobs[key].pk for key in by_salary]
    # Relevance: a title match ranks above a description match.
    assert ids(engine.search(q="英语")) == [jobs["teacher"].pk, jobs["intern"].pk]
    assert ids(engine.search(q="英语", sort="newest")) == [jobs["intern"].pk, jobs["teacher"].pk]


def test_paging(engine, jobs):
    newest = ["intern", "accountant", "developer", "teacher", "warehouse"]
    pages = [engine.search(per_page=2, page=number) for number in (1, 2, 3, 4)]
    assert [ids(page) for page in pages[:3]] == [[jobs[key].pk for key in newest[i:i + 2]] for i in (0, 2, 4)]
    assert pages[3].hits == [] and pages[3].total == 5
    assert pages[0].num_pages == 3 and pages[0].has_next and not pages[2].has_next


def test_expired_unapproved_and_future_postings_are_never_returned(engine, jobs):
    assert engine.search().total == 5
    assert engine.search(industry="finance").total == 1
    # 会计主管, 会计专员 and 会计实习生 are expired, unapproved or not yet published.
    assert engine.suggest("会计") == ["财务会计助理"]
    assert engine.suggest("财务") == ["财务会计助理"]


def test_suggestions_use_the_search_tokens_inside_a_title(engine, jobs):
    """The same tokens as search: an infix finds a title, a lone character is
    one token, and every token must be in the title (not in the description)."""
    assert engine.suggest("会计助理") == ["财务会计助理"]
    assert engine.suggest("英语") == ["小学英语教师"]
    assert engine.suggest("运营") == ["电商运营实习生"]
    assert engine.suggest("Django") == ["Python & Django 开发工程师"]
    assert engine.suggest("pyth") == ["Python & Django 开发工程师"]
    assert engine.suggest("会计教师") == []


@pytest.mark.parametrize("query", ["！？。，", "😀🎉", '\\"', "***"])
def test_punctuation_or_emoji_only_finds_nothing(engine, jobs, query):
    results = engine.search(q=query)
    assert results.total == 0 and results.hits == []


@pytest.mark.parametrize("query", ["title:(a OR b)*", "python OR 会计", "(python) AND -java"])
def test_query_syntax_is_treated_as_text(engine, jobs, query):
    results = engine.search(q=query)
    assert results.hits == [] or all("python" in job.title.lower() for job in results.hits)
    assert results.total == len(results.hits)


@pytest.mark.parametrize("params, field", [
    ({"q": "会计" * 1000}, "q"),
    ({"page": "99999"}, "page"),
    ({"page": "0"}, "page"),
    ({"salary_min": "abc"}, "salary_min"),
    ({"salary_min": "8000", "salary_max": "3000"}, "salary_max"),
    ({"city": "火星"}, "city"),
    ({"industry": "spaceflight"}, "industry"),
    ({"posted_within": "2"}, "posted_within"),
    ({"sort": "random"}, "sort"),
])
def test_bad_input_is_a_clear_error(engine, jobs, params, field):
    with pytest.raises(SearchError) as raised:
        engine.search(**params)
    assert field in raised.value.errors and raised.value.errors[field]
