"""The database backend's in-memory index of listed postings: facet counts and
sorting without scanning the table on every search.

Counting every facet value over 80,000 visible postings costs PostgreSQL 50 to
180 ms per search however it is written (one scan with a conditional count
per value, or GROUPING SETS), and SQLite more. Here each process keeps, for
the approved postings that have not expired, one bitmap (a Python int, bit r
for row r) per facet value, and for each time or money column the rows in
value order with bitmaps of every 1/64th suffix. A search is then a few dozen
ANDs and popcounts of ints a few kilobytes long.

- Rows are numbered in (published_at, job id) order, so "newest first" reads
  the highest set bits.
- Visibility is evaluated at search time (published_at <= now < expires_at),
  so a posting expires or appears with the clock, not with a reload.
- Keyword matching stays in the database (the token table's index); the
  holders of each query token become a bitmap.
- Freshness: every write to the entries adds a SearchChange row in its own
  transaction (search/sync.py). Each search reads the count and newest token of
  those rows (one indexed query) and rebuilds the index when they differ from
  what it was built from. A change is therefore seen by the next search in
  every process, and by the writing transaction itself.

    index = current()           # up to date for this database connection
    index.visible(now) & index.values["city"]["永川"]
"""

import threading
from array import array
from bisect import bisect_left, bisect_right
from datetime import UTC, datetime
from sys import intern

from django.db import connections
from django.db.models import TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from jobs.models import JobPosting

from .facets import SALARY_FACET, VALUE_FACETS, Kind, salary_band_range
from .models import TOKEN_MAX_LENGTH, JobSearchEntry, JobSearchToken, SearchChange

CHECKPOINTS = 64
# Bitmaps of the holders of this many query tokens are kept per index (the oldest goes first).
HELD_TOKENS = 512
# Set bits of each byte value, highest first.
_BYTE_BITS = [tuple(bit for bit in range(7, -1, -1) if byte >> bit & 1) for byte in range(256)]


