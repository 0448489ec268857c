"""Dashboard statuses: stored in Indonesian, named in the reader's language."""
from django.template import Context, Template
from django.utils import translation


def render(status, language):
    with translation.override(language):
        return Template("{% load dashboard_status %}{{ status|status_name }}").render(Context({"status": status}))


def test_statuses_read_in_english_on_english_pages_and_as_stored_in_indonesian():
    assert [render(s, "en") for s in ("Baru", "Diproses", "Dikirim", "Selesai", "Dibatalkan")] == [
        "New", "Processing", "Shipped", "Completed", "Cancelled"]
    assert [render(s, "id") for s in ("Baru", "Diproses", "Dikirim", "Selesai", "Dibatalkan")] == [
        "Baru", "Diproses", "Dikirim", "Selesai", "Dibatalkan"]
    assert render("Something else", "en") == "Something else"
