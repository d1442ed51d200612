"""The Elasticsearch index of job postings (elasticsearch.dsl).

Chinese text is analysed with the built-in CJK bigram filter: indexed with
unigrams as well (`output_unigrams: true`) so that one-character queries match,
searched with bigrams only so that 会计 means 会计. search/tokens.py does the
same for the database backend. With SEARCH_ES_ANALYZER = "smartcn" (the
analysis-smartcn plugin installed on every node) the smartcn word segmenter is
used instead.

Searches go to an alias; a rebuild writes a new index and swaps the alias.
"""

from django.conf import settings
from django.utils import timezone
from elasticsearch.dsl import Completion, Date, Document, Index, Integer, Keyword, Text, analyzer, token_filter

from .analysis import CJK_BIGRAM_WITH_UNIGRAMS
from .jobs import MAX_RESULT_WINDOW

cjk_bigram_with_unigrams = token_filter("cjk_bigram_with_unigrams", **CJK_BIGRAM_WITH_UNIGRAMS)


def text_analyzers(kind):
    """(index analyzer, search analyzer) for the posting's text fields."""
    if kind == "smartcn":
        segmenter = analyzer("job_text_smartcn", tokenizer="smartcn_tokenizer", filter=["lowercase"])
        return segmenter, segmenter
    index_side = analyzer("job_text", tokenizer="standard",
                          filter=["cjk_width", "lowercase", cjk_bigram_with_unigrams])
    query_side = analyzer("job_query", tokenizer="standard", filter=["cjk_width", "lowercase", "cjk_bigram"])
    return index_side, query_side


INDEX_ANALYZER, SEARCH_ANALYZER = text_analyzers(getattr(settings, "SEARCH_ES_ANALYZER", "cjk"))


def ChineseText(**kwargs):
    return Text(analyzer=INDEX_ANALYZER, search_analyzer=SEARCH_ANALYZER, **kwargs)


def alias_name():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-jobs"


class JobDocument(Document):
    job_id = Integer()
    title = ChineseText()
    employer_name = ChineseText()
    description = ChineseText()
    requirements = ChineseText()
    benefits = ChineseText()
    # Keyword fields for filters and facets.
    city = Keyword()
    district = Keyword()
    industry = Keyword()
    job_type = Keyword()
    education = Keyword()
    family_friendly = Keyword(multi=True)
    salary_min = Integer()
    salary_max = Integer()
    published_at = Date(default_timezone="UTC")
    expires_at = Date(default_timezone="UTC")
    updated_at = Date(default_timezone="UTC")
    # Title suggestions as the user types.
    title_suggest = Completion()

    @classmethod
    def from_posting(cls, posting):
        return cls(
            meta={"id": posting.pk},
            job_id=posting.pk,
            title=posting.title,
            employer_name=posting.employer.name,
            description=posting.description,
            requirements=posting.requirements,
            benefits=posting.benefits,
            city=posting.city,
            district=posting.district,
            industry=posting.industry,
            job_type=posting.job_type,
            education=posting.education,
            family_friendly=list(posting.family_friendly or []),
            salary_min=posting.salary_min,
            salary_max=posting.salary_max,
            published_at=posting.published_at,
            expires_at=posting.expires_at,
            updated_at=posting.updated_at,
            title_suggest={"input": [posting.title]},
        )


def job_index(name):
    """A concrete jobs index with the document's mapping and analysis."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0, max_result_window=MAX_RESULT_WINDOW)
    index.document(JobDocument)
    return index


def new_index_name():
    return f"{alias_name()}-{timezone.now():%Y%m%d%H%M%S%f}"
