"""Latency of the database job-search backend on 10,000 postings (or --postings N).

    .venv/bin/python benchmarks/search_db.py                       # SQLite file in /tmp
    .venv/bin/python benchmarks/search_db.py --postings 1000 --runs 30
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/search_db.py --postings 100000

Builds a throwaway database (an SQLite file in /tmp, or on PostgreSQL a new
database on the server DATABASE_URL names, dropped at the end; no other
database is touched), seeds the postings (95 % approved, about 80 % visible) with bulk_create, then prints the
p50 and p95 latency of five representative searches and the rate of building
Elasticsearch bulk index actions. Target: p95 under 50 ms.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

POSTINGS = 10_000
RUNS = 60
# One file per run: two benchmarks running at once must not share (and delete) one database.
SQLITE_FILE = Path(f"/tmp/jinguo-search-bench-{os.getpid()}.sqlite3")

TITLES = ["财务会计助理", "出纳", "电商运营专员", "新媒体运营", "Python 开发工程师", "前端开发工程师", "小学英语教师",
          "幼儿园教师", "护士", "药店店员", "仓储物流专员", "行政文员", "人力资源专员", "客服专员", "平面设计师",
          "市场营销助理", "酒店前台", "导游", "农业技术员", "社工"]
DESCRIPTIONS = ["负责日常账务处理，熟练使用Excel，具备良好的沟通能力。", "协助店铺运营，策划线上活动，分析销售数据。",
                "参加教研会议，负责课堂教学与家校沟通。", "按照流程完成仓库出入库管理，保证账实相符。",
                "Develop and maintain web services; write tests; review code with the team.",
                "接待来访客户，处理投诉与咨询，维护客户关系。", "完成海报、包装与品牌视觉设计，配合市场活动。"]
QUERIES = [
    ("Chinese keyword", {"q": "会计"}),
    ("keyword + 2 facets", {"q": "运营", "city": "永川", "industry": "ecommerce"}),
    ("facets only", {"city": "江北", "job_type": "full_time"}),
    ("salary range", {"salary_min": "5000", "salary_max": "8000"}),
    ("sort by newest", {"sort": "newest"}),
]


def throwaway_database():
    """(DATABASE_URL for the benchmark, function that drops it afterwards)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        def remove():
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)

        remove()
        return f"sqlite:///{SQLITE_FILE}", remove
    import psycopg

    name = f"jinguo_search_bench_{os.getpid()}"
    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')

    def drop():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return urlunsplit(parts._replace(path=f"/{name}")), drop


