"""Stylised craft pictures drawn with Pillow for the demo catalog: no downloads, deterministic.

Each picture is drawn at twice its size and reduced, which is the cheapest anti-aliasing Pillow
offers for polygons and ellipses. A seed string (the product's natural key) picks the variations,
so the same product gets the same picture on every machine with the same Pillow.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable, Sequence

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

RGB = tuple[int, int, int]
Box = tuple[float, float, float, float]
Painter = Callable[[ImageDraw.ImageDraw, Box, list[RGB], random.Random], None]

SUPERSAMPLE = 2
JPEG_QUALITY = 84

# Shapes seen from above lie on a plain ground; the others stand on a table edge.
TOP_VIEW = {"plate", "rug", "tray", "tile", "zellige", "lace", "cloth", "damascene", "knife"}
DEFAULT_PALETTE: list[RGB] = [(236, 228, 212), (32, 72, 150), (214, 160, 40), (150, 60, 40)]


def shade(colour: RGB, factor: float) -> RGB:
    """Darker below 1, lighter above 1 (mixed towards white)."""
    if factor <= 1:
        return tuple(max(0, int(c * factor)) for c in colour)  # type: ignore[return-value]
    mix = min(factor - 1, 1)
    return tuple(int(c + (255 - c) * mix) for c in colour)  # type: ignore[return-value]


def _ring(cx: float, cy: float, rx: float, ry: float, n: int = 72, start: float = 0.0) -> list[tuple[float, float]]:
    return [
        (cx + rx * math.cos(start + 2 * math.pi * i / n), cy + ry * math.sin(start + 2 * math.pi * i / n))
        for i in range(n)
    ]


def _petal(cx: float, cy: float, angle: float, length: float, width: float) -> list[tuple[float, float]]:
    """A pointed leaf from the centre outwards, as drawn with one brush stroke on glaze."""
    upper = [(length * i / 12, math.sin(math.pi * i / 12) * width / 2) for i in range(13)]
    points = upper + [(x, -y) for x, y in reversed(upper)]
    cos, sin = math.cos(angle), math.sin(angle)
    return [(cx + x * cos - y * sin, cy + x * sin + y * cos) for x, y in points]


def _star(cx: float, cy: float, r_out: float, r_in: float, points: int, start: float = 0.0) -> list[tuple[float, float]]:
    out = []
    for i in range(points * 2):
        r = r_out if i % 2 == 0 else r_in
        a = start + math.pi * i / points
        out.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return out


def _profile(box: Box, radius: Callable[[float], float], t0: float = 0.0, t1: float = 1.0, steps: int = 40) -> list[tuple[float, float]]:
    """The outline of a turned object (vase, bowl) between heights t0 and t1 (0 = top)."""
    x0, y0, x1, y1 = box
    cx, height, half = (x0 + x1) / 2, y1 - y0, (x1 - x0) / 2
    ts = [t0 + (t1 - t0) * i / steps for i in range(steps + 1)]
    right = [(cx + half * radius(t), y0 + height * t) for t in ts]
    left = [(cx - half * radius(t), y0 + height * t) for t in reversed(ts)]
    return right + left


def _line_width(box: Box, fraction: float) -> int:
    return max(1, int((box[2] - box[0]) * fraction))


# --- Painters: each draws one object inside its box ------------------------------------------


def paint_plate(d: ImageDraw.ImageDraw, box: Box, pal: list[RGB], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    r = min(x1 - x0, y1 - y0) / 2
    ground, ink, accent = pal[0], pal[1], pal[2]
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=shade(ground, 0.92))
    d.ellipse((cx - r * 0.97, cy - r * 0.97, cx + r * 0.97, cy + r * 0.97), fill=ground)
    d.ellipse((cx - r * 0.9, cy - r * 0.9, cx + r * 0.9, cy + r * 0.9), outline=ink, width=_line_width(box, 0.012))
    # Rim: a band of repeated strokes, as a painter turns the plate on the wheel.
    strokes = rng.choice([16, 20, 24, 28])
    for i in range(strokes):
        a = 2 * math.pi * i / strokes
        d.polygon(_petal(cx + math.cos(a) * r * 0.7, cy + math.sin(a) * r * 0.7, a, r * 0.2, r * 0.08), fill=ink if i % 2 else accent)
    d.ellipse((cx - r * 0.62, cy - r * 0.62, cx + r * 0.62, cy + r * 0.62), outline=ink, width=_line_width(box, 0.008))
    petals = rng.choice([6, 8, 10, 12])
    for i in range(petals):
        a = 2 * math.pi * i / petals + rng.random() * 0.2
        d.polygon(_petal(cx, cy, a, r * 0.52, r * 0.2), fill=accent)
        d.polygon(_petal(cx, cy, a, r * 0.4, r * 0.1), fill=ink)
    d.ellipse((cx - r * 0.1, cy - r * 0.1, cx + r * 0.1, cy + r * 0.1), fill=pal[3 % len(pal)], outline=ink)
    # Glaze highlight.
    d.arc((cx - r * 0.85, cy - r * 0.85, cx + r * 0.85, cy + r * 0.85), 200, 250, fill=shade(ground, 1.6), width=_line_width(box, 0.02))


def paint_bowl(d: ImageDraw.ImageDraw, box: Box, pal: list[RGB], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    w = x1 - x0
    top = y0 + (y1 - y0) * 0.25
    body = (x0, top, x1, y1)
    radius = lambda t: 1.0 - 0.55 * t**2  # noqa: E731
    d.polygon(_profile(body, radius), fill=pal[0])
    band = _profile(body, radius, 0.15, 0.45)
    d.polygon(band, fill=pal[1])
    zig = rng.choice([10, 14, 18])
    bx0, by0 = x0 + w * 0.04, top + (y1 - top) * 0.17
    by1 = top + (y1 - top) * 0.43
    step = (w * 0.92) / zig
    for i in range(zig):
        px = bx0 + i * step
        d.polygon([(px, by1), (px + step / 2, by0), (px + step, by1)], fill=pal[2])
    d.ellipse((x0, top - (y1 - y0) * 0.12, x1, top + (y1 - y0) * 0.12), fill=shade(pal[0], 0.85), outline=shade(pal[0], 0.7), width=_line_width(box, 0.006))
    d.ellipse((x0 + w * 0.05, top - (y1 - y0) * 0.09, x1 - w * 0.05, top + (y1 - y0) * 0.09), fill=shade(pal[1], 0.9))
    d.polygon(_star((x0 + x1) / 2, top, w * 0.2, w * 0.09, 8), fill=pal[2])
    d.rectangle((x0 + w * 0.3, y1 - (y1 - y0) * 0.03, x1 - w * 0.3, y1), fill=shade(pal[0], 0.8))


def paint_vase(d: ImageDraw.ImageDraw, box: Box, pal: list[RGB], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    neck, belly = rng.uniform(0.25, 0.4), rng.uniform(0.45, 0.6)

    def radius(t: float) -> float:
        if t < 0.08:
            return neck + 0.1
        if t < 0.3:
            return neck + (1 - neck) * math.sin((t - 0.08) / 0.22 * math.pi / 2) ** 2
        if t < belly:
            return 1.0
        return 1.0 - 0.5 * ((t - belly) / (1 - belly)) ** 1.5

    d.polygon(_profile(box, radius), fill=pal[0])
    bands = [(0.32, 0.36), (belly + 0.12, belly + 0.16)]
    for t0, t1 in bands:
        d.polygon(_profile(box, radius, t0, t1), fill=pal[1])
    cx, h = (x0 + x1) / 2, y1 - y0
    mid = y0 + h * (0.36 + belly + 0.12) / 2
    half = (x1 - x0) / 2
    motif = rng.choice(["petals", "stars", "lozenges"])
    for i in range(-2, 3):
        mx = cx + i * half * 0.38
        if motif == "petals":
            for k in range(6):
                d.polygon(_petal(mx, mid, k * math.pi / 3, half * 0.16, half * 0.07), fill=pal[2])
        elif motif == "stars":
            d.polygon(_star(mx, mid, half * 0.15, half * 0.07, 8), fill=pal[2])
        else:
            s = half * 0.15
            d.polygon([(mx, mid - s), (mx + s * 0.7, mid), (mx, mid + s), (mx - s * 0.7, mid)], fill=pal[2], outline=pal[1])
    d.ellipse((cx - half * (neck + 0.1), y0 - h * 0.02, cx + half * (neck + 0.1), y0 + h * 0.03), fill=shade(pal[0], 0.6))
    d.arc((x0 + half * 0.2, y0 + h * 0.3, x0 + half * 0.9, y0 + h * 0.9), 150, 210, fill=shade(pal[0], 1.5), width=_line_width(box, 0.02))


def paint_tagine(d: ImageDraw.ImageDraw, box: Box, pal: list[RGB], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    cx = (x0 + x1) / 2
    base_top = y0 + h * 0.72
    d.polygon([(x0, base_top), (x1, base_top), (x1 - w * 0.08, y1), (x0 + w * 0.08, y1)], fill=shade(pal[0], 0.85))
    d.ellipse((x0, base_top - h * 0.06, x1, base_top + h * 0.06), fill=pal[1])
    lid = [(x0 + w * 0.08, base_top), (cx - w * 0.05, y0 + h * 0.12), (cx + w * 0.05, y0 + h * 0.12), (x1 - w * 0.08, base_top)]
    d.polygon(lid, fill=pal[0])
    for i, t in enumerate((0.35, 0.55)):
        yy = y0 + h * 0.12 + (base_top - y0 - h * 0.12) * t
        spread = (w * 0.05) + (w * 0.37) * t
        d.line((cx - spread, yy, cx + spread, yy), fill=pal[2 if i else 1], width=_line_width(box, 0.025))
    d.ellipse((cx - w * 0.06, y0, cx + w * 0.06, y0 + h * 0.16), fill=pal[1])
    for k in range(rng.choice([5, 7])):
        a = math.pi * (k + 1) / 8
        d.ellipse((cx - w * 0.3 * math.cos(a) - w * 0.015, base_top - h * 0.12 - w * 0.015, cx - w * 0.3 * math.cos(a) + w * 0.015, base_top - h * 0.12 + w * 0.015), fill=pal[2])


def paint_tile(d: ImageDraw.ImageDraw, box: Box, pal: list[RGB], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    n = rng.choice([2, 3])
    side = min(x1 - x0, y1 - y0) / n
    ox, oy = (x0 + x1) / 2 - side * n / 2, (y0 + y1) / 2 - side * n / 2
    for i in range(n):
        for j in range(n):
            tx, ty = ox + i * side, oy + j * side
            cx, cy = tx + side / 2, ty + side / 2
            d.rectangle((tx, ty, tx + side, ty + side), fill=pal[0], outline=shade(pal[0], 0.75), width=_line_width(box, 0.004))
            for k in range(4):
                a = math.pi / 4 + k * math.pi / 2
                d.polygon(_petal(cx, cy, a, side * 0.68, side * 0.2), fill=pal[1])
                d.polygon(_petal(cx, cy, a + math.pi / 4, side * 0.4, side * 0.16), fill=pal[2])
            d.ellipse((cx - side * 0.08, cy - side * 0.08, cx + side * 0.08, cy + side * 0.08), fill=pal[3 % len(pal)])


def paint_zellige(d: ImageDraw.ImageDraw, box: Box, pal: list[RGB], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    grout = (238, 232, 220)
    d.rectangle(box, fill=grout)
    cell = (x1 - x0) / rng.choice([5, 6, 7])
    rows = int((y1 - y0) / cell)
    cols = int((x1 - x0) / cell)
    oy = y0 + ((y1 - y0) - rows * cell) / 2
    for i in range(cols):
        for j in range(rows):
            cx, cy = x0 + (i + 0.5) * cell, oy + (j + 0.5) * cell
            colour = pal[(i + j) % len(pal)]
            d.polygon(_star(cx, cy, cell * 0.48, cell * 0.36, 8, math.pi / 8), fill=colour)
            d.polygon(_star(cx, cy, cell * 0.2, cell * 0.1, 8), fill=grout)
            if i < cols - 1 and j < rows - 1:
                d.polygon(_star(cx + cell / 2, cy + cell / 2, cell * 0.14, cell * 0.07, 4, math.pi / 4), fill=pal[-1])
    d.rectangle(box, outline=shade(pal[0], 0.5), width=_line_width(box, 0.01))


def paint_rug(d: ImageDraw.ImageDraw, box: Box, pal: list[RGB], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    fringe = w * 0.04
    for k in range(int(h / (h * 0.02))):
        yy = y0 + k * h * 0.02 + h * 0.01
        d.line((x0, yy, x0 + fringe, yy), fill=(230, 220, 200), width=_line_width(box, 0.004))
        d.line((x1 - fringe, yy, x1, yy), fill=(230, 220, 200), width=_line_width(box, 0.004))
    rx0, rx1 = x0 + fringe, x1 - fringe
    d.rectangle((rx0, y0, rx1, y1), fill=pal[0])
    border = h * 0.1
    d.rectangle((rx0, y0, rx1, y1), outline=pal[1], width=int(border * 0.35))
    d.rectangle((rx0 + border * 0.5, y0 + border * 0.5, rx1 - border * 0.5, y1 - border * 0.5), outline=pal[2], width=max(2, int(border * 0.12)))
    # Field: a lattice of Berber lozenges, each with a smaller one and hooks.
    fx0, fy0, fx1, fy1 = rx0 + border, y0 + border, rx1 - border, y1 - border
    cols = rng.choice([3, 4, 5])
    rows = rng.choice([2, 3])
    cw, ch = (fx1 - fx0) / cols, (fy1 - fy0) / rows
    line = max(2, int(min(cw, ch) * 0.06))
    for i in range(cols):
        for j in range(rows):
            cx, cy = fx0 + (i + 0.5) * cw, fy0 + (j + 0.5) * ch
            outer = [(cx, cy - ch * 0.48), (cx + cw * 0.48, cy), (cx, cy + ch * 0.48), (cx - cw * 0.48, cy)]
            d.polygon(outer, outline=pal[1], width=line)
            inner = [(cx, cy - ch * 0.22), (cx + cw * 0.22, cy), (cx, cy + ch * 0.22), (cx - cw * 0.22, cy)]
            d.polygon(inner, fill=pal[(i + j) % 2 + 2 if len(pal) > 3 else 2])
            d.line((cx - cw * 0.12, cy, cx + cw * 0.12, cy), fill=pal[1], width=line)
    # Hand-knotted rugs are never perfectly even: a few irregular abrash lines.
    for _ in range(3):
        yy = rng.uniform(fy0, fy1)
        d.line((fx0, yy, fx1, yy), fill=shade(pal[0], 0.93), width=line)


def paint_basket(d: ImageDraw.ImageDraw, box: Box, pal: list[RGB], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    top = y0 + h * 0.3
    straw = pal[0]
    handle_w = _line_width(box, 0.035)
    d.arc((x0 + w * 0.18, y0, x1 - w * 0.18, top + h * 0.35), 180, 360, fill=shade(straw, 0.75), width=handle_w)
    body = [(x0, top), (x1, top), (x1 - w * 0.1, y1), (x0 + w * 0.1, y1)]
    d.polygon(body, fill=straw)
    rows = rng.choice([9, 11, 13])
    row_h = (y1 - top) / rows
    for r in range(rows):
        yy = top + r * row_h
        inset = w * 0.1 * (r + 0.5) / rows
        left, right = x0 + inset, x1 - inset
        colour = pal[1] if r in (2, rows - 4) and len(pal) > 1 else shade(straw, 0.82 if r % 2 else 0.95)
        stitches = 16
        sw = (right - left) / stitches
        for s in range(stitches):
            sx = left + s * sw + (sw / 2 if r % 2 else 0)
            if sx + sw * 0.9 > right + 1:
                continue
            d.ellipse((sx, yy + row_h * 0.1, sx + sw * 0.95, yy + row_h * 0.9), fill=colour, outline=shade(straw, 0.6))
    d.ellipse((x0, top - h * 0.05, x1, top + h * 0.05), outline=shade(straw, 0.6), width=_line_width(box, 0.012))


def paint_bag(d: ImageDraw.ImageDraw, box: Box, pal: list[RGB], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    top = y0 + h * 0.32
    leather = pal[0]
    d.arc((x0 + w * 0.25, y0, x1 - w * 0.25, top + h * 0.3), 180, 360, fill=shade(leather, 0.7), width=_line_width(box, 0.04))
    d.rounded_rectangle((x0, top, x1, y1), radius=w * 0.06, fill=leather)
    flap = [(x0, top), (x1, top), (x1, top + h * 0.22), ((x0 + x1) / 2, top + h * 0.34), (x0, top + h * 0.22)]
    d.polygon(flap, fill=shade(leather, 0.85))
    stitch = _line_width(box, 0.006)
    inset = w * 0.03
    for k in range(40):
        t0, t1 = k / 40, (k + 0.5) / 40
        d.line((x0 + inset + (w - 2 * inset) * t0, y1 - inset, x0 + inset + (w - 2 * inset) * t1, y1 - inset), fill=pal[2], width=stitch)
    cx, cy = (x0 + x1) / 2, top + h * 0.5
    d.polygon(_star(cx, cy, w * 0.12, w * 0.05, rng.choice([6, 8])), fill=pal[1])
    d.ellipse((cx - w * 0.025, top + h * 0.3, cx + w * 0.025, top + h * 0.3 + w * 0.05), fill=(200, 170, 90))


def _slipper(d: ImageDraw.ImageDraw, cx: float, cy: float, length: float, width: float, pal: list[RGB], rng: random.Random) -> None:
    points = []
    for i in range(41):
        t = i / 40
        y = cy - length / 2 + length * t
        half = width / 2 * (math.sin(math.pi * min(t * 1.25, 1)) ** 0.6 if t < 0.8 else 0.95 + 0.05 * (1 - t))
        points.append((cx + half, y))
    points += [(2 * cx - x, y) for x, y in reversed(points)]
    d.polygon(points, fill=pal[0], outline=shade(pal[0], 0.6))
    d.ellipse((cx - width * 0.36, cy, cx + width * 0.36, cy + length * 0.46), fill=shade(pal[0], 0.45))
    for k in range(5):
        yy = cy - length * 0.3 + k * length * 0.06
        d.line((cx - width * 0.2, yy, cx + width * 0.2, yy), fill=pal[1], width=max(2, int(width * 0.05)))
    d.polygon(_star(cx, cy - length * 0.12, width * 0.16, width * 0.07, 6), fill=pal[2])


def paint_babouche(d: ImageDraw.ImageDraw, box: Box, pal: list[RGB], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    _slipper(d, x0 + w * 0.32, y0 + h * 0.5, h * 0.95, w * 0.3, pal, rng)
    _slipper(d, x0 + w * 0.68, y0 + h * 0.54, h * 0.95, w * 0.3, pal, rng)


def paint_tray(d: ImageDraw.ImageDraw, box: Box, pal: list[RGB], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    r = min(x1 - x0, y1 - y0) / 2
    metal = pal[0]
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=shade(metal, 0.75))
    d.ellipse((cx - r * 0.95, cy - r * 0.95, cx + r * 0.95, cy + r * 0.95), fill=metal)
    engraving = shade(metal, 0.55)
    rings = rng.choice([4, 5, 6])
    for k in range(rings):
        rr = r * (0.9 - k * 0.8 / rings)
        d.ellipse((cx - rr, cy - rr, cx + rr, cy + rr), outline=engraving, width=_line_width(box, 0.004))
        ticks = 24 + 8 * k
        for i in range(ticks):
            a = 2 * math.pi * i / ticks
            inner = rr - r * 0.05
            d.line((cx + math.cos(a) * inner, cy + math.sin(a) * inner, cx + math.cos(a) * rr, cy + math.sin(a) * rr), fill=engraving, width=_line_width(box, 0.003))
    d.polygon(_star(cx, cy, r * 0.2, r * 0.09, 8, math.pi / 8), outline=engraving, width=_line_width(box, 0.005))
    d.arc((cx - r * 0.85, cy - r * 0.85, cx + r * 0.85, cy + r * 0.85), 190, 260, fill=shade(metal, 1.45), width=_line_width(box, 0.03))


def paint_lantern(d: ImageDraw.ImageDraw, box: Box, pal: list[RGB], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    cx = (x0 + x1) / 2
    metal = pal[0]
    d.line((cx, y0, cx, y0 + h * 0.12), fill=shade(metal, 0.6), width=_line_width(box, 0.015))
    d.ellipse((cx - w * 0.05, y0 + h * 0.08, cx + w * 0.05, y0 + h * 0.14), outline=shade(metal, 0.6), width=_line_width(box, 0.012))
    d.polygon([(cx - w * 0.08, y0 + h * 0.14), (cx + w * 0.08, y0 + h * 0.14), (x1 - w * 0.12, y0 + h * 0.3), (x0 + w * 0.12, y0 + h * 0.3)], fill=shade(metal, 0.85))
    body = (x0 + w * 0.15, y0 + h * 0.3, x1 - w * 0.15, y1 - h * 0.08)
    d.rectangle(body, fill=shade(metal, 0.5))
    # Pierced holes glow with the candle behind them.
    glow = shade(pal[1] if len(pal) > 1 else (250, 200, 90), 1.3)
    cols, rows = 7, 10
    bw, bh = (body[2] - body[0]) / cols, (body[3] - body[1]) / rows
    for i in range(cols):
        for j in range(rows):
            px, py = body[0] + (i + 0.5) * bw, body[1] + (j + 0.5) * bh
            size = bw * (0.22 if (i + j) % 2 else 0.14)
            d.ellipse((px - size, py - size, px + size, py + size), fill=glow)
    d.rectangle(body, outline=metal, width=_line_width(box, 0.02))
    for t in (0.33, 0.66):
        xx = body[0] + (body[2] - body[0]) * t
        d.line((xx, body[1], xx, body[3]), fill=metal, width=_line_width(box, 0.012))
    d.polygon([(x0 + w * 0.12, y1 - h * 0.08), (x1 - w * 0.12, y1 - h * 0.08), (cx + w * 0.1, y1), (cx - w * 0.1, y1)], fill=shade(metal, 0.85))


def paint_cloth(d: ImageDraw.ImageDraw, box: Box, pal: list[RGB], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    linen = pal[0]
    d.rectangle(box, fill=linen)
    for k in range(1, 3):
        xx = x0 + w * k / 3
        d.line((xx, y0, xx, y1), fill=shade(linen, 0.93), width=_line_width(box, 0.006))
    # Counted-thread embroidery: motifs built from small squares on the weave.
    cell = w / 90
    pattern = rng.choice(["cross", "diamond", "tree"])

    def motif(ox: float, oy: float, colour: RGB, alt: RGB) -> None:
        for i in range(-4, 5):
            for j in range(-4, 5):
                if pattern == "cross":
                    on = i == 0 or j == 0 or abs(i) == abs(j) == 3
                elif pattern == "diamond":
                    on = abs(i) + abs(j) in (4, 2)
                else:
                    on = (i == 0 and j > -4) or (abs(i) == 4 - abs(j + 1) and j < 3)
                if on:
                    c = colour if (i + j) % 3 else alt
                    d.rectangle((ox + i * cell, oy + j * cell, ox + (i + 0.85) * cell, oy + (j + 0.85) * cell), fill=c)

    for k in range(9):
        motif(x0 + w * (k + 0.5) / 9, y0 + h * 0.12, pal[1], pal[2])
        motif(x0 + w * (k + 0.5) / 9, y1 - h * 0.12, pal[1], pal[2])
    for yy in (y0 + h * 0.22, y1 - h * 0.22):
        d.line((x0 + w * 0.03, yy, x1 - w * 0.03, yy), fill=pal[2], width=_line_width(box, 0.005))
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    for ring in range(3):
        rr = h * (0.22 - ring * 0.07)
        count = 8 + ring * 4
        for k in range(count):
            a = 2 * math.pi * k / count
            px, py = cx + math.cos(a) * rr * 1.3, cy + math.sin(a) * rr
            if ring == 0:
                motif(px, py, pal[1], pal[3])
            else:
                d.rectangle((px - cell, py - cell, px + cell, py + cell), fill=pal[1 + ring % 2])
    d.line((x0, y1 - h * 0.02, x1, y1 - h * 0.02), fill=shade(linen, 0.85), width=_line_width(box, 0.004))


def paint_lace(d: ImageDraw.ImageDraw, box: Box, pal: list[RGB], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    r = min(x1 - x0, y1 - y0) / 2
    thread = pal[0]
    line = _line_width(box, 0.006)
    scallops = rng.choice([16, 20, 24])
    for i in range(scallops):
        a = 2 * math.pi * i / scallops
        sx, sy = cx + math.cos(a) * r * 0.9, cy + math.sin(a) * r * 0.9
        sr = r * math.pi / scallops * 1.05
        d.ellipse((sx - sr, sy - sr, sx + sr, sy + sr), outline=thread, width=line)
        d.ellipse((sx - sr * 0.3, sy - sr * 0.3, sx + sr * 0.3, sy + sr * 0.3), fill=thread)
    for k, frac in enumerate((0.82, 0.62, 0.42, 0.22)):
        d.ellipse((cx - r * frac, cy - r * frac, cx + r * frac, cy + r * frac), outline=thread, width=line * (2 if k % 2 == 0 else 1))
    spokes = scallops
    for i in range(spokes):
        a = 2 * math.pi * i / spokes
        d.line((cx + math.cos(a) * r * 0.22, cy + math.sin(a) * r * 0.22, cx + math.cos(a) * r * 0.82, cy + math.sin(a) * r * 0.82), fill=thread, width=line)
        b = a + math.pi / spokes
        d.polygon(_petal(cx + math.cos(b) * r * 0.42, cy + math.sin(b) * r * 0.42, b, r * 0.18, r * 0.06), fill=thread)
    d.polygon(_star(cx, cy, r * 0.2, r * 0.08, 8), fill=thread)


def paint_knife(d: ImageDraw.ImageDraw, box: Box, pal: list[RGB], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    cy = (y0 + y1) / 2
    steel = (200, 205, 212)
    handle_end = x0 + w * 0.48
    d.rounded_rectangle((x0, cy - h * 0.09, handle_end, cy + h * 0.11), radius=h * 0.09, fill=pal[0], outline=shade(pal[0], 0.6), width=_line_width(box, 0.004))
    for k in range(3):
        rx = x0 + w * (0.08 + k * 0.17)
        d.ellipse((rx - h * 0.025, cy - h * 0.005, rx + h * 0.025, cy + h * 0.045), fill=pal[1] if len(pal) > 1 else steel)
    d.rectangle((handle_end - w * 0.02, cy - h * 0.1, handle_end + w * 0.03, cy + h * 0.12), fill=pal[1] if len(pal) > 1 else steel)
    blade = [(handle_end + w * 0.03, cy - h * 0.07), (x1 - w * 0.12, cy - h * 0.09), (x1, cy - h * 0.16), (x1 - w * 0.06, cy + h * 0.02), (handle_end + w * 0.03, cy + h * 0.08)]
    d.polygon(blade, fill=steel, outline=(120, 125, 132))
    d.line((handle_end + w * 0.05, cy - h * 0.02, x1 - w * 0.1, cy - h * 0.05), fill=(235, 238, 242), width=_line_width(box, 0.008))
    d.line((handle_end + w * 0.08, cy + h * 0.05, x1 - w * 0.08, cy), fill=(150, 155, 162), width=_line_width(box, 0.003))


def paint_box(d: ImageDraw.ImageDraw, box: Box, pal: list[RGB], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    wood = pal[0]
    depth = h * 0.3
    top = [(x0 + w * 0.12, y0 + h * 0.15), (x1, y0 + h * 0.15), (x1 - w * 0.12, y0 + h * 0.15 + depth), (x0, y0 + h * 0.15 + depth)]
    d.polygon([(x0, top[3][1]), (top[2][0], top[2][1]), (top[2][0], y1), (x0, y1)], fill=shade(wood, 0.7))
    d.polygon([(top[2][0], top[2][1]), (x1, top[1][1]), (x1, y1 - depth), (top[2][0], y1)], fill=shade(wood, 0.55))
    d.polygon(top, fill=wood)
    # Burr figure: the knots that make thuya root wood prized.
    for _ in range(60):
        t, s = rng.random(), rng.random()
        px = top[0][0] + (top[1][0] - top[0][0]) * t - w * 0.12 * s
        py = top[0][1] + depth * s
        rr = rng.uniform(w * 0.004, w * 0.014)
        d.ellipse((px - rr, py - rr * 0.7, px + rr, py + rr * 0.7), fill=shade(wood, rng.uniform(0.55, 0.8)))
    inlay = pal[1] if len(pal) > 1 else (230, 210, 160)
    mid_x = (top[0][0] + top[2][0]) / 2
    d.line(((top[0][0] + top[3][0]) / 2 + w * 0.1, (top[0][1] + top[3][1]) / 2, (top[1][0] + top[2][0]) / 2 - w * 0.1, (top[1][1] + top[2][1]) / 2), fill=inlay, width=_line_width(box, 0.01))
    d.polygon(_star(mid_x + w * 0.2, top[0][1] + depth / 2, w * 0.06, w * 0.025, 8), fill=inlay)
    d.rectangle((x0 + w * 0.4, top[3][1] + h * 0.08, x0 + w * 0.48, top[3][1] + h * 0.16), fill=pal[2] if len(pal) > 2 else inlay)


def paint_damascene(d: ImageDraw.ImageDraw, box: Box, pal: list[RGB], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    rx, ry = (x1 - x0) / 2 * 0.7, (y1 - y0) / 2
    steel = pal[0]
    gold = pal[1] if len(pal) > 1 else (212, 175, 55)
    silver = pal[2] if len(pal) > 2 else (205, 205, 210)
    d.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=shade(gold, 0.8))
    d.ellipse((cx - rx * 0.94, cy - ry * 0.94, cx + rx * 0.94, cy + ry * 0.94), fill=steel)
    line = _line_width(box, 0.006)
    d.ellipse((cx - rx * 0.85, cy - ry * 0.85, cx + rx * 0.85, cy + ry * 0.85), outline=gold, width=line)
    # Gold thread hammered in arabesque spirals around a central rosette.
    spirals = rng.choice([6, 8])
    for i in range(spirals):
        a = 2 * math.pi * i / spirals
        points = []
        for k in range(30):
            t = k / 29
            rr = (0.3 + 0.45 * t)
            aa = a + t * 2.4
            points.append((cx + math.cos(aa) * rx * rr, cy + math.sin(aa) * ry * rr))
        d.line(points, fill=gold, width=line)
        end = points[-1]
        d.ellipse((end[0] - line * 2, end[1] - line * 2, end[0] + line * 2, end[1] + line * 2), fill=silver)
    for k in range(spirals * 2):
        a = math.pi * k / spirals
        d.polygon(_petal(cx, cy, a, min(rx, ry) * 0.25, min(rx, ry) * 0.08), fill=gold if k % 2 else silver)
    d.arc((cx - rx * 0.7, cy - ry * 0.7, cx + rx * 0.7, cy + ry * 0.7), 200, 240, fill=shade(steel, 2.0), width=line * 2)


def paint_bottle(d: ImageDraw.ImageDraw, box: Box, pal: list[RGB], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    cx = (x0 + x1) / 2
    oil = pal[0]
    bw = w * 0.5
    d.rounded_rectangle((cx - bw / 2, y0 + h * 0.3, cx + bw / 2, y1), radius=bw * 0.15, fill=shade(oil, 0.85), outline=shade(oil, 0.5), width=_line_width(box, 0.006))
    d.polygon([(cx - bw / 2 + bw * 0.05, y0 + h * 0.34), (cx - bw * 0.12, y0 + h * 0.18), (cx + bw * 0.12, y0 + h * 0.18), (cx + bw / 2 - bw * 0.05, y0 + h * 0.34)], fill=shade(oil, 0.85))
    d.rectangle((cx - bw * 0.14, y0 + h * 0.04, cx + bw * 0.14, y0 + h * 0.19), fill=pal[1] if len(pal) > 1 else (60, 40, 30))
    d.rectangle((cx - bw * 0.4, y0 + h * 0.5, cx + bw * 0.4, y0 + h * 0.82), fill=(246, 240, 226), outline=pal[2] if len(pal) > 2 else (120, 90, 40), width=_line_width(box, 0.006))
    d.polygon(_star(cx, y0 + h * 0.62, bw * 0.12, bw * 0.05, 8), fill=pal[2] if len(pal) > 2 else (120, 90, 40))
    for k in range(3):
        yy = y0 + h * (0.72 + k * 0.03)
        d.line((cx - bw * 0.28, yy, cx + bw * 0.28, yy), fill=(150, 140, 120), width=_line_width(box, 0.004))
    d.line((cx - bw * 0.36, y0 + h * 0.36, cx - bw * 0.36, y1 - h * 0.05), fill=shade(oil, 1.5), width=_line_width(box, 0.012))


def paint_jar(d: ImageDraw.ImageDraw, box: Box, pal: list[RGB], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    cx = (x0 + x1) / 2
    jw = w * 0.6
    tin = pal[1] if len(pal) > 1 else (160, 30, 40)
    d.rectangle((cx - jw / 2, y0 + h * 0.22, cx + jw / 2, y1 - h * 0.06), fill=tin)
    d.ellipse((cx - jw / 2, y1 - h * 0.12, cx + jw / 2, y1), fill=tin)
    d.rectangle((cx - jw / 2 - w * 0.02, y0 + h * 0.1, cx + jw / 2 + w * 0.02, y0 + h * 0.24), fill=shade(tin, 0.7))
    d.ellipse((cx - jw / 2 - w * 0.02, y0 + h * 0.03, cx + jw / 2 + w * 0.02, y0 + h * 0.17), fill=shade(tin, 0.85))
    d.rectangle((cx - jw / 2, y0 + h * 0.38, cx + jw / 2, y0 + h * 0.72), fill=(246, 238, 220))
    # Saffron threads: the product itself, in the label's window.
    thread = pal[0]
    for _ in range(30):
        sx = rng.uniform(cx - jw * 0.35, cx + jw * 0.3)
        sy = rng.uniform(y0 + h * 0.45, y0 + h * 0.62)
        a = rng.uniform(-0.8, 0.8)
        d.line((sx, sy, sx + math.cos(a) * w * 0.06, sy + math.sin(a) * w * 0.06), fill=thread, width=_line_width(box, 0.008))
    d.line((cx - jw / 2, y0 + h * 0.68, cx + jw / 2, y0 + h * 0.68), fill=pal[2] if len(pal) > 2 else (200, 160, 40), width=_line_width(box, 0.01))


def paint_pouf(d: ImageDraw.ImageDraw, box: Box, pal: list[RGB], rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    leather = pal[0]
    top_h = h * 0.4
    d.rounded_rectangle((x0, y0 + top_h / 2, x1, y1 - h * 0.05), radius=h * 0.2, fill=shade(leather, 0.8))
    d.ellipse((x0, y1 - h * 0.2, x1, y1), fill=shade(leather, 0.7))
    d.ellipse((x0, y0, x1, y0 + top_h), fill=leather)
    cx, cy = (x0 + x1) / 2, y0 + top_h / 2
    line = _line_width(box, 0.006)
    d.ellipse((x0 + w * 0.08, y0 + top_h * 0.08, x1 - w * 0.08, y0 + top_h * 0.92), outline=pal[1], width=line)
    for k in range(rng.choice([8, 12])):
        a = math.pi * 2 * k / 12
        px, py = cx + math.cos(a) * w * 0.3, cy + math.sin(a) * top_h * 0.3
        d.polygon(_petal(cx, cy, math.atan2(py - cy, (px - cx) or 1e-6), math.hypot(px - cx, py - cy), top_h * 0.08), fill=pal[2 if k % 2 else 1])
    for k in range(8):
        xx = x0 + w * (k + 0.5) / 8
        d.line((xx, y0 + top_h * 0.9, xx, y1 - h * 0.15), fill=shade(leather, 0.6), width=line)


PAINTERS: dict[str, Painter] = {
    "plate": paint_plate, "bowl": paint_bowl, "vase": paint_vase, "tagine": paint_tagine,
    "tile": paint_tile, "zellige": paint_zellige, "rug": paint_rug, "basket": paint_basket,
    "bag": paint_bag, "babouche": paint_babouche, "tray": paint_tray, "lantern": paint_lantern,
    "cloth": paint_cloth, "lace": paint_lace, "knife": paint_knife, "box": paint_box,
    "damascene": paint_damascene, "bottle": paint_bottle, "jar": paint_jar, "pouf": paint_pouf,
}

# Where the object sits in the frame, as fractions of the picture (wide objects fill more).
FRAMES: dict[str, Box] = {
    "rug": (0.12, 0.14, 0.88, 0.86), "cloth": (0.1, 0.14, 0.9, 0.86), "knife": (0.1, 0.08, 0.9, 0.82),
    "zellige": (0.2, 0.12, 0.8, 0.88), "tile": (0.22, 0.1, 0.78, 0.9), "babouche": (0.22, 0.12, 0.78, 0.9),
    "box": (0.2, 0.22, 0.8, 0.82), "tagine": (0.25, 0.16, 0.75, 0.84), "bowl": (0.2, 0.28, 0.8, 0.8),
    "pouf": (0.22, 0.24, 0.78, 0.84),
}
DEFAULT_FRAME: Box = (0.24, 0.1, 0.76, 0.86)


def _palette(colours: Sequence[RGB]) -> list[RGB]:
    pal = list(colours) or list(DEFAULT_PALETTE)
    while len(pal) < 4:
        pal.append(DEFAULT_PALETTE[len(pal)])
    return pal


def _backdrop(size: tuple[int, int], rng: random.Random, table: bool) -> Image.Image:
    light = rng.choice([(246, 242, 234), (240, 236, 228), (238, 240, 242), (244, 238, 226)])
    dark = shade(light, 0.84)
    gradient = Image.linear_gradient("L").resize(size)
    image = ImageOps.colorize(gradient, black=dark, white=light).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    if table:
        d = ImageDraw.Draw(image)
        wood = rng.choice([(176, 140, 104), (196, 170, 138), (150, 120, 96)])
        d.rectangle((0, int(size[1] * 0.78), size[0], size[1]), fill=wood)
        d.line((0, int(size[1] * 0.78), size[0], int(size[1] * 0.78)), fill=shade(wood, 0.8), width=max(2, size[1] // 200))
    return image


def _shadow(image: Image.Image, area: Box, top_view: bool, shape: str) -> None:
    """A soft shadow, blurred on a small mask so the cost does not grow with the picture."""
    x0, y0, x1, y1 = area
    if shape == "knife":
        # A knife lies flat: its shadow is a thin band, not the whole frame.
        middle, half = (y0 + y1) / 2, (y1 - y0) * 0.12
        shadow_box = (x0 + 12, middle - half + 18, x1 + 12, middle + half + 18)
    elif top_view:
        shadow_box = (x0 + 12, y0 + 18, x1 + 12, y1 + 18)
    else:
        shadow_box = (x0, y1 - (y1 - y0) * 0.06, x1 + (x1 - x0) * 0.1, y1 + (y1 - y0) * 0.05)
    small = (max(8, int((shadow_box[2] - shadow_box[0]) / 8) + 8), max(8, int((shadow_box[3] - shadow_box[1]) / 8) + 8))
    mask = Image.new("L", small, 0)
    ImageDraw.Draw(mask).ellipse((4, 4, small[0] - 4, small[1] - 4), fill=90)
    mask = mask.filter(ImageFilter.GaussianBlur(3)).resize((int(shadow_box[2] - shadow_box[0]), int(shadow_box[3] - shadow_box[1])))
    image.paste((60, 50, 40), (int(shadow_box[0]), int(shadow_box[1])), mask)


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=False, progressive=False)
    return buffer.getvalue()


def product_picture(*, shape: str, colours: Sequence[RGB], seed: str, size: tuple[int, int], detail: bool = False) -> bytes:
    """A JPEG of one stylised object; `detail` frames the middle of the same drawing closer."""
    rng = random.Random(seed)
    big = (size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE)
    top_view = shape in TOP_VIEW
    image = _backdrop(big, rng, table=not top_view)
    fx0, fy0, fx1, fy1 = FRAMES.get(shape, DEFAULT_FRAME)
    area = (fx0 * big[0], fy0 * big[1], fx1 * big[0], fy1 * big[1])
    _shadow(image, area, top_view, shape)
    PAINTERS.get(shape, paint_vase)(ImageDraw.Draw(image), area, _palette(colours), rng)
    if detail:
        # The supersampled drawing already holds the detail at full resolution: crop, no upscaling.
        left, top = (big[0] - size[0]) // 2, (big[1] - size[1]) // 2
        return _jpeg(image.crop((left, top, left + size[0], top + size[1])))
    return _jpeg(image.reduce(SUPERSAMPLE))


def workshop_picture(*, shapes: Sequence[str], palettes: Sequence[Sequence[RGB]], seed: str, size: tuple[int, int]) -> bytes:
    """A workshop wall: shelves holding the artisan's pieces, a window and a work table."""
    rng = random.Random(seed)
    w, h = size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE
    wall = rng.choice([(236, 222, 196), (226, 214, 200), (240, 232, 214), (214, 226, 228)])
    image = Image.new("RGB", (w, h), wall)
    d = ImageDraw.Draw(image)
    # Lime-washed wall: uneven patches.
    for _ in range(25):
        px, py, pr = rng.uniform(0, w), rng.uniform(0, h * 0.75), rng.uniform(w * 0.03, w * 0.09)
        d.ellipse((px - pr, py - pr * 0.6, px + pr, py + pr * 0.6), fill=shade(wall, rng.uniform(0.965, 0.99)))
    window = (w * 0.06, h * 0.08, w * 0.26, h * 0.5)
    d.rectangle(window, fill=(186, 214, 236), outline=(120, 90, 60), width=w // 150)
    d.line(((window[0] + window[2]) / 2, window[1], (window[0] + window[2]) / 2, window[3]), fill=(120, 90, 60), width=w // 200)
    d.line((window[0], (window[1] + window[3]) / 2, window[2], (window[1] + window[3]) / 2), fill=(120, 90, 60), width=w // 200)
    wood = (140, 100, 66)
    for shelf_y in (0.36, 0.62):
        d.rectangle((w * 0.32, h * shelf_y, w * 0.96, h * shelf_y + h * 0.025), fill=wood)
    slots = [(0.33 + 0.16 * (i % 4), 0.36 if i < 4 else 0.62) for i in range(8)]
    for k, (sx, sy) in enumerate(slots):
        if not shapes:
            break
        shape = shapes[k % len(shapes)]
        pal = _palette(palettes[k % len(palettes)] if palettes else [])
        slot = (w * sx + w * 0.01, h * (sy - 0.22), w * (sx + 0.14), h * sy)
        if shape in TOP_VIEW:
            # Flat pieces lean against the wall, so they are drawn in their own upright frame.
            slot = (slot[0], slot[1] + h * 0.04, slot[2], slot[3])
        PAINTERS.get(shape, paint_vase)(d, slot, pal, rng)
    d.rectangle((0, h * 0.8, w, h), fill=shade(wood, 1.15))
    d.rectangle((w * 0.05, h * 0.74, w * 0.7, h * 0.8), fill=wood)
    PAINTERS.get(shapes[0] if shapes else "bowl", paint_vase)(d, (w * 0.08, h * 0.56, w * 0.24, h * 0.74), _palette(palettes[0] if palettes else []), rng)
    return _jpeg(image.reduce(SUPERSAMPLE))


def logo_picture(*, initials: str, colours: Sequence[RGB], seed: str, size: int = 400) -> bytes:
    """A round seal with the business's initials, in the colours of its craft."""
    rng = random.Random(seed)
    pal = _palette(colours)
    big = size * SUPERSAMPLE
    image = Image.new("RGB", (big, big), (250, 248, 244))
    d = ImageDraw.Draw(image)
    c = big / 2
    d.ellipse((big * 0.04, big * 0.04, big * 0.96, big * 0.96), fill=pal[1])
    d.ellipse((big * 0.1, big * 0.1, big * 0.9, big * 0.9), outline=pal[2], width=big // 60)
    points = rng.choice([8, 12, 16])
    for i in range(points):
        a = 2 * math.pi * i / points
        d.ellipse((c + math.cos(a) * big * 0.4 - big * 0.012, c + math.sin(a) * big * 0.4 - big * 0.012, c + math.cos(a) * big * 0.4 + big * 0.012, c + math.sin(a) * big * 0.4 + big * 0.012), fill=pal[0])
    font = ImageFont.load_default(size=int(big * 0.3))
    d.text((c, c), initials[:3].upper(), fill=pal[0], font=font, anchor="mm")
    return _jpeg(image.reduce(SUPERSAMPLE))
