from django.urls import path

from . import views

app_name = "courses"

# /courses/ itself and the course pages are Wagtail pages; these are the actions around them.
urlpatterns = [
    path("sessions/<int:session_id>/enrol/", views.enrol, name="enrol"),
    path("sessions/<int:session_id>/calendar.ics", views.session_calendar, name="session_calendar"),
    path("enrolments/<int:enrolment_id>/cancel/", views.cancel, name="cancel"),
    path("enrolments/<int:enrolment_id>/accept/", views.accept_offer, name="accept_offer"),
]