def seed(count=POSTINGS):
    from django.utils import timezone

    from jobs.choices import DISTRICTS, Education, FamilyFriendly, Industry, JobType
    from jobs.models import Employer, JobPosting
    from search.models import JobSearchEntry, JobSearchToken
    from search.sync import entry_fields, note_change, token_rows

    rng = random.Random(6)
    now = timezone.now()
    employers = Employer.objects.bulk_create([
        Employer(name=f"重庆第{n}号用人单位", industry=rng.choice(Industry.values), district=rng.choice(DISTRICTS))
        for n in range(200)])
    postings = []
    for n in range(count):
        low = rng.randrange(2000, 15000, 500)
        status = JobPosting.Status.APPROVED if n % 20 else JobPosting.Status.SUBMITTED
        published = now - timedelta(days=rng.uniform(0, 60))
        expires = now + timedelta(days=rng.uniform(-10, 60))
        postings.append(JobPosting(
            employer=rng.choice(employers), title=rng.choice(TITLES), district=rng.choice(DISTRICTS),
            industry=rng.choice(Industry.values), job_type=rng.choice(JobType.values),
            education=rng.choice(Education.values), salary_min=low, salary_max=low + rng.randrange(0, 6000, 500),
            description=" ".join(rng.sample(DESCRIPTIONS, 3)), requirements="本科及以上学历，沟通能力强。",
            benefits="五险一金，带薪年假。", family_friendly=rng.sample(FamilyFriendly.values, rng.randrange(0, 3)),
            status=status, published_at=published, expires_at=expires))
    postings = JobPosting.objects.bulk_create(postings, batch_size=1000)
    JobSearchEntry.objects.bulk_create([JobSearchEntry(job=posting, **entry_fields(posting)) for posting in postings],
                                       batch_size=1000)
    # A posting has about 150 tokens: build and insert them a slice of postings at a time, not all
    # 15 million model instances of 100,000 postings at once.
    for start in range(0, len(postings), 500):
        JobSearchToken.objects.bulk_create(
            [row for posting in postings[start:start + 500] for row in token_rows(posting)], batch_size=5000)
    # bulk_create sends no signals: tell the in-memory index that the entries changed, as a save does.
    note_change()
    return JobPosting.objects.visible().count()


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(runs=RUNS):
    from django.utils import timezone

    from search import memory_index
    from search.backends.database import DatabaseBackend
    from search.jobs import parse_request

    rows = []
    for label, params in QUERIES:
        request = parse_request(params)
        backend = DatabaseBackend()
        for _ in range(3):
            backend.search(request)
        samples, cpu = [], []
        for _ in range(runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            total = backend.search(request).total
            samples.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        rows.append((label, total, statistics.median(samples), percentile(samples, 0.95), statistics.median(cpu)))
        if request.query:
            # The same search the first time after a change: the holders of its tokens are read again.
            samples, cpu = [], []
            for _ in range(runs):
                memory_index.current(timezone.now())._holders.clear()
                started, started_cpu = time.perf_counter(), time.process_time()
                backend.search(request)
                samples.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            rows.append(("  first time", total, statistics.median(samples), percentile(samples, 0.95),
                         statistics.median(cpu)))
    return rows


def index_build():
    """Seconds and MB of building the in-memory index (search/memory_index.py) once, as the first
    search after a change does in each process, and the time of that first search."""
    import tracemalloc

    from django.utils import timezone

    from search import memory_index
    from search.backends.database import DatabaseBackend
    from search.jobs import parse_request

    started = time.perf_counter()
    memory_index.build("default", timezone.now())
    seconds = time.perf_counter() - started
    # Memory in a second build: tracing slows it several times over.
    tracemalloc.start()
    index = memory_index.build("default", timezone.now())
    size = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    del index
    memory_index._indexes.clear()
    started = time.perf_counter()
    DatabaseBackend().search(parse_request({"q": "会计"}))
    return seconds, size, time.perf_counter() - started


def bulk_rate():
    from jobs.models import JobPosting
    from search.indexing import index_action

    started = time.perf_counter()
    count = sum(1 for posting in JobPosting.objects.visible().select_related("employer").iterator(chunk_size=1000)
                if index_action(posting, index="bench"))
    return count, count / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postings", type=int, default=POSTINGS, help=f"postings to seed (default {POSTINGS:,})")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"timed runs per query (default {RUNS})")
    args = parser.parse_args()
    url, drop = throwaway_database()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    try:
        import django
        from django.core.management import call_command
        from django.db import connection

        django.setup()
        call_command("migrate", verbosity=0)
        visible = seed(args.postings)
        if connection.vendor == "postgresql":
            # As autovacuum leaves a table some minutes after a bulk load: without it, index-only scans of the
            # token index still read the heap.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        build_seconds, build_mb, first_search = index_build()
        rows = measure(args.runs)
        documents, rate = bulk_rate()
        print(f"\nDatabase job search on {connection.vendor}: {args.postings:,} postings, {visible:,} visible, "
              f"{args.runs} runs each")
        # CPU: this process only (on SQLite that includes running the query; on PostgreSQL the server's is not).
        print(f"{'query':<22}{'hits':>7}{'p50 ms':>10}{'p95 ms':>10}{'p50 CPU ms':>12}")
        for label, total, p50, p95, cpu in rows:
            print(f"{label:<22}{total:>7}{p50:>10.1f}{p95:>10.1f}{cpu:>12.1f}")
        print(f"in-memory index: built in {build_seconds * 1000:,.0f} ms, {build_mb:.1f} MB; first search after a "
              f"change (builds it) {first_search * 1000:,.0f} ms")
        print(f"bulk index actions: {documents:,} documents, {rate:,.0f} documents/s")
        worst = max(p95 for _label, _total, _p50, p95, _cpu in rows)
        print(f"target p95 < 50 ms: {'met' if worst < 50 else 'NOT met'} (worst p95 {worst:.1f} ms)")
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"machine: {os.cpu_count()} CPUs, load average {load} (other work on the machine inflates latency)")
    finally:
        drop()


if __name__ == "__main__":
    main()
