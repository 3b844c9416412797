"""Logging of refusals: a 403 (and any 4xx) is an answer, not an error of ours. Django logs it on
`django.request` with the exception's traceback; the line stays, the traceback goes, so that the
log of `make run` or production is not filled with tracebacks of permission refusals."""

import datetime
import json
import logging

from chancery.core.context import channel, request_id


class RefusalWithoutTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if 400 <= getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True


class OfflineRevocationNotice(logging.Filter):
    """pyHanko warns at every signature that validation data is embedded while fetching is off.
    Outside production that is our configuration, not an incident: the revocation data comes from
    the local CRL files (`CHANCERY_SIGNING_CRLS`) and the system makes no network calls. The demo
    alone printed it over a hundred times, drowning what an operator needs. In production fetching
    is on and the notice does not arise; every other pyHanko warning still comes through."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "fetching is not allowed" not in record.getMessage()


class RequestContext(logging.Filter):
    """Adds the request id and the channel to every record (a task's are those of the request that
    queued it, core.background), so that a request and its background work are found together."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id() or None
        record.channel = channel()
        return True


# Fields a record may carry that say something about the answer, never about a person.
EXTRA_FIELDS = ("status_code",)


class JsonFormatter(logging.Formatter):
    """One JSON object per line (CHANCERY_LOG_FORMAT=json, the default in production): time (UTC),
    level, logger, message, request id, channel, and the traceback when there is one. The message is
    the code's own text; the code logs no document text and no personal data (names, e-mail
    addresses, what was searched): ids and counts only."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
            "channel": getattr(record, "channel", None),
        }
        for field in EXTRA_FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
