"""Log filters named in settings.LOGGING."""

import logging


class RefusalWithoutTraceback(logging.Filter):
    """A refused request (403 and other 4xx) is one line in the log, not a traceback: the
    refusal is the intended outcome, and a traceback per probe buries real errors."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500 and record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return True
