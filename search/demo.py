"""Demo step: make the job search data agree with the demo postings, however they were created."""


def rebuild_search_data():
    from .indexing import rebuild_database_entries

    rebuild_database_entries()


def seed(size):
    return [("job search data", rebuild_search_data)]
