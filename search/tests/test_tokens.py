"""The shared tokeniser: the same tokens the Elasticsearch CJK analysis produces."""

from search.tokens import highlight, index_tokens, query_tokens


def test_index_tokens_are_cjk_unigrams_and_bigrams_and_lowercase_words():
    assert index_tokens("财务会计 Excel") == ["财", "务", "会", "计", "财务", "务会", "会计", "excel"]


def test_query_tokens_are_bigrams_or_a_lone_character():
    assert query_tokens("会计") == ["会计"]
    assert query_tokens("会") == ["会"]
    assert query_tokens("会计助理") == ["会计", "计助", "助理"]


def test_full_width_letters_fold_and_words_split_from_chinese():
    assert query_tokens("ＰＹＴＨＯＮ开发") == ["python", "开发"]


def test_punctuation_emoji_and_query_syntax_are_not_tokens():
    assert query_tokens("！？😀 \\\" *") == []
    assert query_tokens("title:(a OR b)*") == ["title", "a", "or", "b"]


def test_highlight_escapes_and_marks_whole_matches():
    assert highlight("<b>财务会计</b> & Excel", ["会计", "excel"]) == (
        "&lt;b&gt;财务<mark>会计</mark>&lt;/b&gt; &amp; <mark>Excel</mark>")
    assert highlight("Excellent", ["excel"]) == "Excellent"


def test_highlight_fragment_around_the_first_match():
    text = "前" * 200 + "会计" + "后" * 200
    fragment = highlight(text, ["会计"], length=40)
    assert fragment.startswith("…") and fragment.endswith("…") and "<mark>会计</mark>" in fragment
    assert highlight(text, ["物流"], length=40) is None
