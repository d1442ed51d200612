"""The tokeniser that both job-search backends share.

It reproduces what the Elasticsearch analysis in search/documents.py does, so
that the database backend matches exactly the same postings:

- text is folded character by character (NFKC: full-width letters become ASCII,
  like Elasticsearch's `cjk_width`) and lower-cased;
- a run of Latin letters or digits is one token (the `standard` tokenizer);
- a run of CJK characters becomes its single characters *and* its overlapping
  pairs when indexed (`cjk_bigram` with `output_unigrams: true`), so that both
  会 and 会计 find 财务会计助理;
- a query keeps only the pairs (plain `cjk_bigram`; a lone character stays a
  unigram), so that 会计 does not also match every text containing 会 or 计.

Every query token must be among a posting's index tokens for it to match.
"""

import re
import unicodedata

from django.utils.html import escape

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_TOKEN = re.compile(rf"(?P<cjk>[{_CJK}]+)|(?P<word>(?:(?![{_CJK}])\w)+)")


def fold(text):
    """Lower-cased NFKC form with exactly one character per input character,
    so that positions found in the folded text are positions in the original."""
    return "".join((unicodedata.normalize("NFKC", ch)[:1] or ch).lower() for ch in text)


def _runs(text):
    for match in _TOKEN.finditer(fold(text or "")):
        yield match.lastgroup, match.group(), match.start()


def _unique(tokens):
    return list(dict.fromkeys(tokens))


def index_tokens(text):
    """Tokens a text is indexed under: words, CJK unigrams and bigrams."""
    tokens = []
    for kind, run, _start in _runs(text):
        if kind == "word":
            tokens.append(run)
        else:
            tokens.extend(run)
            tokens.extend(run[i:i + 2] for i in range(len(run) - 1))
    return _unique(tokens)


def query_tokens(text):
    """Tokens a query must all match: words, CJK bigrams (unigram for a lone character)."""
    tokens = []
    for kind, run, _start in _runs(text):
        if kind == "word" or len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(run[i:i + 2] for i in range(len(run) - 1))
    return _unique(tokens)


def token_text(*texts):
    """The stored form of index tokens: space-separated with a space at both
    ends, so that `contains " 会计 "` matches whole tokens only."""
    tokens = _unique(token for text in texts for token in index_tokens(text))
    return f" {' '.join(tokens)} " if tokens else ""


def _matched_positions(text, tokens):
    wanted = set(tokens)
    marked = set()
    for kind, run, start in _runs(text):
        if kind == "word":
            if run in wanted:
                marked.update(range(start, start + len(run)))
            continue
        # A word token can never occur inside a run of CJK characters.
        for token in wanted:
            position = run.find(token)
            while position != -1:
                marked.update(range(start + position, start + position + len(token)))
                position = run.find(token, position + 1)
    return marked


def highlight(text, tokens, length=None):
    """Escaped HTML of `text` with <mark> around every matched query token.
    With `length`, only a fragment of about that many characters around the
    first match (None when nothing matched)."""
    text = text or ""
    marked = _matched_positions(text, tokens)
    if length is not None:
        if not marked:
            return None
        first = min(marked)
        start = max(0, first - length // 4)
        end = min(len(text), start + length)
    else:
        start, end = 0, len(text)
    parts, position = [], start
    while position < end:
        inside = position in marked
        stop = position
        while stop < end and (stop in marked) == inside:
            stop += 1
        chunk = escape(text[position:stop])
        parts.append(f"<mark>{chunk}</mark>" if inside else chunk)
        position = stop
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + "".join(parts) + suffix
