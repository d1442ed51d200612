from django.urls import path

from . import feeds, views

app_name = "jobs"

urlpatterns = [
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/apply/", views.apply, name="apply"),
    path("<int:pk>/favourite/", views.favourite, name="favourite"),
    path("feed/rss/", feeds.NewJobsFeed(), name="feed_rss"),
    path("feed/atom/", feeds.NewJobsAtomFeed(), name="feed_atom"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("applications/<int:pk>/status/", views.application_status, name="application_status"),
    path("cvs/<int:pk>/", views.cv_download, name="cv"),
    path("employer/", views.employer_home, name="employer_home"),
    path("employer/register/", views.employer_register, name="employer_register"),
    path("employer/licence/<int:pk>/", views.employer_licence, name="employer_licence"),
    path("employer/new/", views.employer_edit, name="employer_new"),
    path("employer/<int:pk>/", views.employer_posting, name="employer_posting"),
    path("employer/<int:pk>/edit/", views.employer_edit, name="employer_edit"),
    path("employer/<int:pk>/submit/", views.employer_submit, name="employer_submit"),
    path("employer/<int:pk>/close/", views.employer_close, name="employer_close"),
]
