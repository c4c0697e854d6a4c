"""Error reports to Sentry (or a compatible service), when SENTRY_DSN is set.

A report says what broke and where in the code: the exception's type, the stack's file names,
functions and lines, the URL's path, the request's method, the release. Nothing about whom it
broke for: practitioners in this field are themselves targets, and a reflection can name a
client's faith, health or record. So the SDK is told not to collect personal data, variables or
bodies, and `scrub` removes what would still carry any, whatever a later SDK version adds:
the exception's message (an integrity error quotes the row), query strings (search terms),
headers and cookies, the user, log arguments and breadcrumbs' data (SQL parameters).
"""

from typing import Any

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.logging import LoggingIntegration

WITHHELD = "[withheld]"
# The parts of an event that describe the code and the deployment, never a person.
KEPT_KEYS = {
    "event_id",
    "timestamp",
    "platform",
    "level",
    "logger",
    "transaction",
    "transaction_info",
    "server_name",
    "release",
    "environment",
    "dist",
    "sdk",
    "modules",
    "contexts",
    "exception",
    "threads",
    "request",
    "logentry",
    "breadcrumbs",
    "tags",
    "fingerprint",
    "type",
}
KEPT_CONTEXTS = {"runtime", "os", "trace"}


def start(*, dsn: str, environment: str = "") -> None:
    sentry_sdk.init(**options(dsn=dsn, environment=environment))


def options(*, dsn: str, environment: str = "") -> dict[str, Any]:
    """The SDK's options: no personal data, variables, source or bodies; errors only."""
    return {
        "dsn": dsn,
        "environment": environment or None,
        # Nothing about the user, cookies, headers, bodies, query strings, SQL values, variables
        # or source lines (the SDK's own switches; `scrub` below holds whatever they miss).
        "data_collection": {
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "off"}},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "database_query_data": False,
            "queues": False,
            "stack_frame_variables": False,
            "frame_context_lines": 0,
        },
        "max_request_body_size": "never",
        "traces_sample_rate": 0,
        "integrations": [
            DjangoIntegration(),
            LoggingIntegration(event_level="ERROR", sentry_logs_level=None),
        ],
        "before_send": scrub,
        "before_breadcrumb": scrub_breadcrumb,
    }


def scrub(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """The event without anything that could describe a person (see the module's docstring)."""
    for key in set(event) - KEPT_KEYS:
        del event[key]
    for key in set(event.get("contexts", {})) - KEPT_CONTEXTS:
        del event["contexts"][key]
    request = event.get("request") or {}
    event["request"] = {
        "method": request.get("method"),
        # The path only: a query string holds search terms and tokens.
        "url": (request.get("url") or "").split("?")[0],
    }
    for exception in (event.get("exception") or {}).get("values", []):
        if exception.get("value"):
            exception["value"] = WITHHELD
        for frame in (exception.get("stacktrace") or {}).get("frames", []):
            for key in ("vars", "pre_context", "context_line", "post_context"):
                frame.pop(key, None)
    logentry = event.get("logentry")
    if logentry:
        # The template of the logged message, without the values put into it.
        event["logentry"] = {"message": logentry.get("message")}
    breadcrumbs = event.get("breadcrumbs") or {}
    for crumb in breadcrumbs.get("values", []):
        scrub_breadcrumb(crumb)
    return event


def scrub_breadcrumb(crumb: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """A breadcrumb keeps its kind and time; a logged message or an SQL statement's values go."""
    crumb.pop("data", None)
    if crumb.get("category") != "query":
        crumb.pop("message", None)
    return crumb
