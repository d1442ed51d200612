"""Recall and false positives of the discrimination check on a labelled file.

A line is "label<TAB>text"; the label is gender, marriage, pregnancy (several
comma-separated) or clean. Used by jobs/tests/test_screening_corpus.py on our
corpus and by scripts/screening_figures.py on any other set.
"""

from dataclasses import dataclass, field

from .screening import GENDER, MARRIAGE, PREGNANCY, scan_text

CATEGORIES = (GENDER, MARRIAGE, PREGNANCY)


def load_corpus(path):
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
