"""One log format for every process (web, Celery worker and beat, simulators, local Stripe).

Settings name these by dotted path in ``LOGGING``; processes that are not Django
(``shop.payments.localstripe_server``) call ``configure_standalone``.
"""
from __future__ import annotations

import logging
import logging.config
from datetime import datetime
from zoneinfo import ZoneInfo

#: Every line's time is Jakarta time with its offset, whatever the machine's zone.
LOG_ZONE = ZoneInfo("Asia/Jakarta")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class JakartaFormatter(logging.Formatter):
    """``2026-11-30T14:05:09.123+07:00 INFO name: message``."""

    def formatTime(self, record, datefmt=None):  # noqa: N802 (logging's name)
        return datetime.fromtimestamp(record.created, LOG_ZONE).isoformat(timespec="milliseconds")


class ClientErrorsOneLine(logging.Filter):
    """A 4xx is the client's doing: keep Django's one line ("Not Found: /x"), drop the traceback.

    Django logs 403, 404 and 400 with ``exc_info`` of the exception that made them
    (``django.request`` and ``django.security.*``); a 5xx keeps its traceback.
    """

    def filter(self, record):
        status = getattr(record, "status_code", None)
        if status is not None and status < 500 and record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return True


def logging_config(*, level: str = "INFO", quiet: dict[str, str] | None = None) -> dict:
    """The ``LOGGING`` dict every process shares: one console handler, one format, one zone."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"()": "shop.log.JakartaFormatter", "format": LOG_FORMAT}},
        "filters": {"client_errors_one_line": {"()": "shop.log.ClientErrorsOneLine"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain",
                                 "filters": ["client_errors_one_line"]}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {name: {"level": value} for name, value in (quiet or {}).items()},
    }


def configure_standalone(*, level: str = "INFO", quiet: dict[str, str] | None = None) -> None:
    """The same format in a process that does not load Django's settings."""
    logging.config.dictConfig(logging_config(level=level, quiet=quiet))
