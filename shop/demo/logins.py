"""The demo logins: one place for the loader, ``demo_banner`` and the README.

Demo only. ``load_demo_catalogue`` refuses to run under production settings
unless forced, because these passwords are public.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoLogin:
    role: str  # admin, curator, artisan, buyer
    label: str  # what the banner says the login is for
    username: str
    email: str
    password: str
    first_name: str
    last_name: str
    #: For artisans: the code of the partner (artisan business) they act for.
    artisan: str = ""
    #: Where to start after logging in.
    start_path: str = "/"


DEMO_PASSWORD = "kriya-demo"

DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("admin", "Admin (superuser)", "admin", "admin@galerikriya.test", DEMO_PASSWORD,
              "Admin", "Galeri", start_path="dashboard/"),
    DemoLogin("curator", "Kurator (curator)", "kurator", "kurator@galerikriya.test", DEMO_PASSWORD,
              "Ratna", "Kurniasari", start_path="dashboard/curation/"),
    DemoLogin("artisan", "Perajin: Rumah Batik Gentongan Siti", "siti", "siti@galerikriya.test", DEMO_PASSWORD,
              "Siti", "Maimunah", artisan="batik-gentongan-tanjungbumi", start_path="dashboard/"),
    DemoLogin("artisan", "Perajin: Tenun Ikat Parengan", "fauzi", "fauzi@galerikriya.test", DEMO_PASSWORD,
              "Ahmad", "Fauzi", artisan="tenun-parengan", start_path="dashboard/"),
    # The two artisans of the demo's two-parcel checkout (a Surabaya sambal, a Trenggalek lamp).
    DemoLogin("artisan", "Perajin: Sambal Arek Suroboyo", "dewi", "dewi@galerikriya.test", DEMO_PASSWORD,
              "Dewi", "Lestari", artisan="sambal-suroboyo", start_path="dashboard/"),
    DemoLogin("artisan", "Perajin: Bambu Lestari Trenggalek", "suyono", "suyono@galerikriya.test", DEMO_PASSWORD,
              "Suyono", "", artisan="bambu-trenggalek", start_path="dashboard/"),
    DemoLogin("buyer", "Pembeli (buyer)", "pembeli", "pembeli@galerikriya.test", DEMO_PASSWORD,
              "Dian", "Pratiwi", start_path=""),
)


def demo_banner_render(*, url: str) -> str:
    """The URL and the logins in a box, for the terminal that runs `make run`."""
    base = url if url.endswith("/") else url + "/"
    rows = [(login.label, login.email, login.password, "/" + login.start_path) for login in DEMO_LOGINS]
    header = ("Login", "Email", "Password", "Start at")
    widths = [max(len(header[i]), *(len(row[i]) for row in rows)) for i in range(4)]

    def line(cells) -> str:
        return (
            "\u2502 "
            + "  ".join(str(cell).ljust(width) for cell, width in zip(cells, widths, strict=False))
            + " \u2502"
        )

    inner = sum(widths) + 2 * (len(widths) - 1)
    intro = [f"Galeri Kriya is running at {base}", f"Emails it sends: {base}dashboard/outbox/ (staff)",
             f"(English: {base}en/)  Demo logins:"]
    inner = max(inner, *(len(text) for text in intro))
    widths[-1] += inner - (sum(widths) + 2 * (len(widths) - 1))
    out = [
        "\u250c" + "\u2500" * (inner + 2) + "\u2510",
        *("\u2502 " + text.ljust(inner) + " \u2502" for text in intro),
        "\u251c" + "\u2500" * (inner + 2) + "\u2524",
        line(header),
        *(line(row) for row in rows),
        "\u2514" + "\u2500" * (inner + 2) + "\u2518",
    ]
    return "\n".join(out)


def demo_logins_markdown() -> str:
    """The same logins as a Markdown table (what README.md shows)."""
    lines = ["| login | email | password |", "|---|---|---|"]
    lines += [f"| {login.label} | `{login.email}` | `{login.password}` |" for login in DEMO_LOGINS]
    return "\n".join(lines)


def demo_lockouts_clear() -> int:
    """Forget failed logins of the demo accounts (django-axes), so a restart always lets them in."""
    from axes.utils import reset

    names = {name.lower() for login in DEMO_LOGINS for name in (login.email, login.username)}
    return sum(reset(username=name) for name in sorted(names))
