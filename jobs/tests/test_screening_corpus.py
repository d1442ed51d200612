"""The discrimination check measured on its labelled corpus (screening_corpus.tsv).

Per category: recall (of the lines that break that rule, how many it flags for
it) and the false-positive rate (of the lines that do not, how many it flags
for it anyway). It fails below 95 % recall or above 5 % false positives, and
the figures are printed at the end of every run (jobs/tests/conftest.py), so CI
shows them whether the test passes or not.
"""

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from jobs.screening import GENDER, MARRIAGE, PREGNANCY, scan_text

CORPUS = Path(__file__).with_name("screening_corpus.tsv")
CATEGORIES = (GENDER, MARRIAGE, PREGNANCY)
MIN_RECALL, MAX_FALSE_POSITIVES = 0.95, 0.05
# Where the figures wait for the end-of-run summary.
SCREENING_FIGURES = pytest.StashKey[list]()


def load_corpus(path=CORPUS):
    """[(labels, text)]: a line is "label<TAB>text"; "clean" means no label."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, separator, text = line.partition("\t")
        labels = set() if label == "clean" else set(label.split(","))
        if not separator or not text.strip() or not labels <= set(CATEGORIES):
            raise ValueError(f"{path.name}:{number}: not 'label<TAB>text' with a known label: {line!r}")
        rows.append((labels, text))
    return rows


@dataclass
class Score:
    category: str
    found: int = 0
    positives: int = 0
    false_positives: int = 0
    negatives: int = 0
    mistakes: list = field(default_factory=list)

    @property
    def recall(self):
        return self.found / self.positives if self.positives else 1.0

    @property
    def false_positive_rate(self):
        return self.false_positives / self.negatives if self.negatives else 0.0

    def line(self):
        return (f"{self.category:<10} recall {self.found}/{self.positives} = {self.recall:.1%}   "
                f"false positives {self.false_positives}/{self.negatives} = {self.false_positive_rate:.1%}")


def measure(rows):
    scores = {category: Score(category) for category in CATEGORIES}
    for labels, text in rows:
        flagged = {finding.category for finding in scan_text(text)}
        for category, score in scores.items():
            if category in labels:
                score.positives += 1
                score.found += category in flagged
                if category not in flagged:
                    score.mistakes.append(f"missed: {text}")
            else:
                score.negatives += 1
                score.false_positives += category in flagged
                if category in flagged:
                    score.mistakes.append(f"wrongly flagged: {text}")
    return scores


@pytest.fixture(scope="module")
def scores(request):
    # The engine alone: scan_text without editors' phrases, so no database is needed.
    scores = measure(load_corpus())
    request.config.stash[SCREENING_FIGURES] = [score.line() for score in scores.values()]
    return scores


def test_corpus_is_big_enough_and_covers_both_languages_and_outcomes():
    rows = load_corpus()
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
