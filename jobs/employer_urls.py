"""Public employer pages at /employers/<id>/ (portal/urls.py includes them)."""

from django.urls import path

from . import views

app_name = "employers"

urlpatterns = [
    path("<int:pk>/", views.employer_page, name="detail"),
]
