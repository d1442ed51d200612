"""The statistics' charts, drawn on the server as SVG by pygal and embedded inline: no
JavaScript. Labels are in the reader's language, in a font with Chinese glyphs."""

import pygal
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from pygal.style import Style

FONT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif'
STYLE = Style(font_family=FONT, background="white", plot_background="white", foreground="#1f1a1d",
              foreground_strong="#1f1a1d", foreground_subtle="#e6dade", colors=("#8a1c4a", "#0f6b5c", "#8a5300",
                                                                               "#1a5fb4", "#574d53"),
              title_font_size=18, label_font_size=13, major_label_font_size=13, legend_font_size=14,
              value_font_size=12, tooltip_font_size=12)
OPTIONS = dict(style=STYLE, width=800, height=360, disable_xml_declaration=True, js=[], legend_at_bottom=True,
               print_values=False, show_y_guides=True, margin=16)


def _svg(chart):
    return mark_safe(chart.render(is_unicode=True))  # noqa: S308 — pygal escapes the labels it draws


def monthly_line(rows):
    chart = pygal.Line(title=_("Registrations and placements per month"), x_label_rotation=0, **OPTIONS)
    chart.x_labels = [f"{row['key']:%Y-%m}" for row in rows]
    chart.add(_("Registrations"), [row["registrations.registrations"] for row in rows])
    chart.add(pgettext("statistics", "Placements"), [row["placements.placements"] for row in rows])
    return _svg(chart)


def bars(title, labels, series):
    """A bar chart: `series` is [(name, [value per label])]."""
    chart = pygal.Bar(title=title, **OPTIONS)
    chart.x_labels = [str(label) for label in labels]  # pygal serialises them: no lazy strings
    for name, values in series:
        chart.add(str(name), values)
    return _svg(chart)
