from django.urls import path

from . import application_views, feeds, views

app_name = "jobs"

urlpatterns = [
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/apply/", views.apply, name="apply"),
    path("<int:pk>/favourite/", views.favourite, name="favourite"),
    path("feed/rss/", feeds.NewJobsFeed(), name="feed_rss"),
    path("feed/atom/", feeds.NewJobsAtomFeed(), name="feed_atom"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("cvs/<int:pk>/", views.cv_download, name="cv"),
    path("employer/", views.employer_home, name="employer_home"),
    path("employer/register/", views.employer_register, name="employer_register"),
    path("employer/licence/<int:pk>/", views.employer_licence, name="employer_licence"),
    path("employer/new/", views.employer_edit, name="employer_new"),
    path("employer/<int:pk>/", views.employer_posting, name="employer_posting"),
    path("employer/<int:pk>/edit/", views.employer_edit, name="employer_edit"),
    path("employer/<int:pk>/submit/", views.employer_submit, name="employer_submit"),
    path("employer/<int:pk>/close/", views.employer_close, name="employer_close"),
    # One applicant, for the employer: her résumé, CV and (once she accepted an interview) contact.
    path("employer/applications/<int:pk>/", application_views.applicant, name="applicant"),
    path("employer/applications/<int:pk>/cv/", application_views.applicant_cv, name="applicant_cv"),
    path("employer/applications/<int:pk>/invite/", application_views.invite, name="applicant_invite"),
    path("employer/applications/<int:pk>/decide/", application_views.decide, name="applicant_decide"),
    path("employer/applications/<int:pk>/interview.ics", application_views.applicant_ics, name="applicant_ics"),
]
