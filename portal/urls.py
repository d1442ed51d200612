from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from jobs.sitemaps import JobSitemap
from portal import edge, health
from portal.accounts import token_views, wechat
from portal.accounts import views as account_views
from portal.api import api

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("healthz/live", health.live, name="healthz_live"),
    path("cms/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PageSitemap, "jobs": JobSitemap}}, name="sitemap"),
    path("api/v1/", api.urls),
    re_path(r"^api/", edge.api_not_found),
]

# Chinese at the root, English under /en/.
urlpatterns += i18n_patterns(
    # allauth's pages; the WeChat (socialaccount) ones answer only while WeChat login is on.
    path("accounts/", include(wechat.urlpatterns())),
    path("me/", account_views.dashboard, name="dashboard"),
    path("me/profile/", account_views.edit_profile, name="edit_profile"),
    path("me/account/", account_views.account_settings, name="account_settings"),
    path("me/account/tokens/<int:token_id>/revoke/", token_views.revoke, name="revoke_token"),
    path("me/notifications/", include("portal.notifications.urls")),
    path("me/applications/", include("jobs.me_urls")),
    path("me/placements/", include("jobs.placement_urls")),
    path("me/resume/", include("resumes.urls")),
    path("me/privacy/", include("portal.privacy.urls")),
    path("privacy/", account_views.privacy_notice, name="privacy_notice"),
    # App views come before Wagtail's catch-all; /courses/ itself is a Wagtail page.
    path("courses/", include("courses.urls")),
    path("consultants/", include("consultants.urls")),
    # Search's /jobs/ list page and /search/ come before the jobs app's /jobs/<id>/ and the rest.
    path("", include("search.urls")),
    path("jobs/", include("jobs.urls")),
    path("employers/", include("jobs.employer_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
