"""The discrimination check measured on its labelled corpus (screening_corpus.tsv).

Per category: recall (of the lines that break that rule, how many it flags for
it) and the false-positive rate (of the lines that do not, how many it flags
for it anyway). It fails below 95 % recall or above 5 % false positives, and
the figures are printed at the end of every run (jobs/tests/conftest.py), so CI
shows them whether the test passes or not.
"""

from pathlib import Path

import pytest

from jobs.screening_measure import CATEGORIES, load_corpus, measure

CORPUS = Path(__file__).with_name("screening_corpus.tsv")
MIN_RECALL, MAX_FALSE_POSITIVES = 0.95, 0.05
# Where the figures wait for the end-of-run summary.
SCREENING_FIGURES = pytest.StashKey[list]()


@pytest.fixture(scope="module")
def scores(request):
    # The engine alone: scan_text without editors' phrases, so no database is needed.
    scores = measure(load_corpus(CORPUS))
    request.config.stash[SCREENING_FIGURES] = [score.line() for score in scores.values()]
    return scores


def test_corpus_is_big_enough_and_covers_both_languages_and_outcomes():
    rows = load_corpus(CORPUS)
    assert len(rows) >= 200
    assert sum(1 for labels, _ in rows if not labels) >= 80
    for category in CATEGORIES:
        assert sum(1 for labels, _ in rows if category in labels) >= 15, category
    english = [text for _, text in rows if text.isascii()]
    assert len(english) >= 30


@pytest.mark.parametrize("category", CATEGORIES)
def test_recall_and_false_positives_meet_the_bar(scores, category):
    score = scores[category]
    assert score.recall >= MIN_RECALL and score.false_positive_rate <= MAX_FALSE_POSITIVES, (
        score.line() + "\n" + "\n".join(score.mistakes))


def test_a_bad_corpus_line_is_reported_with_its_number(tmp_path):
    broken = tmp_path / "corpus.tsv"
    broken.write_text("gender\t男性优先\nsexism 男性优先\n", encoding="utf-8")
    with pytest.raises(ValueError, match="corpus.tsv:2"):
        load_corpus(broken)
