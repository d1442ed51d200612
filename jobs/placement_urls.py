"""Her placements under /me/placements/ (portal/urls.py includes them)."""

from django.urls import path

from . import placement_views

app_name = "my_placements"

urlpatterns = [
    path("<int:pk>/", placement_views.my_placement, name="detail"),
    path("<int:pk>/answer/", placement_views.answer, name="answer"),
    path("<int:pk>/retention/", placement_views.retention, name="retention"),
]
