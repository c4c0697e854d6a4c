"""gunicorn's access log, as config/gunicorn.py configures it: no bearer secret from a path,
and one JSON object per line whatever the path holds."""

import json
import logging
import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from config.access_log import redact

GUNICORN_CONFIG = Path(__file__).resolve().parents[2] / "config" / "gunicorn.py"


@pytest.fixture
def access_lines(monkeypatch):
    """Lines gunicorn's configured logger writes for a request to each path."""
    monkeypatch.setenv("LOG_FORMAT", "text")
    config = Config()
    for name, value in runpy.run_path(str(GUNICORN_CONFIG)).items():
        if name in config.settings:
            config.set(name, value)
    logger = config.logger_class(config)
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    logger.access_log.handlers = [Collect()]

    def request(path: str, method: str = "GET") -> str:
        environ = {
            "REQUEST_METHOD": method,
            "RAW_URI": path,
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "203.0.113.9",
        }
        response = SimpleNamespace(status="200 OK", sent=10, headers=[])
        logger.access(response, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=5))
        return lines[-1]

    return request


@pytest.mark.parametrize(
    "path,shown",
    [
        ("/calendar/k3y-0f-a-feed.ics", "/calendar/[secret].ics"),
        ("/accounts/invitation/inv1tat10n-t0ken/", "/accounts/invitation/[secret]/"),
        ("/accounts/password/reset/key/1a-s3cret-key/", "/accounts/password/reset/key/[secret]/"),
        ("/accounts/password/reset/key/done/", "/accounts/password/reset/key/done/"),
        ("/practices/family-counselling/", "/practices/family-counselling/"),
    ],
)
def test_bearer_secrets_in_a_path_never_reach_the_access_log(access_lines, path, shown):
    line = access_lines(path)
    assert json.loads(line)["path"] == shown
    assert "203.0.113.9" not in line  # nor the visitor's address


def test_a_path_with_a_newline_or_a_quote_stays_one_json_line(access_lines):
    line = access_lines('/search/"},{"forged": 1}\n{"status": 500}')
    assert "\n" not in line
    logged = json.loads(line)
    assert logged["path"] == '/search/"},{"forged": 1}\n{"status": 500}'
    assert set(logged) == {"time", "method", "path", "status", "bytes", "duration_ms"}


def test_redaction_leaves_other_paths_alone():
    assert redact("/visits/12/calendar/") == "/visits/12/calendar/"
