"""Inline SVG charts with Chinese labels: bars, stacked columns, a bubble timeline, a network.

Pure functions from plain Python data to an ``<svg>`` string; every label is escaped. Layout is
computed here (no script), so a chart is identical on every run and readable with scripts off.
Fonts come from the page's CSS (``svg text`` uses the CJK font stack); text widths are
estimated (a CJK character is one em wide, other characters about 0.6 em).
"""

from __future__ import annotations

import math
import unicodedata
from typing import Mapping, Sequence

from .page import esc

#: colours of series and groups (Okabe-Ito, then greys)
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#f0e442", "#000000", "#999999")
TYPE_COLOURS = {
    "number": "#e69f00",
    "program": "#0072b2",
    "organization": "#009e73",
    "slogan": "#cc79a7",
    "document": "#8a63d2",
}


def text_width(text: str, size: float) -> float:
    """Estimated width in pixels of ``text`` at font size ``size``.

    >>> text_width("县妇联", 10), text_width("2024", 10)
    (30.0, 24.0)
    """
    w = 0.0
    for ch in text:
        w += 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.6
    return round(w * size, 1)


def clip(text: str, size: float, width: float) -> str:
    """``text`` cut with … to fit ``width`` pixels.

    >>> clip("全国妇女联合会", 10, 45)
    '全国妇…'
    """
    if text_width(text, size) <= width:
        return text
    out = ""
    for ch in text:
        if text_width(out + ch + "…", size) > width:
            break
        out += ch
    return out + "…"


