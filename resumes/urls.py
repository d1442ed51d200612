from django.urls import path

from . import views

app_name = "resumes"

# Mounted at /me/resume/: her own résumé only, so no address takes an id.
urlpatterns = [
    path("", views.edit, name="edit"),
    path("preview/", views.preview, name="preview"),
    path("pdf/", views.pdf, name="pdf"),
]
