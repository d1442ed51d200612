"""Her applications under /me/applications/ (portal/urls.py includes them)."""

from django.urls import path

from . import application_views

app_name = "my_applications"

urlpatterns = [
    path("<int:pk>/", application_views.my_application, name="detail"),
    path("<int:pk>/answer/", application_views.answer, name="answer"),
    path("<int:pk>/interview.ics", application_views.my_ics, name="ics"),
]