def bits_of(rows, size):
    """The bitmap with the bits of `rows` set."""
    buffer = bytearray((size + 7) // 8)
    for row in rows:
        buffer[row >> 3] |= 1 << (row & 7)
    return int.from_bytes(buffer, "little")


def rows_descending(bits):
    """The set bits of `bits`, highest first."""
    data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    for position in range(len(data) - 1, -1, -1):
        if byte := data[position]:
            base = position << 3
            for bit in _BYTE_BITS[byte]:
                yield base + bit


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def micros(moment):
    """A moment as whole microseconds since 1970: exact, and ints compare fastest."""
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _stored_micros(text):
    """micros() of a timestamp as the database prints it (UTC: PostgreSQL with its "+00", SQLite without)."""
    moment = datetime.fromisoformat(text)
    return micros(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def has_row(data, row):
    """Whether bit `row` is set in `data`, a bitmap's little-endian bytes."""
    position = row >> 3
    return position < len(data) and data[position] >> (row & 7) & 1


class SortedColumn:
    """One column's rows in value order, answering "rows with value >= v" (and
    >, <=, <) as bitmaps: a stored suffix bitmap at every checkpoint plus the
    few rows between the checkpoint and the exact position."""

    def __init__(self, values, everyone):
        self.size = len(values)
        self.everyone = everyone
        # Arrays of 8-byte ints rather than lists of int objects: a third of the memory.
        self.values_of = array("q", values)  # by row
        self.order = array("q", sorted(range(self.size), key=values.__getitem__))
        self.values = array("q", (values[row] for row in self.order))
        self.step = max(1, -(-self.size // CHECKPOINTS))
        checkpoints = -(-self.size // self.step) if self.size else 0
        self.suffixes = [0] * (checkpoints + 1)
        for number in range(checkpoints - 1, -1, -1):
            start = number * self.step
            self.suffixes[number] = self.suffixes[number + 1] | bits_of(self.order[start:start + self.step],
                                                                        self.size)

    def _from(self, position):
        """Rows at sorted positions `position` and after."""
        checkpoint = -(-position // self.step)
        if checkpoint >= len(self.suffixes):
            return bits_of(self.order[position:], self.size)
        return self.suffixes[checkpoint] | bits_of(self.order[position:checkpoint * self.step], self.size)

    def at_least(self, value):
        return self._from(bisect_left(self.values, value))

    def above(self, value):
        return self._from(bisect_right(self.values, value))

    def at_most(self, value):
        return self.everyone ^ self.above(value)


class MemoryIndex:
    def __init__(self, rows, fingerprint, built_at):
        """`rows`: (job id, published_at, expires_at, salary_min, salary_max, family_friendly,
        title_tokens, then each VALUE_FACETS term field) in (published_at, job id) order."""
        self.fingerprint = fingerprint
        # Postings that had expired by then are left out: a search for an earlier moment needs a new index.
        self.built_at = built_at
        self.size = len(rows)
        self.everyone = (1 << self.size) - 1
        self.job_ids = array("q", (row[0] for row in rows))
        self.row_of = {job_id: number for number, job_id in enumerate(self.job_ids)}
        self.title_tokens = [intern(row[6]) for row in rows]
        self._holders = {}
        self.published = SortedColumn([_stored_micros(row[1]) for row in rows], self.everyone)
        self.expires = SortedColumn([_stored_micros(row[2]) for row in rows], self.everyone)
        self.salary_min = SortedColumn([row[3] for row in rows], self.everyone)
        self.salary_max = SortedColumn([row[4] for row in rows], self.everyone)
        self.values = {}
        term_facets = [facet for facet in VALUE_FACETS if facet.kind is Kind.TERM]
        for offset, facet in enumerate(term_facets, start=7):
            members = {value: [] for value in facet.values}
            for number, row in enumerate(rows):
                members.setdefault(row[offset], []).append(number)
            self.values[facet.name] = {value: bits_of(found, self.size) for value, found in members.items()}
        for facet in VALUE_FACETS:
            if facet.kind is Kind.TAGS:
                members = {value: [] for value in facet.values}
                for number, row in enumerate(rows):
                    for tag in row[5].split():  # stored as " maternity flexible "
                        members.setdefault(tag, []).append(number)
                self.values[facet.name] = {value: bits_of(found, self.size) for value, found in members.items()}
        self.values[SALARY_FACET.name] = {band: self.salary_overlapping(*salary_band_range(band))
                                          for band in SALARY_FACET.values}
        # Highest salary first, then newest: the order of the salary sort.
        self.by_salary = array("q", sorted(range(self.size), reverse=True, key=lambda number: (
            self.salary_max.values_of[number], self.salary_min.values_of[number], number)))

    def visible(self, now):
        now = micros(now)
        return self.published.at_most(now) & self.expires.above(now)

    def published_from(self, moment):
        return self.published.at_least(micros(moment))

    def published_after(self, moment):
        return self.published.above(micros(moment))

    def salary_overlapping(self, low, high):
        """Rows whose salary range overlaps [low, high] (either end may be None)."""
        bits = self.everyone
        if low is not None:
            bits &= self.salary_max.at_least(low)
        if high is not None:
            bits &= self.salary_min.at_most(high)
        return bits

    def holding(self, token, using):
        """Rows whose posting has the index token `token` (kept per index: a popular keyword is looked up
        once per change, not once per search)."""
        token = token[:TOKEN_MAX_LENGTH]
        if (bits := self._holders.get(token)) is None:
            # A raw cursor: the ORM's per-row work was most of the time for a token held by half the postings.
            query = JobSearchToken.objects.using(using).filter(token=token).values_list("job_id").query
            sql, params = query.sql_with_params()
            with connections[using].cursor() as cursor:
                cursor.execute(sql, params)
                rows = map(self.row_of.get, (job_id for (job_id,) in cursor.fetchall()))
                bits = bits_of([row for row in rows if row is not None], self.size)
            with _lock:
                if len(self._holders) >= HELD_TOKENS:
                    self._holders.pop(next(iter(self._holders)))
                self._holders[token] = bits
        return bits


TERM_FIELDS = [facet.field for facet in VALUE_FACETS if facet.kind is Kind.TERM]


def fingerprint(using):
    """(count of SearchChange rows, newest row's id and token): changes with every committed write."""
    table = connections[using].ops.quote_name(SearchChange._meta.db_table)
    newest = (SearchChange.objects.using(using).annotate(total=RawSQL(f"SELECT COUNT(*) FROM {table}", []))
              .order_by("-pk").values_list("total", "pk", "token").first())
    return newest or (0, None, None)


def build(using, now, seen=None):
    """A new index of the postings listed at `now` (approved, not expired)."""
    seen = seen if seen is not None else fingerprint(using)
    rows = (JobSearchEntry.objects.using(using)
            .filter(job__status=JobPosting.Status.APPROVED, job__expires_at__gt=now, published_at__isnull=False)
            .order_by("published_at", "job_id")
            # Timestamps as text, parsed by datetime.fromisoformat: a twentieth of the database drivers' time.
            .values_list("job_id", Cast("published_at", TextField()), Cast("job__expires_at", TextField()),
                         "salary_min", "salary_max", "family_friendly", "title_tokens", *TERM_FIELDS))
    return MemoryIndex(list(rows), seen, now)


_lock = threading.Lock()
_indexes = {}  # database alias → MemoryIndex


def current(now, using="default"):
    """The index for database `using`, rebuilt first if the entries changed since it was built."""
    # Read the fingerprint before the rows: a change committed in between makes the next search rebuild again.
    seen = fingerprint(using)

    def fresh(index):
        return index is not None and index.fingerprint == seen and index.built_at <= now

    index = _indexes.get(using)
    if fresh(index):
        return index
    with _lock:
        index = _indexes.get(using)
        if not fresh(index):
            index = _indexes[using] = build(using, now, seen)
    return index
