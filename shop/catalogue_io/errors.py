"""Error codes of the import and their sentences.

Rows keep codes and values (stored, and written by a Celery task that has no
user language); pages turn them into sentences in the reader's language.
"""
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    # whole file
    "file_unreadable": _("The file could not be read as %(format)s: %(detail)s"),
    "file_empty": _("The file has no product rows."),
    "missing_columns": _("Required columns are missing: %(columns)s."),
    "zip_unreadable": _("The images zip could not be opened."),
    "has_errors": _("The file has rows with errors, so nothing was imported. Fix them, or choose to import only "
                    "the valid rows."),
    # cells
    "required": _("Required: this cell is empty."),
    "not_a_number": _("“%(value)s” is not a number."),
    "price_decimal": _("“%(value)s” has decimals: rupiah prices are whole numbers."),
    "price_not_positive": _("The price must be more than Rp 0."),
    "negative": _("“%(value)s” is negative."),
    "not_whole": _("“%(value)s” is not a whole number."),
    "too_large": _("“%(value)s” is more than %(max)s."),
    "unknown_artisan": _("No artisan has the code “%(value)s”."),
    "unknown_category": _("No craft category is called “%(value)s”."),
    "ambiguous_category": _("Several craft categories are called “%(value)s”: write the full path, e.g. "
                            "“Parent > Child”."),
    "unknown_region": _("No region has the slug or name “%(value)s”."),
    "duplicate_sku": _("SKU “%(value)s” is also on row %(row)s of this file."),
    "bad_date": _("“%(value)s” is not a date: write YYYY-MM-DD, e.g. 2027-06-30."),
    "bad_certificate": _("“%(value)s” is not a certificate: write kind:number:expiry, e.g. "
                         "halal:ID35110000123:2027-06-30."),
    "unknown_certificate_kind": _("“%(value)s” is not a certificate kind (halal, pirt, sni, batikmark, ig)."),
    "bad_boolean": _("“%(value)s” is not yes or no (ya/tidak)."),
    "too_long": _("Longer than %(max)s characters."),
    "image_not_in_zip": _("Image “%(value)s” is not in the uploaded zip."),
    "image_no_zip": _("Image “%(value)s” is a file name, but no images zip was uploaded."),
    "image_bad_url": _("“%(value)s” is not an http(s) address."),
    "image_fetch_failed": _("Image “%(value)s” could not be fetched: %(detail)s"),
    "image_too_large": _("Image “%(value)s” is larger than %(max)s MB."),
    "image_not_an_image": _("“%(value)s” is not a JPEG, PNG or WebP image."),
    "row_failed": _("This row could not be saved: %(detail)s"),
}

#: What happened to a row at import, shown on the result page.
OUTCOMES = {
    "created": _("Created"),
    "updated": _("Updated"),
    "submitted": _("Submitted for curation"),
    "approved": _("Approved by the curator's import"),
    "approval_refused": _("Not approved (stays submitted): %(detail)s"),
    "revision": _("Changes wait for curation; the live version stays"),
    "edited": _("Applied as a curator's edit"),
    "stock_updated": _("Stock applied at once"),
    "export_ready_kept": _("Export-ready level unchanged: it is a curator's decision"),
    "certificates_added": _("%(count)s certificate(s) added, waiting for review"),
    "unchanged": _("No change"),
    "skipped": _("Skipped: the row has errors"),
}


def message(entry: dict, table=MESSAGES) -> str:
    """The sentence for ``{"code": ..., "params": {...}}`` in the active language."""
    template = table.get(entry.get("code"), entry.get("code", ""))
    params = entry.get("params") or {}
    try:
        return str(template) % params if params else str(template)
    except (KeyError, TypeError, ValueError):
        return str(template)


def outcome_message(entry: dict) -> str:
    return message(entry, OUTCOMES)
