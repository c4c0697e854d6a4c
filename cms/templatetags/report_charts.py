"""Charts of a report's frozen figures as inline SVG: no script, printable, read by screen
readers through their title and description, and drawn from the same safe cells as the data
table beside them (a hidden cell draws nothing). One bar per group: its count, or, for a
distribution, its answers stacked as shares."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()

# The drawing's units: on a phone the chart keeps at least 36rem (its box scrolls sideways), so
# a 13px label is drawn at 11.7px or more; in the PDF the labels are 8pt.
WIDTH, LABEL, ROW = 640, 250, 30
LABEL_CHARACTERS = 34  # what fits left of the bars; the table beside holds the whole label
COLOURS = ["#0b5c73", "#4a8fa3", "#8cbfcc", "#d9a441", "#a65e2e", "#6b4f8a", "#3b3f47"]


@register.simple_tag
def bar_chart(figure: dict):
    rows = [line for line in figure["lines"] if line[0] in figure["rows"]]
    if not rows:
        return ""
    stacked = len(figure["columns"]) > 1
    largest = max((v for _l, cells, _m in rows for v in cells[:1] if v is not None), default=0)
    bars, drawn = [], 0
    for n, (label, cells, _mean) in enumerate(rows):
        y = n * ROW
        bars.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="chart__label">{}</text>',
                LABEL - 8,
                y + 19,
                label if len(label) <= LABEL_CHARACTERS else f"{label[: LABEL_CHARACTERS - 1]}…",
            )
        )
        values = cells[: len(figure["columns"])]
        hidden = any(v is None for v in values)
        if hidden or (stacked and not sum(values)):
            note = _("hidden") if hidden else _("none")
            bars.append(
                format_html(
                    '<text x="{}" y="{}" class="chart__hidden">{}</text>', LABEL, y + 19, note
                )
            )
            continue
        drawn += 1
        bars += _stacked(values, y) if stacked else _single(values[0], largest, y)
    if not drawn:
        return ""  # nothing to draw: the table says what there is
    legend = ""
    if stacked:
        legend = format_html_join(
            "",
            '<tspan fill="{}">■</tspan> {}  ',
            ((COLOURS[j % len(COLOURS)], column) for j, column in enumerate(figure["columns"])),
        )
        legend = format_html(
            '<text x="{}" y="{}" class="chart__legend">{}</text>',
            LABEL,
            len(rows) * ROW + 16,
            legend,
        )
    height = len(rows) * ROW + (26 if stacked else 4)
    key = figure["key"]
    return format_html(
        '<svg class="chart" role="img" viewBox="0 0 {w} {h}" width="100%" '
        'aria-labelledby="chart-{k}-title chart-{k}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="chart-{k}-title">{title}</title><desc id="chart-{k}-desc">{desc}</desc>'
        "{bars}{legend}</svg>",
        w=WIDTH,
        h=height,
        k=key,
        title=figure["title"],
        desc=_("A bar per row of the table that follows, which holds the same figures."),
        bars=format_html_join("", "{}", ((bar,) for bar in bars)),
        legend=legend,
    )


def _single(value: int, largest: int, y: int) -> list:
    length = (WIDTH - LABEL - 50) * value / largest if largest else 0
    return [
        format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
            LABEL,
            y + 6,
            length,
            ROW - 12,
            COLOURS[0],
        ),
        format_html(
            '<text x="{}" y="{}" class="chart__value">{}</text>',
            f"{LABEL + length + 6:.1f}",
            y + 19,
            value,
        ),
    ]


def _stacked(values: list[int], y: int) -> list:
    total, x, parts = sum(values), float(LABEL), []
    span = WIDTH - LABEL - 10
    for j, value in enumerate(values):
        length = span * value / total
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>',
                f"{x:.1f}",
                y + 6,
                f"{length:.1f}",
                ROW - 12,
                COLOURS[j % len(COLOURS)],
                f"{value} ({100 * value / total:.0f} %)",
            )
        )
        x += length
    return parts
