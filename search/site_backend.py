"""Wagtail's database search backend, made to match Chinese.

Both engines under Wagtail's database backend split text on spaces and
punctuation only: SQLite's FTS5 (unicode61 tokenizer) and PostgreSQL's
to_tsvector keep 面试技巧 as one word, so the query 面试 finds nothing. This
backend indexes every searchable field as the tokens of search/tokens.py
(unigrams and bigrams of CJK runs, words) and turns the query into its query
tokens (bigrams), exactly as job search and the Elasticsearch analysis do.

Why a backend and not a `search_fields` entry: the pages live in other apps
(portal.pages, courses) and every indexed model, present or future, should get
Chinese matching without each model opting in.

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.site_backend"}}
"""

import functools

from modelsearch.backends import database
from modelsearch.index import AutocompleteField, SearchField

from .tokens import index_tokens, query_tokens


def _flatten(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(_flatten(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_flatten(item) for item in value.values())
    return str(value)


class _TokenisedValue:
    """Reads the wrapped field from the real object and returns its index tokens."""

    def __init__(self, field):
        super().__init__(field.field_name, **field.kwargs)
        self.boost = getattr(field, "boost", None)
        self.original = field

    def get_value(self, obj):
        return " ".join(index_tokens(_flatten(self.original.get_value(obj.instance))))


class TokenisedSearchField(_TokenisedValue, SearchField):
    pass


class TokenisedAutocompleteField(_TokenisedValue, AutocompleteField):
    pass


class TokenisedObject:
    """An indexed object as the index sees it: the same object, searchable fields tokenised."""

    def __init__(self, instance):
        self.instance = instance
        self.pk = instance.pk

    def get_search_fields(self):
        fields = []
        for field in self.instance.get_search_fields():
            if isinstance(field, SearchField):
                field = TokenisedSearchField(field)
            elif isinstance(field, AutocompleteField):
                field = TokenisedAutocompleteField(field)
            fields.append(field)
        return fields

    def __getattr__(self, name):
        return getattr(self.instance, name)


class TokenisedIndexMixin:
    def add_items(self, model, objs):
        super().add_items(model, [TokenisedObject(obj) for obj in objs])


class TokenisedQueryMixin:
    def search(self, query, model_or_queryset, *args, **kwargs):
        if isinstance(query, str):
            query = " ".join(query_tokens(query))
        return super().search(query, model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        if isinstance(query, str):
            query = " ".join(query_tokens(query))
        return super().autocomplete(query, model_or_queryset, *args, **kwargs)


@functools.cache
def _tokenised(backend_class):
    index_class = type("Tokenised" + backend_class.index_class.__name__,
                       (TokenisedIndexMixin, backend_class.index_class), {})
    return type("Tokenised" + backend_class.__name__, (TokenisedQueryMixin, backend_class),
                {"index_class": index_class})


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    """Whichever database backend Wagtail would choose here (SQLite FTS5, PostgreSQL, fallback), tokenised."""
    vendor_backend = database.SearchBackend(dict(params))
    return _tokenised(type(vendor_backend))(params)
