"""Product and portrait pictures drawn locally with Pillow (nothing can be downloaded).

Each picture is a motif in the spirit of the craft (parang and kawung for batik,
blurred ikat diamonds for tenun, culms for bamboo, a weave for anyaman, cutwork
flowers for bordir, a vessel for clay, a label for food) in the artisan's
palette, with the product's title on a band. Everything is seeded by a stable
key, so the same product always gets the same picture.
"""
from __future__ import annotations

import io
import random
import textwrap
from collections.abc import Callable
from math import cos, sin

from PIL import Image, ImageDraw, ImageFilter, ImageFont

Motif = Callable[[ImageDraw.ImageDraw, int, random.Random, tuple[str, ...]], None]


def _batik_parang(draw: ImageDraw.ImageDraw, size: int, rnd: random.Random, palette: tuple[str, ...]) -> None:
    step = size // rnd.choice((6, 7, 8))
    ink, accent = palette[1], palette[2]
    for offset in range(-size, size * 2, step):
        draw.line([(offset, 0), (offset - size, size)], fill=ink, width=max(2, step // 5))
        for k in range(0, size, step // 2):
            x, y = offset - k, k
            r = step // 6
            draw.ellipse([x - r + step // 3, y - r, x + r + step // 3, y + r], fill=accent)
            # isen-isen: the small dots batik makers fill every gap with
            draw.ellipse([x + step // 2 - 2, y + step // 4 - 2, x + step // 2 + 2, y + step // 4 + 2], fill=ink)


def _batik_kawung(draw: ImageDraw.ImageDraw, size: int, rnd: random.Random, palette: tuple[str, ...]) -> None:
    step = size // rnd.choice((5, 6, 7))
    ink, accent, third = palette[1], palette[2], palette[3]
    for cx in range(0, size + step, step):
        for cy in range(0, size + step, step):
            r = step // 2 - 2
            # four petals around a centre: the palm-fruit cross-section of kawung
            draw.ellipse([cx - r // 2, cy - r, cx + r // 2, cy], fill=ink)
            draw.ellipse([cx - r // 2, cy, cx + r // 2, cy + r], fill=ink)
            draw.ellipse([cx - r, cy - r // 2, cx, cy + r // 2], fill=accent)
            draw.ellipse([cx, cy - r // 2, cx + r, cy + r // 2], fill=accent)
            draw.ellipse([cx - 4, cy - 4, cx + 4, cy + 4], fill=third)


def _tenun_ikat(draw: ImageDraw.ImageDraw, size: int, rnd: random.Random, palette: tuple[str, ...]) -> None:
    draw.rectangle([0, 0, size, size], fill=palette[1])
    step = size // rnd.choice((4, 5, 6))
    for row, cy in enumerate(range(0, size + step, step)):
        for cx in range(0 if row % 2 else step // 2, size + step, step):
            h = step // 2
            draw.polygon([(cx, cy - h), (cx + h, cy), (cx, cy + h), (cx - h, cy)], fill=palette[2])
            q = h // 2
            draw.polygon([(cx, cy - q), (cx + q, cy), (cx, cy + q), (cx - q, cy)], fill=palette[3])
    for y in range(0, size, max(4, size // 60)):
        if rnd.random() < 0.25:
            draw.line([(0, y), (size, y)], fill=palette[0], width=1)


def _bamboo(draw: ImageDraw.ImageDraw, size: int, rnd: random.Random, palette: tuple[str, ...]) -> None:
    x = 0
    while x < size:
        w = rnd.randint(size // 12, size // 7)
        colour = palette[1] if rnd.random() < 0.6 else palette[2]
        draw.rectangle([x, 0, x + w - 3, size], fill=colour)
        node = rnd.randint(size // 8, size // 3)
        for y in range(node, size, rnd.randint(size // 4, size // 2)):
            draw.rectangle([x, y, x + w - 3, y + max(3, size // 120)], fill=palette[3])
        x += w


def _weave(draw: ImageDraw.ImageDraw, size: int, rnd: random.Random, palette: tuple[str, ...]) -> None:
    step = size // rnd.choice((10, 12, 14))
    for i, x in enumerate(range(0, size, step)):
        for j, y in enumerate(range(0, size, step)):
            over = (i + j) % 2 == 0
            colour = palette[1] if over else palette[3]
            if (i // 3 + j // 3) % 4 == 0:
                colour = palette[2]
            draw.rectangle([x + 1, y + 1, x + step - 2, y + step - 2], fill=colour)
            if over:
                draw.line([(x + 2, y + step // 2), (x + step - 3, y + step // 2)], fill=palette[0], width=1)
            else:
                draw.line([(x + step // 2, y + 2), (x + step // 2, y + step - 3)], fill=palette[0], width=1)


def _bordir(draw: ImageDraw.ImageDraw, size: int, rnd: random.Random, palette: tuple[str, ...]) -> None:
    for _ in range(rnd.randint(5, 8)):
        cx, cy = rnd.randint(size // 8, size * 7 // 8), rnd.randint(size // 8, size * 3 // 4)
        petals, r = rnd.randint(5, 8), rnd.randint(size // 14, size // 8)
        colour = palette[rnd.choice((1, 2, 3))]
        for p in range(petals):
            angle = 6.2832 * p / petals
            px, py = cx + int(cos(angle) * r), cy + int(sin(angle) * r)
            draw.ellipse(
                [px - r // 2, py - r // 2, px + r // 2, py + r // 2], outline=colour, width=max(2, size // 200)
            )
        # kerancang: the open cut centre of the flower
        draw.ellipse([cx - r // 3, cy - r // 3, cx + r // 3, cy + r // 3], fill=palette[0], outline=colour, width=2)
    for x in range(0, size, size // 40):
        draw.arc([x, size * 7 // 10, x + size // 40, size * 7 // 10 + size // 40], 0, 180, fill=palette[1], width=2)


def _vessel(draw: ImageDraw.ImageDraw, size: int, rnd: random.Random, palette: tuple[str, ...]) -> None:
    draw.rectangle([0, size * 3 // 5, size, size], fill=palette[3])
    cx = size // 2
    belly = rnd.randint(size // 4, size // 3)
    neck = belly // rnd.choice((2, 3))
    top, bottom = size // 8, size * 2 // 3
    mid = (top + bottom) // 2 + rnd.randint(-size // 20, size // 20)
    body = [
        (cx - neck, top),
        (cx + neck, top),
        (cx + belly, mid),
        (cx + neck, bottom),
        (cx - neck, bottom),
        (cx - belly, mid),
    ]
    draw.polygon(body, fill=palette[1])
    draw.ellipse([cx - belly, mid - belly // 2, cx + belly, mid + belly // 2], fill=palette[1])
    for k in range(3):
        y = mid - belly // 4 + k * belly // 5
        draw.line([(cx - belly + 10, y), (cx + belly - 10, y)], fill=palette[2], width=max(3, size // 100))
    draw.ellipse([cx - neck, top - neck // 4, cx + neck, top + neck // 4], fill=palette[3])


def _food_label(draw: ImageDraw.ImageDraw, size: int, rnd: random.Random, palette: tuple[str, ...]) -> None:
    step = size // 8
    for i, x in enumerate(range(0, size, step)):
        for j, y in enumerate(range(0, size, step)):
            if (i + j) % 2 == 0:
                draw.rectangle([x, y, x + step, y + step], fill=palette[2])
    m = size // 6
    draw.rounded_rectangle(
        [m, m, size - m, size * 3 // 4 - m // 2],
        radius=size // 12,
        fill=palette[0],
        outline=palette[1],
        width=max(4, size // 80),
    )
    for _ in range(rnd.randint(6, 10)):
        r = rnd.randint(size // 40, size // 18)
        x, y = rnd.randint(m * 2, size - m * 2), rnd.randint(m * 2, size * 3 // 4 - m)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=palette[rnd.choice((1, 3))])


MOTIFS: dict[str, tuple[Motif, ...]] = {
    "Batik Tulis": (_batik_parang, _batik_kawung),
    "Batik Cap": (_batik_kawung, _batik_parang),
    "Tenun": (_tenun_ikat,),
    "Kriya Bambu": (_bamboo,),
    "Bordir": (_bordir,),
    "Anyaman": (_weave,),
    "Gerabah & Keramik": (_vessel,),
    "Kuliner": (_food_label,),
}


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    # Pillow's bundled font: no dependency on fonts installed on the machine.
    return ImageFont.load_default(size=size)


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrasting(palette: tuple[str, ...]) -> str:
    """The palette colour most readable on the band (the first colour)."""
    band = _luminance(palette[0])
    return max(palette[1:], key=lambda colour: abs(_luminance(colour) - band))


def _title_band(image: Image.Image, *, title: str, subtitle: str, palette: tuple[str, ...]) -> None:
    size = image.width
    draw = ImageDraw.Draw(image)
    band_top = size * 3 // 4
    draw.rectangle([0, band_top, size, size], fill=palette[0])
    draw.rectangle([0, band_top, size, band_top + max(3, size // 150)], fill=palette[1])
    font = _font(max(10, size // 22))
    small = _font(max(8, size // 34))
    lines = textwrap.wrap(title, width=30)[:2]
    y = band_top + size // 40
    for line in lines:
        draw.text((size // 20, y), line, fill=_contrasting(palette), font=font)
        y += size // 18
    draw.text((size // 20, size - size // 16), subtitle, fill=palette[1], font=small)


def product_image_render(*, key: str, category: str, title: str, subtitle: str,
                         palette: tuple[str, ...], size: int) -> bytes:
    """A square JPEG for a product, the same bytes for the same arguments."""
    rnd = random.Random(key)
    image = Image.new("RGB", (size, size), palette[0])
    draw = ImageDraw.Draw(image)
    motifs = MOTIFS.get(category, (_weave,))
    motifs[rnd.randrange(len(motifs))](draw, size, rnd, palette)
    if category == "Tenun":
        # ikat's threads are dyed before weaving, so its edges bleed
        image = image.filter(ImageFilter.GaussianBlur(radius=max(1, size // 250)))
    _title_band(image, title=title, subtitle=subtitle, palette=palette)
    return _jpeg(image)


def portrait_render(*, key: str, initials: str, palette: tuple[str, ...], size: int) -> bytes:
    """A simple silhouette with the maker's initials: a placeholder portrait."""
    rnd = random.Random(key)
    image = Image.new("RGB", (size, size), palette[0])
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        r = rnd.randint(size // 12, size // 5)
        x, y = rnd.randint(0, size), rnd.randint(0, size)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=palette[rnd.choice((2, 3))])
    cx = size // 2
    draw.ellipse([cx - size // 6, size // 5, cx + size // 6, size // 5 + size // 3], fill=palette[1])
    draw.pieslice(
        [cx - size // 3, size * 3 // 5, cx + size // 3, size * 3 // 5 + size * 2 // 3], 180, 360, fill=palette[1]
    )
    font = _font(max(12, size // 8))
    draw.text((cx, size * 5 // 6), initials, fill=palette[0], font=font, anchor="mm")
    return _jpeg(image)


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=False)
    return buffer.getvalue()


def campaign_banner_render(*, key: str, title: str, subtitle: str, palette: tuple[str, ...],
                           width: int = 1200, height: int = 480) -> bytes:
    """A wide campaign banner: a batik parang field with the campaign's name on a band."""
    rnd = random.Random(key)
    field = Image.new("RGB", (width, width), palette[0])
    _batik_parang(ImageDraw.Draw(field), width, rnd, palette)
    image = field.crop((0, 0, width, height))
    draw = ImageDraw.Draw(image)
    band_top = height * 3 // 5
    draw.rectangle([0, band_top, width, height], fill=palette[0])
    draw.rectangle([0, band_top, width, band_top + max(3, height // 80)], fill=palette[1])
    draw.text((width // 24, band_top + height // 14), title, fill=_contrasting(palette), font=_font(height // 7))
    draw.text((width // 24, height - height // 8), subtitle, fill=palette[1], font=_font(height // 16))
    return _jpeg(image)
