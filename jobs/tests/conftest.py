from jobs.tests.test_screening_corpus import SCREENING_FIGURES


def pytest_terminal_summary(terminalreporter, config):
    """Print the discrimination check's measured recall and false positives (see
    test_screening_corpus.py) at the end of every run that measured them."""
    figures = config.stash.get(SCREENING_FIGURES, None)
    if figures:
        terminalreporter.write_sep("-", "discrimination check on jobs/tests/screening_corpus.tsv")
        for line in figures:
            terminalreporter.write_line(line)
