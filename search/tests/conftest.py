import os
import uuid

import pytest

from search.jobs import parse_request


class DatabaseEngine:
    name = "database"

    def refresh(self):
        """Nothing to do: the entries are written in the postings' transactions."""

    def search(self, per_page=20, **params):
        from search.backends.database import DatabaseBackend

        return DatabaseBackend().search(parse_request(params, per_page=per_page))

    def suggest(self, prefix):
        from search.backends.database import DatabaseBackend

        return DatabaseBackend().suggest(prefix)


class ElasticsearchEngine(DatabaseEngine):
    name = "elasticsearch"

    def refresh(self):
        from search.indexing import rebuild

        rebuild(force=True)

    def search(self, per_page=20, **params):
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend().search(parse_request(params, per_page=per_page))

    def suggest(self, prefix):
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend().suggest(prefix)


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch_live)])
def engine(request, db, settings):
    """Every reachable job-search backend. Elasticsearch only against a live
    node named by ELASTICSEARCH_URL in the environment, in indices of its own."""
    if request.param == "database":
        settings.ELASTICSEARCH_URL = ""
        yield DatabaseEngine()
        return
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip("needs a live Elasticsearch node: set ELASTICSEARCH_URL=http://...")
    settings.ELASTICSEARCH_URL = url
    settings.ELASTICSEARCH_INDEX_PREFIX = f"jinguo-test-{uuid.uuid4().hex[:8]}"
    engine = ElasticsearchEngine()
    engine.refresh()  # the alias exists before any posting is saved and indexed through it
    yield engine
    from search.backends.elasticsearch import client

    client().indices.delete(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-*", ignore_unavailable=True)
