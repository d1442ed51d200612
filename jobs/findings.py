"""How the discrimination check's findings are shown next to the text they are in.

Below each screened field of the posting form, and on her posting page, each
finding is a line: a snippet of her text with the phrase in <mark>, and the
rule of Art. 43 it breaks. The pages render it here (so it shows without
JavaScript, after a full submit); jobs/static/jobs/screen.js builds the same
markup from POST /api/v1/jobs/screen while she types.
"""

import re
from dataclasses import replace
from types import SimpleNamespace

from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import screening

# Characters of her text shown on each side of a phrase.
CONTEXT = 12
SPACES = re.compile(r"\s+")


def _squash(text):
    return SPACES.sub(" ", text)


def snippet(text, finding):
    """HTML: the phrase in <mark>, with a little of the text around it (escaped)."""
    start, end = finding.start, finding.end
    before, after = text[max(0, start - CONTEXT):start], text[end:end + CONTEXT]
    phrase = text[start:end]
    mark = screening.highlight(phrase, [replace(finding, start=0, end=len(phrase))])
    return mark_safe(  # noqa: S308 - highlight escapes, and so does escape()
        ("…" if start > CONTEXT else "") + escape(_squash(before)) + mark + escape(_squash(after))
        + ("…" if end + CONTEXT < len(text) else "")
    )


def items(text, findings):
    """One dict per finding in `text`: phrase, category, explanation (active language), snippet."""
    return [{"phrase": finding.phrase, "category": finding.category, "explanation": finding.explanation,
             "snippet": snippet(text, finding)} for finding in findings]


def for_texts(texts, patterns=None):
    """{field: [item]} for the screened fields among `texts` ({field: text}) that have findings."""
    posting = SimpleNamespace(**{field: texts.get(field) or "" for field in screening.SCREENED_FIELDS})
    found = {}
    for finding in screening.scan_posting(posting, patterns):
        found.setdefault(finding.field, []).append(finding)
    return {field: items(getattr(posting, field), own) for field, own in found.items()}


def for_stored_flags(posting):
    """{field: [item]} from the flags recorded when the posting was last saved."""
    found = {}
    for flag in posting.flagged_phrases:
        found.setdefault(flag["field"], []).append(screening.Finding(**flag))
    return {field: items(getattr(posting, field) or "", own) for field, own in found.items()}
