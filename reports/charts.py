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
              value_font_size=12, tooltip_font_size=12, no_data_font_size=18)
OPTIONS = dict(style=STYLE, width=800, height=360, disable_xml_declaration=True, js=[], legend_at_bottom=True,
               print_values=False, show_y_guides=True, margin=16, truncate_label=-1, truncate_legend=-1)


def _options():
    # pygal's own "No data", in English and 64 px, on an empty chart: ours, in her language, and quieter.
    return dict(OPTIONS, no_data_text=_("Nothing in this range."))


def _whole_numbers(series):
    """Y labels for counts: whole numbers, about five of them, never 0.5 of a person."""
    top = max([value for _name, values in series for value in values] or [0])
    step = max(1, -(-top // 5))
    return list(range(0, top + step + 1, step))


def _svg(chart):
    return mark_safe(chart.render(is_unicode=True))  # noqa: S308 — pygal escapes the labels it draws


def monthly_line(rows):
    series = [(_("Registrations"), [row["registrations.registrations"] for row in rows]),
              (pgettext("statistics", "Placements"), [row["placements.placements"] for row in rows])]
    chart = pygal.Line(title=_("Registrations and placements per month"), y_labels=_whole_numbers(series),
                       x_label_rotation=-30 if len(rows) > 12 else 0, **_options())
    # "25-12": a year-month short enough for twelve of them side by side.
    chart.x_labels = [f"{row['key']:%y-%m}" for row in rows]
    for name, values in series:
        chart.add(name, values)
    return _svg(chart)


def bars(title, labels, series):
    """A bar chart: `series` is [(name, [value per label])]."""
    chart = pygal.Bar(title=title, y_labels=_whole_numbers(series), **_options())
    chart.x_labels = [str(label) for label in labels]  # pygal serialises them: no lazy strings
    for name, values in series:
        chart.add(str(name), values)
    return _svg(chart)
