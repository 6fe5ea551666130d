"""Small helpers to write SVG by hand: escaped text, and the accessible frame of every chart."""

from __future__ import annotations

from markupsafe import Markup, escape

FONT = "font-family=\"'Segoe UI', 'Noto Sans', 'DejaVu Sans', Arial, sans-serif\""
INK, MUTED, GRID = "#1f2933", "#52606d", "#d9dee3"


def text(
    x: float,
    y: float,
    content: str,
    *,
    size: int = 11,
    anchor: str = "start",
    weight: str = "normal",
    fill: str = INK,
    ident: str = "",
    halo: bool = False,
) -> str:
    """`ident` names the label so that a bar can point at it; `halo` draws a white outline
    under the letters, so a label stays legible on any fill."""
    extra = f' id="{escape(ident)}"' if ident else ""
    if halo:
        extra += ' stroke="#ffffff" stroke-width="3" paint-order="stroke"'
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}"{extra}>{escape(content)}</text>'
    )


def rect(
    x: float,
    y: float,
    width: float,
    height: float,
    fill: str,
    *,
    tip: str = "",
    stroke: str = "none",
    stroke_width: float = 0,
    rx: float = 2,
    label: str = "",
    dashed: bool = False,
    opacity: float = 1,
) -> str:
    """A bar; `label` is the id of the element that names its value (in the chart, or a table
    cell beside it): the browser test checks that every bar has a visible one."""
    title = f"<title>{escape(tip)}</title>" if tip else ""
    extra = f' data-label="{escape(label)}"' if label else ""
    if dashed:
        extra += ' stroke-dasharray="4 3"'
    if opacity != 1:
        extra += f' fill-opacity="{opacity}"'
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" height="{height:.1f}" '
        f'rx="{rx}" fill="{fill}" stroke="{stroke}" stroke-width="{stroke_width}"{extra}>'
        f"{title}</rect>"
    )


def diamond(x: float, y: float, size: float, fill: str, tip: str = "") -> str:
    """A milestone marker centred on (x, y)."""
    title = f"<title>{escape(tip)}</title>" if tip else ""
    half = size / 2
    corners = ((x, y - half), (x + half, y), (x, y + half), (x - half, y))
    points = " ".join(f"{px:.1f},{py:.1f}" for px, py in corners)
    return (
        f'<polygon points="{points}" fill="{fill}" stroke="#ffffff" stroke-width="1">'
        f"{title}</polygon>"
    )


def line(
    x1: float, y1: float, x2: float, y2: float, *, stroke: str = GRID, width: float = 1
) -> str:
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="{stroke}" stroke-width="{width}"/>'
    )


def clip(content: str, limit: int) -> str:
    """Long programme names end in an ellipsis; the full name is in the bar's tooltip."""
    return content if len(content) <= limit else content[: limit - 1].rstrip() + "…"


def frame(
    chart_id: str, width: float, height: float, title: str, desc: str, body: list[str]
) -> Markup:
    """An inline SVG that screen readers announce by its title and description."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{chart_id}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" {FONT}>'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")
