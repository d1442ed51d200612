from django.urls import path

from . import views

app_name = "consultants"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/book/", views.book, name="book"),
    path("<int:pk>/queue/", views.queue_join, name="queue_join"),
    path("<int:pk>/queue/leave/", views.queue_leave, name="queue_leave"),
    path("queue-offers/<int:pk>/", views.queue_offer, name="queue_offer"),
    path("queue-offers/<int:pk>/decline/", views.queue_offer_decline, name="queue_offer_decline"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("bookings/<int:pk>/reschedule/", views.booking_reschedule, name="booking_reschedule"),
    path("bookings/<int:pk>/outcome/", views.booking_outcome, name="booking_outcome"),
    path("bookings/<int:pk>/note/", views.booking_note, name="booking_note"),
    path("bookings/<int:pk>/phone/", views.booking_phone, name="booking_phone"),
    path("bookings/<int:pk>/link/", views.booking_link, name="booking_link"),
    path("bookings/<int:pk>/decision/", views.booking_decision, name="booking_decision"),
    path("bookings/<int:pk>/feedback/", views.booking_feedback, name="feedback"),
    path("restriction/", views.restriction, name="restriction"),
    path("me/", views.me, name="me"),
    path("me/settings/", views.me_settings, name="me_settings"),
    path("me/availability/", views.me_availability, name="me_availability"),
    path("me/availability/rules/<int:rule_id>/delete/", views.me_delete_rule, name="me_delete_rule"),
    path("me/availability/overrides/<int:override_id>/delete/", views.me_delete_override,
         name="me_delete_override"),
    path("me/calendar/", views.me_calendar, name="me_calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