def _sig(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"


def fmt_number(v: float | int | None) -> str:
    """A count or sum the way a Chinese reader scans it: 万 and 亿 for large values.

    >>> fmt_number(1234), fmt_number(56000), fmt_number(320000000), fmt_number(2.5), fmt_number(None)
    ('1,234', '5.6万', '3.2亿', '2.5', '—')
    >>> fmt_number(7.82e15), fmt_number(12_990_000)
    ('78,200,000亿', '1,299万')
    """
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "—"
    a = abs(v)
    if a >= 1e8:
        return _sig(v / 1e8) + "亿"
    if a >= 1e4:
        return _sig(v / 1e4) + "万"
    if float(v).is_integer():
        return f"{int(v):,}"
    return f"{v:.3g}"


def nice_step(vmax: float, ticks: int = 4) -> float:
    """A round axis step (1, 2 or 5 times a power of ten) giving about ``ticks`` steps up to ``vmax``.

    >>> nice_step(5047), nice_step(12), nice_step(3), nice_step(0)
    (2000, 5, 1, 1)
    """
    if vmax <= 0:
        return 1
    raw = vmax / ticks
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * power >= raw:
            step = m * power
            return int(step) if step >= 1 else step
    return 10 * power  # pragma: no cover


def _svg(width: float, height: float, title: str, body: str, cls: str = "chart") -> str:
    return (
        f'<svg class="{cls}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{esc(title)}"><title>{esc(title)}</title>{body}</svg>'
    )


def bar_chart(
    items: Sequence[tuple[str, float]],
    *,
    title: str,
    colours: Mapping[str, str] | str = PALETTE[0],
    width: int = 520,
    bar: int = 20,
    label_width: int | None = None,
) -> str:
    """Horizontal bars, largest first as given, the value at the end of each bar."""
    if not items:
        return _svg(width, 30, title, '<text x="4" y="20" class="empty">—</text>')
    size = 13
    lw = label_width or math.ceil(min(max(text_width(k, size) for k, _ in items) + 12, width * 0.45))
    vmax = max(v for _, v in items) or 1
    value_room = 60
    avail = width - lw - value_room
    parts = []
    for i, (label, v) in enumerate(items):
        y = i * (bar + 6)
        w = max(1.0, avail * v / vmax) if v else 0.0
        colour = colours if isinstance(colours, str) else colours.get(label, PALETTE[i % len(PALETTE)])
        parts.append(
            f'<g><title>{esc(label)}: {esc(fmt_number(v))}</title>'
            f'<text x="{lw - 8}" y="{y + bar * 0.72:.1f}" text-anchor="end" class="lbl">{esc(clip(label, size, lw - 10))}</text>'
            f'<rect x="{lw}" y="{y}" width="{w:.1f}" height="{bar}" rx="2" fill="{esc(colour)}"/>'
            f'<text x="{lw + w + 5:.1f}" y="{y + bar * 0.72:.1f}" class="val">{esc(fmt_number(v))}</text></g>'
        )
    height = len(items) * (bar + 6)
    return _svg(width, height, title, "".join(parts))


def column_chart(
    categories: Sequence[str],
    series: Mapping[str, Sequence[float]],
    *,
    title: str,
    colours: Mapping[str, str] | None = None,
    height: int = 240,
    min_width: int = 360,
) -> str:
    """Stacked columns, one per category (years, genres), series in the given order, a legend on top."""
    n = len(categories)
    if not n:
        return _svg(min_width, 30, title, '<text x="4" y="20" class="empty">—</text>')
    colours = dict(colours or {})
    names = list(series)
    for i, name in enumerate(names):
        colours.setdefault(name, PALETTE[i % len(PALETTE)])
    totals = [sum(series[s][i] for s in names) for i in range(n)]
    step_v = nice_step(max(totals) or 1)
    vmax = step_v * math.ceil((max(totals) or 1) / step_v)
    left, top, bottom = 48, 34, 46
    step = max(18, min(56, 700 / n))
    col = step * 0.7
    width = max(min_width, left + n * step + 20)
    plot_h = height - top - bottom
    parts = []
    for k in range(int(round(vmax / step_v)) + 1):
        y = top + plot_h * (1 - k * step_v / vmax)
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="axis">{esc(fmt_number(k * step_v))}</text>')
    for i, cat in enumerate(categories):
        x = left + i * step + (step - col) / 2
        y = top + plot_h
        tip = [f"{cat}: {fmt_number(totals[i])}"]
        rects = []
        for name in names:
            v = series[name][i]
            if not v:
                continue
            h = plot_h * v / vmax
            y -= h
            rects.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{col:.1f}" height="{h:.1f}" fill="{esc(colours[name])}"/>')
            tip.append(f"{name} {fmt_number(v)}")
        parts.append(f'<g><title>{esc(" · ".join(tip))}</title>{"".join(rects)}</g>')
        label = clip(str(cat), 11, step * 1.9 if n > 12 else step * 1.1)
        lx, ly = x + col / 2, top + plot_h + 14
        if n > 12:
            parts.append(f'<text x="{lx:.1f}" y="{ly:.1f}" transform="rotate(-45 {lx:.1f} {ly:.1f})" text-anchor="end" class="axis">{esc(label)}</text>')
        else:
            parts.append(f'<text x="{lx:.1f}" y="{ly + 2:.1f}" text-anchor="middle" class="axis">{esc(label)}</text>')
    lx = left
    for name in names if len(names) > 1 else ():
        parts.append(f'<rect x="{lx}" y="6" width="12" height="12" rx="2" fill="{esc(colours[name])}"/>')
        parts.append(f'<text x="{lx + 16}" y="16" class="lbl">{esc(name)}</text>')
        lx += 16 + text_width(name, 13) + 18
    return _svg(max(width, lx), height, title, "".join(parts))


def inline_bar(value: float, vmax: float, *, colour: str = PALETTE[0], width: int = 90) -> str:
    """A small bar for a table cell.

    >>> inline_bar(5, 10).count("<rect")
    2
    """
    w = width * value / vmax if vmax else 0
    return (
        f'<svg class="ibar" width="{width}" height="10" viewBox="0 0 {width} 10" aria-hidden="true">'
        f'<rect width="{width}" height="10" rx="2" fill="#eef1f4"/>'
        f'<rect width="{w:.1f}" height="10" rx="2" fill="{esc(colour)}"/></svg>'
    )


def timeline(
    rows: Sequence[str],
    years: Sequence[int],
    cells: Mapping[tuple[str, int], int],
    *,
    title: str,
    colour: str = TYPE_COLOURS["program"],
) -> str:
    """Rows (programs) against years: a bubble where a row is mentioned that year, its area the
    number of documents; the count is written in the bubble."""
    if not rows or not years:
        return _svg(360, 30, title, '<text x="4" y="20" class="empty">—</text>')
    size = 13
    lw = int(min(max(text_width(r, size) for r in rows) + 14, 260))
    step = max(26, min(60, 720 / len(years)))
    row_h = 26
    top = 40
    width = lw + step * len(years) + 20
    height = top + row_h * len(rows) + 10
    vmax = max(cells.values()) if cells else 1
    rmax = min(step, row_h) / 2 - 1
    parts = []
    for j, y in enumerate(years):
        x = lw + step * (j + 0.5)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 6}" y2="{height - 6}" class="grid"/>')
        if len(years) > 12:
            parts.append(f'<text x="{x:.1f}" y="{top - 10}" transform="rotate(-45 {x:.1f} {top - 10})" class="axis">{y}</text>')
        else:
            parts.append(f'<text x="{x:.1f}" y="{top - 12}" text-anchor="middle" class="axis">{y}</text>')
    for i, name in enumerate(rows):
        cy = top + row_h * (i + 0.5)
        if i % 2 == 0:
            parts.append(f'<rect x="0" y="{cy - row_h / 2:.1f}" width="{width}" height="{row_h}" class="band"/>')
        parts.append(f'<text x="{lw - 8}" y="{cy + 4.5:.1f}" text-anchor="end" class="lbl">{esc(clip(name, size, lw - 12))}</text>')
        for j, y in enumerate(years):
            c = cells.get((name, y), 0)
            if not c:
                continue
            r = max(3.0, rmax * math.sqrt(c / vmax))
            cx = lw + step * (j + 0.5)
            parts.append(
                f'<g><title>{esc(name)} · {y}: {c} 篇 documents</title>'
                f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="{esc(colour)}" fill-opacity="0.8"/>'
                + (f'<text x="{cx:.1f}" y="{cy + 3.5:.1f}" text-anchor="middle" class="inbubble">{c}</text>' if r >= 7 else "")
                + "</g>"
            )
    return _svg(width, height, title, "".join(parts))


