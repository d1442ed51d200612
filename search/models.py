from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobSearchEntry(models.Model):
    """The database backend's narrow copy of a posting's filter and sort fields,
    written in the transaction that saves the posting: facet counts read these
    short rows instead of the wide posting rows. Visibility is not copied: a
    search always joins JobPosting.objects.visible()."""

    job = models.OneToOneField("jobs.JobPosting", primary_key=True, on_delete=models.CASCADE,
                               related_name="search_entry")
    district = models.CharField(max_length=20, blank=True)
    industry = models.CharField(max_length=20)
    job_type = models.CharField(max_length=20)
    education = models.CharField(max_length=20)
    salary_min = models.PositiveIntegerField()
    salary_max = models.PositiveIntegerField()
    published_at = models.DateTimeField(null=True)
    # Family-friendly tags as " maternity flexible ": a LIKE filter on both SQLite and PostgreSQL.
    family_friendly = models.CharField(max_length=200, blank=True)
    # The employer name the tokens were built from; a rename refreshes the rows that differ.
    employer_name = models.CharField(max_length=120, blank=True)
    # The title's tokens as " 会 会计 ... ": relevance ranks title matches first.
    title_tokens = models.TextField(blank=True)

    class Meta:
        verbose_name = _("job search entry")
        verbose_name_plural = _("job search entries")
        # The in-memory index (search/memory_index.py) reads every listed entry in this order when it
        # is rebuilt; sorting and counting no longer happen in SQL, so no other index is needed.
        indexes = [models.Index(fields=["published_at", "job"], name="search_entry_newest")]

    def __str__(self):
        return f"search entry of job {self.job_id}"


TOKEN_MAX_LENGTH = 64


class JobSearchToken(models.Model):
    """Inverted index of the database backend: one row per index token
    (search/tokens.py) of a posting's title, employer, description,
    requirements and benefits. A query token is an indexed equality lookup."""

    job = models.ForeignKey("jobs.JobPosting", on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=TOKEN_MAX_LENGTH)

    class Meta:
        verbose_name = _("job search token")
        verbose_name_plural = _("job search tokens")
        constraints = [models.UniqueConstraint(fields=["token", "job"], name="search_token_per_job")]

    def __str__(self):
        return self.token


class SearchChange(models.Model):
    """A change to the database backend's entries: one row per posting saved or
    deleted (or a rebuild), written in that transaction. Each process's
    in-memory index (search/memory_index.py) reloads when the count of these
    rows or the newest row's token differs from what it loaded: inserts never
    wait on each other (one counter row would make concurrent saves queue and
    could deadlock), a late commit still changes the count, and the random
    token tells apart two rolled-back histories that reused the same ids."""

    token = models.CharField(max_length=32)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("search change")
        verbose_name_plural = _("search changes")

    def __str__(self):
        return f"change {self.pk} @ {self.created_at:%Y-%m-%d %H:%M:%S}"


class PendingIndexChange(models.Model):
    """Outbox: a posting changed and Elasticsearch has not been told yet.
    Written in the posting's transaction; deleted once the index agrees."""

    job_id = models.BigIntegerField(db_index=True)
    # External version for a deletion of a row that no longer exists.
    version = models.BigIntegerField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("pending index change")
        verbose_name_plural = _("pending index changes")
        ordering = ["pk"]

    def __str__(self):
        return f"job {self.job_id} @ {self.created_at:%Y-%m-%d %H:%M:%S}"


class SavedSearch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    query = models.CharField(_("keywords"), max_length=200, blank=True)
    # The other query-string parameters of /jobs/, as lists: {"city": ["永川"], "salary_min": ["5000"]}.
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_alerted_at = models.DateTimeField(_("last alerted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.query or str(_("All jobs"))


class AlertedJob(models.Model):
    """A job already sent for a saved search: it is never sent again."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="alerted")
    job = models.ForeignKey("jobs.JobPosting", on_delete=models.CASCADE, related_name="+")
    alerted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("alerted job")
        verbose_name_plural = _("alerted jobs")
        constraints = [models.UniqueConstraint(fields=["saved_search", "job"], name="alert_job_once")]

    def __str__(self):
        return f"{self.saved_search_id} → {self.job_id}"
