from django.contrib.sitemaps import Sitemap

from .models import JobPosting


class JobSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return JobPosting.objects.visible().order_by("-published_at", "-pk").only("pk", "updated_at")

    def lastmod(self, job):
        return job.updated_at
