"""gunicorn's settings: `.venv/bin/gunicorn -c config/gunicorn.py` (README "Production").

Everything comes from the environment, like the Django settings. The access log names the
request's method, path (never its query string: search terms; secrets in it replaced), status,
size and duration, and never the visitor's address: members of this network are themselves
targets.
"""

import os
from pathlib import Path

import environ

from config.log_format import JSON_FORMATTER

# The same .env as the Django settings read (config/settings.py), read before them.
if (Path(__file__).resolve().parent.parent / ".env").is_file():
    environ.Env.read_env(Path(__file__).resolve().parent.parent / ".env")

wsgi_app = "config.wsgi:application"
bind = os.environ.get("BIND", "127.0.0.1:8000")
# Sync workers, one per core by default: pages are CPU-bound, and the slow work (matching,
# e-mail, the schedule) runs in `manage.py worker`.
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Workers are not recycled by default: a new one takes a second or more to start and to fill
# its memos, which at a few thousand requests per second showed as 1.5-2 s at the 99th
# percentile (bench/http_load.py). GUNICORN_MAX_REQUESTS sets a number if memory creeps up.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 0))
max_requests_jitter = max_requests // 10
# The reverse proxy in front (nginx, Caddy...) sets X-Forwarded-Proto; trust it only from there.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 (heartbeat files)

accesslog = "-" if os.environ.get("ACCESS_LOG", "true").lower() == "true" else None
# Bearer secrets in a path (a calendar feed's token, an invitation's) never reach the log, and
# every line stays one JSON object (config/access_log.py).
logger_class = "config.access_log.AccessLogger"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning").lower()
access_log_format = (
    '{"time": "%(t)s", "method": "%(m)s", "path": "%(U)s", "status": %(s)s, '
    '"bytes": "%(B)s", "duration_ms": %(M)s}'
)
if os.environ.get("LOG_FORMAT", "text") == "json":
    # The error log as JSON objects too, in the shape of the site's own (config/settings.py).
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": JSON_FORMATTER,
            "access": {"format": "%(message)s"},  # already a JSON object
        },
        "handlers": {
            "error": {"class": "logging.StreamHandler", "formatter": "json"},
            "access": {
                "class": "logging.StreamHandler",
                "formatter": "access",
                "stream": "ext://sys.stdout",
            },
        },
        # gunicorn's own defaults name a "console" handler for the root logger: replaced too.
        "root": {"handlers": ["error"], "level": loglevel.upper()},
        "loggers": {
            "gunicorn.error": {
                "handlers": ["error"],
                "level": loglevel.upper(),
                "propagate": False,
            },
            "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        },
    }
