from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.site_search, name="site_search"),
    path("saved/", views.save_search, name="save_search"),
    path("saved/<int:pk>/delete/", views.delete_saved_search, name="delete_saved_search"),
]
