#!/usr/bin/env python3
"""Draws Tandem's app icons (two linked rings on the brand green) into
public/icons/. Pure standard library; run it again only to change the design."""
import math
import struct
import zlib
from pathlib import Path

GREEN = (0x2F, 0x6F, 0x5E)
CREAM = (0xFB, 0xFA, 0xF7)
OUT = Path(__file__).resolve().parent.parent / "public" / "icons"


def png(path, size, pixels):
    raw = b"".join(b"\x00" + bytes(pixels[y * size * 4:(y + 1) * size * 4]) for y in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def coverage(size, maskable, x, y):
    """Returns (background alpha, ring alpha) at a point in unit coordinates."""
    # Background: a rounded square, or full bleed for the maskable icon.
    if maskable:
        bg = 1.0
        scale = 0.62  # keep the rings inside the 80% safe zone
    else:
        r = 0.22
        dx = max(abs(x - 0.5) - (0.5 - r), 0)
        dy = max(abs(y - 0.5) - (0.5 - r), 0)
        bg = 1.0 if math.hypot(dx, dy) <= r else 0.0
        scale = 0.78
    cx, cy = (x - 0.5) / scale, (y - 0.5) / scale
    ring = 0.0
    for ox in (-0.17, 0.17):
        d = math.hypot(cx - ox, cy)
        if 0.21 <= d <= 0.31:
            ring = 1.0
    return bg, ring * bg


def svg(name):
    """The same icon as a small vector file: the tab's favicon, which a first
    visit fetches (a few hundred bytes instead of a 192-pixel PNG)."""
    scale = 0.78
    ring = lambda ox: (f'<circle cx="{50 + ox * scale * 100:.1f}" cy="50" '
                       f'r="{0.26 * scale * 100:.1f}"/>')
    green = "#%02x%02x%02x" % GREEN
    cream = "#%02x%02x%02x" % CREAM
    (OUT / name).write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        f'<rect width="100" height="100" rx="22" fill="{green}"/>'
        f'<g fill="none" stroke="{cream}" stroke-width="{0.10 * scale * 100:.1f}">'
        f'{ring(-0.17)}{ring(0.17)}</g></svg>\n'
    )


def draw(size, maskable, name):
    samples = 3
    pixels = []
    for py in range(size):
        for px in range(size):
            bg_sum = ring_sum = 0.0
            for sy in range(samples):
                for sx in range(samples):
                    x = (px + (sx + 0.5) / samples) / size
                    y = (py + (sy + 0.5) / samples) / size
                    bg, ring = coverage(size, maskable, x, y)
                    bg_sum += bg
                    ring_sum += ring
            n = samples * samples
            bg_a, ring_a = bg_sum / n, ring_sum / n
            t = ring_a / bg_a if bg_a else 0.0
            rgb = [round(g * (1 - t) + c * t) for g, c in zip(GREEN, CREAM)]
            pixels += rgb + [round(bg_a * 255)]
    png(OUT / name, size, pixels)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    svg("icon.svg")
    draw(192, False, "icon-192.png")
    draw(512, False, "icon-512.png")
    draw(512, True, "icon-maskable-512.png")
