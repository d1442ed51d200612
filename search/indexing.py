"""Writing job postings to Elasticsearch: bulk actions, one change, reconciliation, rebuild.

Every write carries an external version (microseconds of the posting's
updated_at, or of the moment of a deletion), so a late, older write loses
against a newer one instead of overwriting it.
"""

import logging

from django.db import transaction
from django.utils import timezone
from elasticsearch.helpers import bulk, scan, streaming_bulk

from jobs.models import JobPosting

from .backends.elasticsearch import client
from .documents import JobDocument, alias_name, job_index, new_index_name
from .models import PendingIndexChange
from .sync import version_of

logger = logging.getLogger(__name__)

# A rebuild that would leave the alias on an index this far from the database is refused.
REBUILD_TOLERANCE = 0.10


def index_action(posting, index=None, version=None):
    return {
        "_op_type": "index",
        "_index": index or alias_name(),
        "_id": str(posting.pk),
        "version": max(version_of(posting.updated_at), version or 0),
        "version_type": "external",
        "_source": JobDocument.from_posting(posting).to_dict(),
    }


def delete_action(job_id, version, index=None):
    return {"_op_type": "delete", "_index": index or alias_name(), "_id": str(job_id), "version": version,
            "version_type": "external"}


def action_for(job_id, posting, floor, now):
    """Index a visible posting, delete anything else. `floor` is the least version to write."""
    if posting is not None and posting.is_visible(now):
        return index_action(posting, version=floor)
    # One more than the row's own version: a document indexed from that same row is replaced.
    own = version_of(posting.updated_at) + 1 if posting is not None else 0
    return delete_action(job_id, max(own, floor))


def _outcome_is_final(item):
    """Done: written, deleted or already gone, or a newer version is already there."""
    operation, result = next(iter(item.items()))
    status = result.get("status")
    return status in (200, 201, 409) or (operation == "delete" and status == 404)


def write(actions):
    """Send actions through the alias; raises the client's error when Elasticsearch
    is unreachable. `require_alias` stops Elasticsearch from auto-creating a plain
    index under the alias's name before the first rebuild."""
    _ok, errors = bulk(client(), actions, raise_on_error=False, refresh=False, require_alias=True)
    failed = [item for item in errors if not _outcome_is_final(item)]
    if failed:
        raise RuntimeError(f"Elasticsearch refused {len(failed)} job writes: {failed[:3]}")


def apply_pending(job_id):
    """Bring the index in line with one posting and clear the outbox rows this covers."""
    pending = list(PendingIndexChange.objects.filter(job_id=job_id).values_list("pk", "version"))
    floor = max((version for _pk, version in pending), default=0)
    posting = JobPosting.objects.select_related("employer").filter(pk=job_id).first()
    write([action_for(job_id, posting, floor, timezone.now())])
    PendingIndexChange.objects.filter(pk__in=[pk for pk, _version in pending]).delete()


def pending_job_ids(older_than, limit=500):
    rows = PendingIndexChange.objects.filter(created_at__lte=older_than).values_list("job_id", flat=True)
    return list(dict.fromkeys(rows[:limit]))


def indexed_ids():
    hits = scan(client(), index=alias_name(), query={"query": {"match_all": {}}}, _source=False)
    return {int(hit["_id"]) for hit in hits}


def reconcile(now=None):
    """Index visible postings the index lacks, delete documents of postings no
    longer visible (expired with time, withdrawn, deleted). Returns (added, removed)."""
    now = now or timezone.now()
    if not client().indices.exists_alias(name=alias_name()):
        rebuild(force=True)  # first run on a new cluster
    in_index = indexed_ids()
    visible = set(JobPosting.objects.visible(now).values_list("pk", flat=True))
    floor = version_of(now)
    actions = [delete_action(job_id, floor) for job_id in in_index - visible]
    missing = JobPosting.objects.filter(pk__in=visible - in_index).select_related("employer")
    actions.extend(index_action(posting, version=floor) for posting in missing.iterator(chunk_size=500))
    if actions:
        write(actions)
    return len(visible - in_index), len(in_index - visible)


def swap_allowed(indexed, expected):
    """A new index may replace the live one when its count is within 10% of the database's."""
    return abs(indexed - expected) <= REBUILD_TOLERANCE * max(expected, 1)


def rebuild(progress=None, force=False, chunk_size=500):
    """Stream every visible posting into a new index and swap the alias onto it.
    Refuses (returns the new index's name without swapping) when its count is
    more than 10% away from the database's, unless `force`."""
    es = client()
    name = new_index_name()
    job_index(name).create(using=es)
    now = timezone.now()
    postings = JobPosting.objects.visible(now).select_related("employer").order_by("pk")
    expected = postings.count()
    actions = (index_action(posting, index=name) for posting in postings.iterator(chunk_size=chunk_size))
    for ok, item in streaming_bulk(es, actions, chunk_size=chunk_size, raise_on_error=False):
        if not ok:
            logger.warning("Could not index a job during the rebuild: %s", item)
        if progress:
            progress(1)
    es.indices.refresh(index=name)
    indexed = es.count(index=name)["count"]
    if not force and not swap_allowed(indexed, expected):
        return {"index": name, "indexed": indexed, "expected": expected, "swapped": False}
    alias = alias_name()
    old = list(es.indices.get_alias(name=alias).keys()) if es.indices.exists_alias(name=alias) else []
    es.indices.update_aliases(actions=[
        *({"remove": {"index": index, "alias": alias}} for index in old),
        {"add": {"index": name, "alias": alias}},
    ])
    for index in old:
        es.indices.delete(index=index)
    return {"index": name, "indexed": indexed, "expected": expected, "swapped": True}


def rebuild_database_entries(progress=None, chunk_size=500):
    """Rebuild the database backend's data (entries and tokens) for every posting."""
    from .models import JobSearchEntry, JobSearchToken
    from .sync import entry_fields, note_change, token_rows

    postings = JobPosting.objects.select_related("employer").order_by("pk")
    count = 0
    with transaction.atomic():
        JobSearchToken.objects.all().delete()
        JobSearchEntry.objects.all().delete()
        for start in range(0, postings.count(), chunk_size):
            batch = list(postings[start:start + chunk_size])
            JobSearchEntry.objects.bulk_create([JobSearchEntry(job=posting, **entry_fields(posting))
                                                for posting in batch])
            JobSearchToken.objects.bulk_create([row for posting in batch for row in token_rows(posting)],
                                               batch_size=2000)
            count += len(batch)
            if progress:
                progress(len(batch))
        note_change()
    return count
