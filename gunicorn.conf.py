"""gunicorn's settings for SIGAP in production (README, "Production").

Run `gunicorn` from the project folder: gunicorn reads this file from the folder it
starts in without being told (elsewhere: `gunicorn -c /path/to/sigap/gunicorn.conf.py`).
Options given on the command line (`--bind`, `--workers`, ...) override these.

Nothing gunicorn writes may show a WBS visit: its logger leaves every request that does
out of the access log and every line that names one out of the error log, at any level,
even with `--log-level debug` or an `--access-logfile` (wbs/gunicorn_logger.py).
"""

from wbs.gunicorn_logger import referer_of
from wbs.traces import reveals_reporter

wsgi_app = "config.wsgi:application"
# The proxy in front reaches gunicorn here (the README's nginx snippet proxies to it).
bind = ["127.0.0.1:8000"]

# No access log: the proxy keeps one, without the WBS, and gunicorn would only see the
# proxy's address. The error log goes to standard error (the service manager's journal).
accesslog = None
errorlog = "-"
loglevel = "info"
logger_class = "wbs.gunicorn_logger.ReporterSilentLogger"
# Django's own output stays on standard error, filtered by Django's logging settings.
capture_output = False
proc_name = "sigap"


def post_worker_init(worker):
    """The worker has loaded SIGAP: keep what it loaded out of the garbage collector's
    walks (config.heap)."""
    from config import heap

    heap.settle()


def pre_request(worker, req):
    """gunicorn's own hook writes "GET /path" of every request at debug level; this one
    leaves out the requests that show a WBS visit before they reach the log at all."""
    if not reveals_reporter(req.path, referer_of(req)):
        worker.log.debug("%s %s", req.method, req.path)
