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
