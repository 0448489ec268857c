"""The council's curation criteria, shown as a checklist beside every submission.

Each criterion has a hint computed from the product (what a curator should look
at); the curator ticks the box, and approving needs every box ticked.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str
    question: str


CRITERIA = (
    Criterion("quality", _("Quality of make"),
              _("Is the piece well made: neat finishing, sound materials, true to its technique?")),
    Criterion("design", _("Design"), _("Does the design carry the craft and the region with character?")),
    Criterion("story", _("Story"), _("Is the story true, clear and written in both languages?")),
    Criterion("certification", _("Valid certification"),
              _("Are the certificates its craft needs present and not expired?")),
    Criterion("photos", _("Photos"), _("Do the photos show the piece clearly, in good light, from several sides?")),
)
CRITERIA_CODES = tuple(criterion.code for criterion in CRITERIA)


def criteria_hints(product) -> dict[str, tuple[bool, str]]:
    """(looks fine, what we see) per criterion, from the product's data alone."""
    today = timezone.localdate()
    certifications = list(product.certifications.all())
    expired = [c for c in certifications if c.expiry_date is not None and c.expiry_date < today]
    photos = len(product.images.all())
    stories = [bool(product.story.strip()), bool(product.story_en.strip())]
    if all(stories):
        story = (True, _("Story in Indonesian and English."))
    elif any(stories):
        story = (False, _("Story in one language only."))
    else:
        story = (False, _("No story yet."))
    if expired:
        certification = (False, _("Expired: %(list)s") % {"list": ", ".join(str(c) for c in expired)})
    elif certifications:
        certification = (True, ", ".join(str(c) for c in certifications))
    else:
        certification = (True, _("No certificate recorded (check whether the craft needs one)."))
    return {
        "quality": (bool(product.materials and product.technique),
                    _("Materials: %(materials)s · Technique: %(technique)s") % {
                        "materials": product.materials or "—", "technique": product.technique or "—"}),
        "design": (True, str(product.region) if product.region_id else _("No region of origin given.")),
        "story": story,
        "certification": certification,
        "photos": (photos > 0, ngettext("%(count)d photo", "%(count)d photos", photos) % {"count": photos}),
    }