def circular_layout(n: int, radius: float, cx: float, cy: float) -> list[tuple[float, float]]:
    """``n`` points evenly on a circle, the first at the top, clockwise.

    >>> [(round(x), round(y)) for x, y in circular_layout(4, 10, 0, 0)]
    [(0, -10), (10, 0), (0, 10), (-10, 0)]
    """
    return [(cx + radius * math.sin(2 * math.pi * i / n), cy - radius * math.cos(2 * math.pi * i / n)) for i in range(n)]


def network(
    nodes: Sequence[Mapping[str, object]],
    edges: Sequence[tuple[int, int, int]],
    *,
    title: str,
    size: int = 860,
    group_labels: Mapping[object, str] | None = None,
) -> str:
    """Nodes (dicts with ``label``, ``weight``, ``group``) on a circle in the given order, edges
    ``(i, j, weight)`` as chords whose width and opacity grow with the weight. Labels stand
    outside the circle, reading away from it; node colours tell the groups apart, with a legend."""
    if not nodes:
        return _svg(size, 40, title, '<text x="4" y="24" class="empty">No organizations appear together in a document.</text>', "chart network")
    longest = max(text_width(str(n["label"]), 12) for n in nodes)
    margin = min(max(longest + 30, 80), 170)
    radius = size / 2 - margin
    cx = cy = size / 2
    pos = circular_layout(len(nodes), radius, cx, cy)
    wmax = max((w for _, _, w in edges), default=1)
    nmax = max(float(n["weight"]) for n in nodes) or 1  # type: ignore[arg-type]
    groups: dict[object, str] = {}
    for n in nodes:
        groups.setdefault(n.get("group"), PALETTE[len(groups) % len(PALETTE)])
    parts = ['<g class="edges">']
    for a, b, w in sorted(edges, key=lambda e: e[2]):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        # chords bow toward the centre, which keeps dense bundles legible
        qx, qy = (x1 + x2) / 2 * 0.55 + cx * 0.45, (y1 + y2) / 2 * 0.55 + cy * 0.45
        width = 0.8 + 4.2 * w / wmax
        opacity = 0.2 + 0.6 * w / wmax
        parts.append(
            f'<path d="M{x1:.1f},{y1:.1f} Q{qx:.1f},{qy:.1f} {x2:.1f},{y2:.1f}" class="edge" data-a="{a}" data-b="{b}" '
            f'stroke-width="{width:.2f}" stroke-opacity="{opacity:.2f}"><title>{esc(nodes[a]["label"])} — '
            f'{esc(nodes[b]["label"])}: {w} 篇 documents</title></path>'
        )
    parts.append('</g><g class="nodes">')
    for i, (n, (x, y)) in enumerate(zip(nodes, pos)):
        group = n.get("group")
        r = 4 + 9 * math.sqrt(float(n["weight"]) / nmax)  # type: ignore[arg-type]
        angle = math.atan2(y - cy, x - cx)
        lx, ly = x + (r + 5) * math.cos(angle), y + (r + 5) * math.sin(angle)
        deg = math.degrees(angle)
        flip = abs(deg) > 90
        rot = deg + 180 if flip else deg
        anchor = "end" if flip else "start"
        label = str(n["label"])
        where = (group_labels or {}).get(group, str(group or ""))
        parts.append(
            f'<g class="node" data-i="{i}" tabindex="0"><title>{esc(label)}{(" · " + esc(where)) if where else ""}: '
            f'{esc(n["weight"])} 篇 documents</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{esc(groups[group])}"/>'
            f'<text x="{lx:.1f}" y="{ly + 4:.1f}" text-anchor="{anchor}" transform="rotate({rot:.1f} {lx:.1f} {ly:.1f})" class="lbl small">'
            f"{esc(clip(label, 12, margin - 16))}</text></g>"
        )
    parts.append("</g>")
    height = size
    if len(groups) > 1 or group_labels:
        y = size + 6
        x = 10.0
        for group, colour in groups.items():
            name = clip((group_labels or {}).get(group, str(group or "")), 12, 220)
            w = 18 + text_width(name, 12) + 16
            if x + w > size:
                x, y = 10.0, y + 20
            parts.append(
                f'<circle cx="{x + 6:.1f}" cy="{y + 6}" r="6" fill="{esc(colour)}"/>'
                f'<text x="{x + 16:.1f}" y="{y + 10}" class="lbl small">{esc(name)}</text>'
            )
            x += w
        height = y + 24
    return _svg(size, height, title, "".join(parts), "chart network")


__all__ = [
    "PALETTE",
    "TYPE_COLOURS",
    "text_width",
    "clip",
    "fmt_number",
    "nice_step",
    "bar_chart",
    "column_chart",
    "inline_bar",
    "timeline",
    "circular_layout",
    "network",
]
