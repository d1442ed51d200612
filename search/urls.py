from django.urls import path

from . import views

app_name = "search"

# Included at the site root: search owns the /jobs/ list page as well as /search/.
urlpatterns = [
    path("jobs/", views.job_list, name="jobs"),
    path("search/", views.site_search, name="site_search"),
    path("search/saved/", views.save_search, name="save_search"),
    path("search/saved/<int:pk>/delete/", views.delete_saved_search, name="delete_saved_search"),
]
