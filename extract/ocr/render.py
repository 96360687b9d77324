"""Render a PDF page for OCR and straighten it: pypdfium2 greyscale pixels, deskewed.

A sheet fed askew into a scanner comes out turned by a degree or so; at that angle a
table's row drifts by several points across the page and its rulings are no longer
horizontal, so the line grouping and the ruling finder would both fail. The angle is
estimated by a projection profile (rows of a straight text page alternate between ink
and blank, so the variance of ink per row peaks at the right angle) and undone.
Pages are rendered at the resolution of the scan inside them (`native_dpi`): resampling
a 200 dpi scan to 300 dpi adds no detail, and OCR on it was slower and no better.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from PIL import Image

Pixels = npt.NDArray[np.uint8]
Mask = npt.NDArray[np.bool_]

# Pixels darker than this (0-255) are ink.
INK_LEVEL = 160
# Skew is searched within this many degrees, coarsely then finely around the best.
MAX_SKEW = 3.0
COARSE_STEP = 0.1
FINE_STEP = 0.02
# Vertical strips the row profile is taken in (see `skew_angle`).
STRIPS = 48
# Dust and toner specks up to this size (points) are removed: a full stop at 8pt is larger.
SPECK_PT = 0.7
# Scans coarser than this are rendered at this resolution: letters under ~15 pixels read badly.
MIN_DPI = 200
# Below this the page is left as it is: resampling blurs more than it straightens.
MIN_SKEW = 0.05


def native_dpi(page: Any, most: int, least: int = MIN_DPI) -> int:
    """Given a pdfplumber page and a resolution cap, return the resolution of its largest image (within least..most).

    A page with no image (OCR forced on a digital page) is rendered at `most`.
    """
    images = [i for i in page.images if i["x1"] > i["x0"] and i.get("srcsize")]
    if not images:
        return most
    image = max(images, key=lambda i: (i["x1"] - i["x0"]) * (i["bottom"] - i["top"]))
    dpi = float(image["srcsize"][0]) * 72 / float(image["x1"] - image["x0"])
    return int(min(most, max(least, round(dpi))))


def render_page(page: Any, dpi: int) -> Pixels:
    """Given a pypdfium2 page and a resolution, return its greyscale pixels (0 ink, 255 paper)."""
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    return np.asarray(bitmap.to_pil().convert("L"), dtype=np.uint8)


def ink(pixels: Pixels) -> Mask:
    """Given greyscale pixels, return where the ink is."""
    return pixels < INK_LEVEL


def skew_angle(pixels: Pixels) -> float:
    """Given a page's pixels, return the angle (degrees, counter-clockwise) that straightens its text lines.

    The page is cut into vertical strips, each with its own profile of ink per row; for a
    candidate angle the strips are shifted by the drift the angle gives at their place and
    summed, which is the row profile of the page turned by that angle, without turning it.

    >>> page = np.full((400, 600), 255, np.uint8); page[100:104, 50:550] = 0; page[200:204, 50:550] = 0
    >>> turned = np.asarray(Image.fromarray(page).rotate(-0.7, fillcolor=255))
    >>> round(skew_angle(turned), 1)
    0.7
    """
    height, width = pixels.shape
    n = max(1, min(STRIPS, width // 4))
    step = width // n
    strips = ink(pixels)[:, : n * step].reshape(height, n, step).sum(axis=2, dtype=np.int32).T
    centres = (np.arange(n) + 0.5) * step - width / 2
    coarse = np.arange(-MAX_SKEW, MAX_SKEW + COARSE_STEP / 2, COARSE_STEP)
    best = _best_angle(strips, centres, coarse)
    fine = np.arange(best - COARSE_STEP, best + COARSE_STEP + FINE_STEP / 2, FINE_STEP)
    return round(_best_angle(strips, centres, fine), 3)


def _best_angle(strips: npt.NDArray[np.int32], centres: npt.NDArray[np.float64], angles: npt.NDArray[np.float64]) -> float:
    """Given strip profiles, their centres and candidate angles, return the angle whose summed profile varies most."""
    scores = [_profile_score(strips, centres, float(a)) for a in angles]
    return float(angles[int(np.argmax(scores))])


def _profile_score(strips: npt.NDArray[np.int32], centres: npt.NDArray[np.float64], angle: float) -> float:
    """Given strip profiles, their centres and an angle, return the variance of ink per row of the page turned by it."""
    shifts = np.round(np.tan(np.radians(angle)) * centres).astype(np.int64)
    pad = int(np.abs(shifts).max())
    height = strips.shape[1]
    profile = np.zeros(height + 2 * pad, np.int64)
    for strip, shift in zip(strips, shifts, strict=True):
        profile[pad - shift : pad - shift + height] += strip
    return float(np.var(profile))


def despeckle(pixels: Pixels, dpi: int) -> Pixels:
    """Given page pixels and their resolution, return them with dust specks (isolated dots under SPECK_PT) painted as paper.

    A speck is ink that fits in a square of SPECK_PT points with no ink in the ring of
    pixels around it; a full stop is bigger, so "£0.025m" keeps its point.

    >>> page = np.full((20, 20), 255, np.uint8); page[5, 5] = 0; page[10:14, 10:14] = 0
    >>> cleaned = despeckle(page, 200)
    >>> int(cleaned[5, 5]), int(cleaned[11, 11])
    (255, 0)
    """
    core = max(1, round(SPECK_PT * dpi / 72))
    mask = ink(pixels)
    height, width = mask.shape
    if height < core or width < core:
        return pixels
    table = np.zeros((height + 3, width + 3), np.int32)  # summed-area table of the ink framed by one blank pixel
    np.cumsum(np.cumsum(np.pad(mask, 1), axis=0, dtype=np.int32), axis=1, out=table[1:, 1:])
    inner = _squares(table, 1, core, (height - core + 1, width - core + 1))
    outer = _squares(table, 0, core + 2, (height - core + 1, width - core + 1))
    lone = (inner > 0) & (inner == outer)  # ink in the core square and none in the ring around it
    specks = np.zeros_like(mask)
    for dy in range(core):
        for dx in range(core):
            specks[dy : dy + lone.shape[0], dx : dx + lone.shape[1]] |= lone
    out = pixels.copy()
    out[specks & mask] = 255
    return out


def _squares(table: npt.NDArray[np.int32], offset: int, size: int, shape: tuple[int, int]) -> npt.NDArray[np.int32]:
    """Given a summed-area table, an offset, a square size and an output shape, return the ink in each square.

    Entry (i, j) counts the square of `size` whose top-left is (i + offset, j + offset) in the table's frame.
    """
    rows, cols = shape
    a, b = offset, offset + size
    whole = table[b : b + rows, b : b + cols] + table[a : a + rows, a : a + cols]
    return whole - table[a : a + rows, b : b + cols] - table[b : b + rows, a : a + cols]


def deskew(pixels: Pixels, angle: float) -> Pixels:
    """Given a page's pixels and its skew angle, return the page turned straight (same size, paper-filled corners)."""
    if abs(angle) < MIN_SKEW:
        return pixels
    turned = Image.fromarray(pixels).rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    return np.asarray(turned, dtype=np.uint8)
