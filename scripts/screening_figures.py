"""Print the discrimination check's recall and false positives on labelled files.

    .venv/bin/python scripts/screening_figures.py jobs/tests/screening_corpus.tsv [more.tsv ...] [--mistakes]

Each file holds "label<TAB>text" lines (label: gender, marriage, pregnancy,
several comma-separated, or clean), as our corpus does. The engine alone is
measured (editors' own phrases are not loaded), so no database is needed.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")


def main(arguments):
    import django

    django.setup()
    from jobs.screening_measure import load_corpus, measure

    show_mistakes = "--mistakes" in arguments
    paths = [Path(argument) for argument in arguments if argument != "--mistakes"]
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    rows = [row for path in paths for row in load_corpus(path)]
    scores = measure(rows)
    print(f"{len(rows)} lines from {', '.join(str(path) for path in paths)}")
    for score in scores.values():
        print(score.line())
    if show_mistakes:
        for score in scores.values():
            for mistake in score.mistakes:
                print(f"{score.category}: {mistake}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
