"""Chinese analysis for Wagtail's Elasticsearch site search, as plain data
(portal/settings/production.py imports it before Django is set up).

Wagtail's elasticsearch9 backend maps searchable fields as `text` without an
analyzer and queries them without one, so the index's `default` and
`default_search` analyzers decide. The built-in `cjk` analyzer would index
bigrams only (a one-character query finds nothing) and drop English stop
words; these do what job search does (search/documents.py): index CJK unigrams
and bigrams, search with bigrams.
"""

CJK_BIGRAM_WITH_UNIGRAMS = {"type": "cjk_bigram", "output_unigrams": True}

WAGTAIL_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "filter": {"cjk_bigram_with_unigrams": CJK_BIGRAM_WITH_UNIGRAMS},
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["cjk_width", "lowercase", "cjk_bigram_with_unigrams"],
                },
                "default_search": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["cjk_width", "lowercase", "cjk_bigram"],
                },
            },
        }
    }
}
