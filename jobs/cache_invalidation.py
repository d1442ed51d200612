"""Which cached pages a change of postings makes stale (portal/page_cache.py).

A posting's own page is `job:<id>`; every list of postings (/jobs/, the home page,
site search, employer pages, the open-jobs counter) is `jobs`. Submitting,
approving, rejecting, editing, closing and deleting a posting all save the row.
An employer's name and verification show on her postings and lists (`employers`);
a placement changes the home page's counter (`placements`). Expiry needs no save:
the pages bound their lifetime by the next expiry (services.next_visibility_change)."""

from django.db.models.signals import post_delete, post_save

from portal import page_cache


def _posting_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        page_cache.invalidate(f"job:{instance.pk}", "jobs")


def _employer_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        page_cache.invalidate("employers", "jobs")


def _placement_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        page_cache.invalidate("placements")


def connect():
    from .models import Employer, JobPosting, Placement

    for signal in (post_save, post_delete):
        signal.connect(_posting_changed, sender=JobPosting, dispatch_uid=f"page_cache.posting.{id(signal)}")
        signal.connect(_employer_changed, sender=Employer, dispatch_uid=f"page_cache.employer.{id(signal)}")
        signal.connect(_placement_changed, sender=Placement, dispatch_uid=f"page_cache.placement.{id(signal)}")
