from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from . import services


class NewJobsFeed(Feed):
    title = _("Jinguo Careers: new jobs")
    description = _("Newly approved job postings for female graduates.")
    link = reverse_lazy("search:jobs")

    def items(self):
        return services.visible_jobs().order_by("-published_at")[:50]

    def item_title(self, job):
        return f"{job.title} · {job.employer.name}"

    def item_description(self, job):
        return job.description[:300]

    def item_pubdate(self, job):
        return job.published_at

    def item_updateddate(self, job):
        return job.updated_at


class NewJobsAtomFeed(NewJobsFeed):
    feed_type = Atom1Feed
    subtitle = NewJobsFeed.description
