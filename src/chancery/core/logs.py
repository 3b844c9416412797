"""Logging of refusals: a 403 (and any 4xx) is an answer, not an error of ours. Django logs it on
`django.request` with the exception's traceback; the line stays, the traceback goes, so that the
log of `make run` or production is not filled with tracebacks of permission refusals."""

import logging


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
