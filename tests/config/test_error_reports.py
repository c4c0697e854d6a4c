"""What an error report would carry: the code's side of a failure, nothing about a person.

The real SDK runs with a transport that keeps the envelopes it would send (the way Sentry's own
test suite captures them), and a real request fails in a real view holding a member's address,
reflection text, a search term, cookies and headers."""

import io
import json
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

from django.test import Client, override_settings

import pytest
import sentry_sdk
from sentry_sdk.transport import Transport

from config import error_reports
from config.wsgi import application
from demo.factories import UserFactory

REFLECTION = "Her son, back from the camp, now prays at the Al-Noor mosque and sees Dr Haxhi."
SEARCH_TERM = "returnee-family-berisha"


class KeptEnvelopes(Transport):
    def __init__(self, options=None):
        super().__init__(options)
        self.envelopes = []

    def capture_envelope(self, envelope):
        self.envelopes.append(envelope)


@pytest.fixture
def reports():
    transport = KeptEnvelopes()
    options = error_reports.options(dsn="https://public@errors.example.org/1", environment="test")
    sentry_sdk.init(transport=transport, **options)
    yield transport
    sentry_sdk.get_client().close()
    sentry_sdk.init()  # no DSN: nothing is reported after this test


# Committed data: the WSGI handler closes the connection a test transaction would hold.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(ROOT_URLCONF="tests.config.failing_urls")
def test_a_report_names_the_failure_and_the_code_never_the_person(reports):
    member = UserFactory(email="mentor.example@ngo.example.org", first_name="Ardita")
    client = Client()
    client.force_login(member)
    body = urlencode({"reflection": REFLECTION}).encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/test-failure/",
        "QUERY_STRING": f"q={SEARCH_TERM}",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "HTTP_COOKIE": f"sessionid={client.cookies['sessionid'].value}; csrftoken=abc",
        "HTTP_USER_AGENT": "Member's browser 1.0",
        "REMOTE_ADDR": "203.0.113.7",
    }
    setup_testing_defaults(environ)
    statuses = []
    # Through the WSGI application a server calls, with the SDK's WSGI wrapping, as in production.
    b"".join(application(environ, lambda status, headers, exc_info=None: statuses.append(status)))
    assert statuses[0].startswith("500")
    sentry_sdk.flush()

    events = [
        item.payload.json
        for envelope in reports.envelopes
        for item in envelope.items
        if item.type == "event"
    ]
    assert len(events) == 1
    event = events[0]
    sent = json.dumps(event)

    # What it carries: enough to find the bug.
    exception = event["exception"]["values"][-1]
    assert exception["type"] == "IntegrityError"
    assert exception["value"] == error_reports.WITHHELD
    functions = [frame["function"] for frame in exception["stacktrace"]["frames"]]
    assert "fail_with_personal_data" in functions
    assert event["request"] == {"method": "POST", "url": "http://127.0.0.1/test-failure/"}
    assert event["environment"] == "test"

    # What it never carries.
    for private in (
        member.email,
        "Ardita",
        "Al-Noor",
        "Haxhi",
        SEARCH_TERM,
        "sessionid",
        "csrftoken",
        "Member's browser",
        "203.0.113.7",
    ):
        assert private not in sent, private
    assert "user" not in event
    for frame in exception["stacktrace"]["frames"]:
        assert "vars" not in frame
        assert "context_line" not in frame


def test_scrub_keeps_a_logged_messages_template_not_its_values():
    event = {
        "logentry": {"message": "Sent %s to %s", "params": ["x", "a@b.org"], "formatted": "..."},
        "extra": {"reflection": REFLECTION},
        "user": {"email": "a@b.org"},
        "breadcrumbs": {
            "values": [
                {"category": "query", "message": "SELECT 1 WHERE e = %s", "data": {"p": "a@b"}},
                {"category": "django", "message": "a@b.org signed in"},
            ]
        },
    }
    scrubbed = error_reports.scrub(event)
    assert scrubbed["logentry"] == {"message": "Sent %s to %s"}
    assert "extra" not in scrubbed and "user" not in scrubbed
    assert scrubbed["breadcrumbs"]["values"] == [
        {"category": "query", "message": "SELECT 1 WHERE e = %s"},
        {"category": "django"},
    ]
