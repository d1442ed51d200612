"""The federation's statistics in the Wagtail admin (reports/figures.py computes them):
the page for a date range, each table as CSV, and the printable monthly report.

Editors and moderators only (reports.view_statistics): anyone else gets 403. A range
that is reversed, longer than five years or outside 2000–2100 is a 400 that says so; a
report month that does not exist is a 404."""

import csv
import io
from datetime import date

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET

from consultants.services import specialty_label
from portal.errors import Forbidden, ServiceError

from . import charts, figures

TABLES = {"month": _("Per month"), "district": _("Per district"), "school": _("Per school")}


def _require_role(request):
    # A ServiceError, not PermissionDenied, which Wagtail turns into a redirect: a plain 403.
    if not request.user.has_perm("reports.view_statistics"):
        raise Forbidden("forbidden", _("Only editors and moderators can see the statistics."))


def _date(value, name):
    try:
        day = date.fromisoformat(value)
    except ValueError:
        message = _("The %(name)s date is not a date (YYYY-MM-DD).") % {"name": name}
        raise ServiceError("invalid_date", message) from None
    if not 2000 <= day.year <= 2100:
        raise ServiceError("invalid_date", _("Dates must lie between 2000 and 2100."))
    return day


def period_from(request):
    default = figures.last_twelve_months()
    first = _date(request.GET["from"], _("start")) if request.GET.get("from") else default.first
    last = _date(request.GET["to"], _("end")) if request.GET.get("to") else default.last
    if last < first:
        raise ServiceError("reversed_range", _("The end of the range is before its start."))
    if (last - first).days > figures.MAX_RANGE_DAYS:
        raise ServiceError("range_too_long", _("The range may be at most five years long."))
    return figures.Range(first, last)


def _header(by):
    label = {"month": _("Month"), "district": _("District"), "school": _("School")}[by]
    columns = []
    for name, named in figures.COLUMNS.items():
        columns += [(f"{name}.{column}", title) for column, title in named]
        if name == "applications":
            columns.append(("applications.share_in_time", _("Share answered within 14 days (%)")))
        if name == "placements":
            columns.append(("placements.retention", _("Six-month retention (%)")))
    return label, columns


def _key_label(key, by):
    if by == "month":
        return f"{key:%Y-%m}"
    return key or _("Not given")


def _tables(period):
    tables = []
    for by, title in TABLES.items():
        rows = figures.table(period, by)
        label, columns = _header(by)
        summed = figures.totals(rows)
        tables.append({"by": by, "title": title, "label": label, "columns": columns,
                       "rows": [{"key": _key_label(row["key"], by), "values": [row[name] for name, _l in columns]}
                                for row in rows],
                       "totals": [summed[name] for name, _l in columns], "raw": rows})
    return tables


def _charts(period, tables):
    by_month, by_district = tables[0]["raw"], tables[1]["raw"]
    specialties = figures.consultations_by_specialty(period)
    return [
        charts.monthly_line(by_month),
        charts.bars(_("Consultations by specialty and outcome"), [specialty_label(key) for key in specialties],
                    [(_("Attended"), [row["attended"] for row in specialties.values()]),
                     (_("No-show"), [row["no_show"] for row in specialties.values()]),
                     (_("Cancelled"), [row["cancelled"] for row in specialties.values()])]),
        charts.bars(_("Per district"), [_key_label(row["key"], "district") for row in by_district],
                    [(_("Registrations"), [row["registrations.registrations"] for row in by_district]),
                     (pgettext("statistics", "Placements"), [row["placements.placements"] for row in by_district])]),
    ]


def _csv(table, period):
    out = io.StringIO()
    out.write("\ufeff")  # Excel reads UTF-8 (and the Chinese in it) only after a BOM
    writer = csv.writer(out)
    writer.writerow([table["label"], *[label for _name, label in table["columns"]]])
    for row in table["rows"]:
        writer.writerow([row["key"], *["" if value is None else value for value in row["values"]]])
    writer.writerow([_("Total"), *["" if value is None else value for value in table["totals"]]])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"statistics-{table['by']}-{period.first:%Y%m%d}-{period.last:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def statistics(request):
    _require_role(request)
    period = period_from(request)
    tables = _tables(period)
    if request.GET.get("format") == "csv":
        chosen = [table for table in tables if table["by"] == request.GET.get("table")]
        if not chosen:
            raise ServiceError("unknown_table", _("Choose a table: month, district or school."))
        return _csv(chosen[0], period)
    return TemplateResponse(request, "reports/statistics.html", {
        "period": period, "tables": tables, "charts": _charts(period, tables),
        "query": f"from={period.first:%Y-%m-%d}&to={period.last:%Y-%m-%d}",
    })


@require_GET
def monthly_report(request, year, month):
    _require_role(request)
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Http404
    period = figures.month_range(year, month)
    tables = _tables(period)
    return TemplateResponse(request, "reports/monthly_report.html", {
        "period": period, "tables": tables[1:], "month": tables[0], "charts": _charts(period, tables)[1:],
    })
