from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.privacy_page, name="page"),
    path("consents/", views.change_consent, name="consent"),
    path("export/", views.request_export, name="export"),
    path("export/<int:pk>/", views.download_export, name="export_download"),
    path("delete/", views.delete_account, name="delete"),
]
