"""What a moderator decides on, and what changed since the last decision.

A posting's content (REVIEWED_FIELDS) is what an approval publishes. Each save
through the site or the admin keeps a Wagtail revision; each approval or
rejection records the revision it was made on (`JobPosting.decided_revision`,
and the posting's log entry `wagtail.moderation.approve` / `.reject`, which
also keeps the moderator and the reason). The review page shows, per field,
the difference between that decided version and the one waiting now.
"""

import difflib
import hashlib
import json
import re

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from portal import dates

from .choices import FamilyFriendly
from .models import JobPosting

# What the employer writes and a moderator approves; a change to any of them on a live
# posting sends it back to review (services.status_after_edit).
REVIEWED_FIELDS = [
    "title", "city", "district", "industry", "job_type", "salary_min", "salary_max", "education", "experience",
    "description", "requirements", "benefits", "family_friendly", "how_to_apply", "expires_at",
]
# Shown as an inline difference of their words; the others as "before → now".
TEXT_FIELDS = {"title", "description", "requirements", "benefits", "how_to_apply"}

APPROVE, REJECT = "wagtail.moderation.approve", "wagtail.moderation.reject"


def _plain(name, value):
    """A field's value as JSON would keep it, so a revision's content and a row compare equal.
    The expiry counts by its day: the form keeps a posting open until the end of a day, and
    a revision's JSON keeps milliseconds only."""
    if name == "expires_at" and value is not None:
        return timezone.localtime(value).date().isoformat()
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def content(posting):
    return {name: _plain(name, getattr(posting, name)) for name in REVIEWED_FIELDS}


def content_changed(posting, stored):
    """Whether `posting` differs from `stored` (another version of it) in what is reviewed."""
    return stored is None or content(posting) != content(stored)


def fingerprint(posting):
    """A short digest of the reviewed content: the review form sends back the one it showed,
    so a decision is never made on a version the moderator did not see."""
    data = json.dumps(content(posting), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def revision_for_decision(posting, moderator):
    """The revision holding exactly the content being decided on: the latest one when it
    matches the row (it does for every save through the site or the admin), else a new one."""
    latest = posting.latest_revision
    if latest is not None and not content_changed(posting, latest.as_object()):
        return latest
    # Written without touching the row's updated_at or sending a second post_save.
    return posting.save_revision(user=moderator, clean=False)


def record_decision(posting, moderator, action, comment=""):
    """Record which revision an approval or rejection was made on. The caller saves the posting."""
    from wagtail.log_actions import log

    revision = revision_for_decision(posting, moderator)
    posting.decided_revision = revision
    log(instance=posting, action=action, user=moderator, revision=revision, data={"comment": comment})
    return revision


# ---------------------------------------------------------------- the difference


TOKEN = re.compile(r"[A-Za-z0-9_]+|\s+|.", re.DOTALL)


def _tokens(text):
    """Words of Latin script and numbers whole, every other character (Chinese) on its own."""
    return TOKEN.findall(text or "")


def _segments(before, after):
    """(old text, new text) runs: equal where both are the same string. A run of spaces
    between two changes joins them, so "men preferred" → "all welcome" is one change."""
    old, new = _tokens(before), _tokens(after)
    runs = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        runs.append((op == "equal", "".join(old[a1:a2]), "".join(new[b1:b2])))
    merged = []
    for index, (equal, removed, added) in enumerate(runs):
        between_changes = (equal and not removed.strip() and 0 < index < len(runs) - 1
                           and not runs[index - 1][0] and not runs[index + 1][0])
        if (between_changes or not equal) and merged and not merged[-1][0]:
            merged[-1] = (False, merged[-1][1] + removed, merged[-1][2] + added)
        else:
            merged.append((equal and not between_changes, removed, added))
    return merged


def inline_diff(before, after):
    """HTML of `after` with what was removed in <del> and what was added in <ins>, each
    with a text label (not colour only) that screen readers read too."""
    removed_label, added_label = _("removed:"), _("added:")
    parts = []
    for equal, removed, added in _segments(before or "", after or ""):
        if equal:
            parts.append(escape(added))
            continue
        if removed:
            parts.append(format_html('<del class="diff-del"><span class="diff-label">[{}]</span>{}</del>',
                                     removed_label, removed))
        if added:
            parts.append(format_html('<ins class="diff-ins"><span class="diff-label">[{}]</span>{}</ins>',
                                     added_label, added))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


def display(posting, name):
    """A field's value as the moderator reads it."""
    value = getattr(posting, name)
    if name == "family_friendly":
        labels = dict(FamilyFriendly.choices)
        return "、".join(str(labels.get(key, key)) for key in value or []) or "—"
    if name == "expires_at":
        return dates.day(value) if value else "—"
    getter = getattr(posting, f"get_{name}_display", None)
    if getter is not None:
        return str(getter()) or "—"
    return "—" if value in (None, "") else str(value)


def changes(before, after):
    """Per reviewed field: label, whether it changed, and the difference (HTML) or both values."""
    rows = []
    for name in REVIEWED_FIELDS:
        label = JobPosting._meta.get_field(name).verbose_name
        changed = _plain(name, getattr(before, name)) != _plain(name, getattr(after, name))
        row = {"name": name, "label": label, "changed": changed, "text": name in TEXT_FIELDS,
               "before": display(before, name), "after": display(after, name)}
        if changed and name in TEXT_FIELDS:
            row["diff"] = inline_diff(getattr(before, name), getattr(after, name))
        rows.append(row)
    return rows


def last_decision(posting):
    """The log entry of the decision on `decided_revision` (action, user, timestamp, comment), or None."""
    if posting.decided_revision_id is None:
        return None
    return (
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(JobPosting), object_id=str(posting.pk),
            action__in=[APPROVE, REJECT], revision_id=posting.decided_revision_id,
        ).select_related("user").order_by("-timestamp").first()
    )


def decisions(posting, limit=10):
    """This posting's approvals and rejections, newest first."""
    return list(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(JobPosting), object_id=str(posting.pk),
            action__in=[APPROVE, REJECT],
        ).select_related("user").order_by("-timestamp")[:limit]
    )


def employer_history(employer):
    """How many of the employer's postings were approved and how many rejected, ever.

    Only an approval publishes, and published_at is never cleared: a posting with one was
    approved at least once. A rejection is in the log (or, for postings rejected before the
    log was kept, in the status)."""
    postings = JobPosting.objects.filter(employer=employer)
    rejected_in_log = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(JobPosting), action=REJECT,
    ).values("object_id")
    rejected = postings.annotate(key=Cast("pk", CharField())).filter(
        Q(status=JobPosting.Status.REJECTED) | Q(key__in=rejected_in_log)
    )
    return {
        "total": postings.count(),
        "approved": postings.filter(published_at__isnull=False).count(),
        "rejected": rejected.count(),
        "live": postings.visible().count(),
    }
