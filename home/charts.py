"""Server-rendered SVG bar charts (includes/svg_bar_chart.html): survey results,
evaluation scorecards, a volunteer's hours."""

from django.utils.translation import gettext as _

# Geometry of the SVG bar chart (viewBox units; it scales to its box).
CHART_WIDTH = 360
CHART_ROW = 46
CHART_BAR = 18
CHART_LABEL_CHARS = 16


def bar_chart(
    *,
    identifier: str,
    title: str,
    bars: list[dict],
    label_heading: str = "",
    count_heading: str = "",
) -> dict:
    """Geometry for includes/svg_bar_chart.html. ``bars`` hold ``label``, ``count``
    and ``percent`` (0–100); each bar's length is its percentage of the track.
    ``identifier`` makes the chart's element ids unique on the page."""
    rows = []
    for position, bar in enumerate(bars):
        top = position * CHART_ROW
        label = str(bar["label"])
        if len(label) > CHART_LABEL_CHARS:
            short = label[: CHART_LABEL_CHARS - 1] + "…"
        else:
            short = label
        rows.append(
            {
                **bar,
                "short_label": short,
                "label_y": top + 14,
                "bar_y": top + 20,
                "width": round(CHART_WIDTH * bar["percent"] / 100, 1),
            }
        )
    description = "; ".join(
        _("%(label)s: %(count)s (%(percent)s%%)")
        % {
            "label": bar["label"],
            "count": bar["count"],
            "percent": format(bar["percent"], "g"),
        }
        for bar in bars
    )
    return {
        "id": identifier,
        "title": title,
        "label_heading": label_heading or _("Option"),
        "count_heading": count_heading or _("Answers"),
        "description": description,
        "rows": rows,
        "width": CHART_WIDTH,
        "bar_height": CHART_BAR,
        "height": max(len(rows), 1) * CHART_ROW,
    }
