"""Draws google_calendar_sync/static/description/icon.png: a calendar page with two sync arrows.

    var/venv-odoo/bin/python tests/lib/gen_icon.py   # any Python with Pillow (Odoo's has it)

Kept as a script so the icon can be redrawn (another size, another colour) instead of
edited by hand. Drawn at four times the size, then scaled down: Pillow draws without
anti-aliasing, and the reduction smooths the edges.
"""

import math
import os

from PIL import Image, ImageDraw

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGET = os.path.join(ROOT, "google_calendar_sync", "static", "description", "icon.png")
SIZE, SCALE = 128, 4
ODOO = (113, 75, 103)  # Odoo's purple: the tile
GOOGLE_BLUE = (66, 133, 244)  # the page's header and the arrows
PAGE, RING = (255, 255, 255), (60, 64, 67)


def arrow_arc(draw, centre, radius, start, end, width, colour):
    """An arc from `start` to `end` degrees (clockwise, 0 = 3 o'clock) with a head at `end`."""
    cx, cy = centre
    draw.arc((cx - radius, cy - radius, cx + radius, cy + radius), start, end, fill=colour, width=width)
    theta = math.radians(end)
    # On the arc's centre line, then one step along the clockwise tangent for the tip.
    mid = radius - width / 2
    px, py = cx + mid * math.cos(theta), cy + mid * math.sin(theta)
    tx, ty = -math.sin(theta), math.cos(theta)
    nx, ny = math.cos(theta), math.sin(theta)
    head = width * 1.25
    tip = (px + tx * head * 1.3, py + ty * head * 1.3)
    outer = (px + nx * head, py + ny * head)
    inner = (px - nx * head, py - ny * head)
    draw.polygon([tip, outer, inner], fill=colour)


def draw_icon():
    big = SIZE * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=96, fill=ODOO)
    # The calendar page, its blue header, and two binder rings over the header's edge.
    left, top, right, bottom = 88, 104, big - 88, big - 80
    draw.rounded_rectangle((left, top, right, bottom), radius=36, fill=PAGE)
    draw.rounded_rectangle((left, top, right, top + 88), radius=36, fill=GOOGLE_BLUE)
    draw.rectangle((left, top + 52, right, top + 88), fill=GOOGLE_BLUE)
    for x in (left + 84, right - 84):
        draw.rounded_rectangle((x - 14, top - 36, x + 14, top + 36), radius=14, fill=RING)
    # Two arrows chasing each other: what goes one way comes back the other.
    centre = ((left + right) // 2, (top + 88 + bottom) // 2 + 4)
    arrow_arc(draw, centre, 104, 200, 322, 30, GOOGLE_BLUE)
    arrow_arc(draw, centre, 104, 20, 142, 30, ODOO)
    return image.resize((SIZE, SIZE), Image.LANCZOS)


if __name__ == "__main__":
    os.makedirs(os.path.dirname(TARGET), exist_ok=True)
    draw_icon().save(TARGET, optimize=True)
    print("wrote %s" % os.path.relpath(TARGET, ROOT))
