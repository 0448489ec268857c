"""Bilingual content stored as paired fields: Indonesian, the source language,
in the plain field (``story``) and English beside it (``story_en``)."""
from django.utils.translation import get_language


def in_active_language(obj, field, *, source=None):
    """The ``<field>_en`` text when English is active and filled, else ``<field>``.

    Indonesian is the source language of every story, so it is the fallback.
    ``source`` names the Indonesian field when it is not ``<field>``.
    """
    if (get_language() or "id").startswith("en"):
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, source or field, "")
