"""gunicorn's logger for SIGAP: nothing it writes shows a WBS visit, at any level.

gunicorn dates every line it writes. At its debug level it writes the method and path of
every request ("GET /wbs/laporan/"), and an access log, if an operator adds one, writes
every request with the address it came from, its referrer and the browser. Either would
date each visit to the WBS, reads included, which SIGAP itself never records.

This logger (gunicorn.conf.py's `logger_class`) leaves out of the access log every
request that shows a WBS visit, judged by its path and referrer (wbs.traces), whatever
the log's format; and drops from the error log, at every level, each line that names
such a request. It imports nothing of Django: gunicorn's master process makes it.
"""

from __future__ import annotations

from gunicorn import glogging

from .traces import ReporterLineFilter, reveals_reporter


class ReporterSilentLogger(glogging.Logger):
    def setup(self, cfg):
        super().setup(cfg)
        # On the logger itself, so the filter holds for every handler (file, stream,
        # syslog, or a logging configuration of the operator's); setup runs again on
        # each reload.
        if not any(isinstance(known, ReporterLineFilter) for known in self.error_log.filters):
            self.error_log.addFilter(ReporterLineFilter())

    def access(self, resp, req, environ, request_time):
        if reveals_reporter(getattr(req, "path", ""), referer_of(req, environ)):
            return
        super().access(resp, req, environ, request_time)


def referer_of(req, environ=None) -> str:
    """The Referer a request to gunicorn was sent with ("" when none)."""
    if environ and environ.get("HTTP_REFERER"):
        return environ["HTTP_REFERER"]
    return next((value for name, value in getattr(req, "headers", ()) if name.upper() == "REFERER"), "")
