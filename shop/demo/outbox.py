"""The demo's outbox: the emails Django's file backend wrote under EMAIL_FILE_PATH.

The demo (shop.settings.local) sends mail to files instead of the console, so
the web process's output stays readable; staff read them at /dashboard/outbox/.
Django's file backend appends each message's MIME text to one ``.log`` file per
connection, followed by a line of 79 dashes.
"""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path

from django.conf import settings

SEPARATOR = b"\n" + b"-" * 79 + b"\n"
FILE_NAME = re.compile(r"^[\w.-]+\.log$")


@dataclass
class OutboxEmail:
    key: str  # "<file name>:<index in file>", what the detail URL names
    sent: dt.datetime | None
    to: str
    subject: str
    text: str
    html: str


def outbox_dir() -> Path | None:
    path = getattr(settings, "EMAIL_FILE_PATH", None)
    if settings.EMAIL_BACKEND != "django.core.mail.backends.filebased.EmailBackend" or not path:
        return None
    return Path(path)


def outbox_emails(*, limit: int = 50) -> list[OutboxEmail]:
    """The latest emails first (files by modification time, messages within a file in reverse)."""
    folder = outbox_dir()
    if folder is None or not folder.is_dir():
        return []
    found: list[OutboxEmail] = []
    files = sorted((f for f in folder.iterdir() if FILE_NAME.match(f.name)), key=lambda f: f.stat().st_mtime,
                   reverse=True)
    for file in files:
        for index, raw in reversed(list(enumerate(_messages(file)))):
            found.append(_parse(f"{file.name}:{index}", raw))
            if len(found) >= limit:
                return found
    return found


def outbox_email(*, key: str) -> OutboxEmail | None:
    folder = outbox_dir()
    name, _, index = key.rpartition(":")
    if folder is None or not FILE_NAME.match(name) or not index.isdigit():
        return None
    file = folder / name
    if not file.is_file():
        return None
    messages = _messages(file)
    if int(index) >= len(messages):
        return None
    return _parse(key, messages[int(index)])


def _messages(file: Path) -> list[bytes]:
    return [chunk for chunk in file.read_bytes().split(SEPARATOR) if chunk.strip()]


def _parse(key: str, raw: bytes) -> OutboxEmail:
    message = email.message_from_bytes(raw.lstrip(b"\n"), policy=email.policy.default)
    text = html = ""
    for part in message.walk():
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        if part.get_content_type() == "text/plain" and not text:
            text = part.get_content()
        elif part.get_content_type() == "text/html" and not html:
            html = part.get_content()
    try:
        sent = parsedate_to_datetime(message["Date"]) if message["Date"] else None
    except (TypeError, ValueError):
        sent = None
    return OutboxEmail(key=key, sent=sent, to=str(message["To"] or ""), subject=str(message["Subject"] or ""),
                       text=text, html=html)
