"""gunicorn's access log without bearer secrets (config/gunicorn.py's `logger_class`).

Some addresses are secrets themselves: a calendar feed's token, an invitation's, a password
reset's key. Whoever reads the log (a log collector, a support person, a backup of the logs)
could subscribe to a member's visits or take over an account. They are replaced by "[secret]"
before the line is written. Every text the request chose is escaped for JSON, so a path holding
a quote or a newline (%0A) can neither end the line's object early nor split it in two.
"""

import json
import re

from gunicorn.glogging import Logger, SafeAtoms

SECRETS_IN_PATHS = [
    re.compile(r"(?<=/calendar/)[^/]+(?=\.ics)"),
    re.compile(r"(?<=/invitation/)[^/]+"),
    re.compile(r"(?<=/password/reset/key/)(?!done/)[^/]+"),
    re.compile(r"(?<=/confirm-email/)[^/]+"),
]
# The atoms that can hold a path: the path, the request line, the query.
FROM_THE_REQUEST = ("U", "r", "q")


def redact(path: str) -> str:
    for secret in SECRETS_IN_PATHS:
        path = secret.sub("[secret]", path)
    return path


def json_text(value: str) -> str:
    """The value as the inside of a JSON string: quotes, backslashes and control characters
    escaped."""
    return json.dumps(value)[1:-1]


class JsonAtoms(SafeAtoms):
    """gunicorn's atoms, each text escaped for JSON (gunicorn's own escape only quotes, and
    would escape our escapes again)."""

    def __init__(self, atoms):
        dict.__init__(self)
        for key, value in atoms.items():
            self[key] = json_text(value) if isinstance(value, str) else value


class AccessLogger(Logger):
    atoms_wrapper_class = JsonAtoms

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in FROM_THE_REQUEST:
            if isinstance(atoms.get(name), str):
                atoms[name] = redact(atoms[name])
        return atoms
