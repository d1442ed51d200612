from django.urls import path, register_converter

from . import views


class FourDigits:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:04d}"


class TwoDigits(FourDigits):
    regex = "[0-9]{2}"

    def to_url(self, value):
        return f"{value:02d}"


register_converter(FourDigits, "yyyy")
register_converter(TwoDigits, "mm")

urlpatterns = [
    path("reports/statistics/", views.statistics, name="reports_statistics"),
    path("reports/statistics/report/<yyyy:year>-<mm:month>/", views.monthly_report, name="reports_monthly"),
]
