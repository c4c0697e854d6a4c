"""No input a user can send gives a 500. Hypothesis posts generated values to every form and
filter of the site and of the admin views we wrote (and to the Wagtail views every member can
open), as the role that may use each; the fields are read from the page's own HTML, so a new
field is fuzzed without a change here. CI runs it on SQLite and on PostgreSQL.

Values are what a hostile user tries: ids past 2**63, negative and fractional numbers, text
with NUL and control characters, search syntax (quotes, AND, OR, NOT), impossible dates, very
long strings, several values for one field, CSV files with oversized fields. The run is
derandomised (the same inputs on every run); HYPOTHESIS_EXAMPLES raises the count to explore.
One test per form or filter, so the test processes share them."""

import os
from dataclasses import dataclass
from html.parser import HTMLParser

from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.sweep

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "12"))
DERANDOMIZE = "HYPOTHESIS_EXAMPLES" not in os.environ


@dataclass(frozen=True)
class Target:
    role: str
    url: str  # with {ids} from the world
    method: str = "post"
    extra: tuple[str, ...] = ()  # parameters the page's form does not show (API, listings)


TARGETS = [
    # The member's own pages.
    Target("member_a", "/profile/"),
    Target("member_a", "/members/", "get", ("page",)),
    Target("member_a", "/profile/delete/"),
    Target("member_b", "/calendar/"),
    # Offers, applications and visits.
    Target("host_a", "/offers/new/"),
    Target("host_a", "/offers/{offer}/edit/"),
    Target("member_b", "/apply/"),
    Target("member_b", "/apply/?offer={offer}"),
    Target("member_a", "/apply/?offer={offer}"),
    Target("member_b", "/applications/{application}/withdraw/"),
    Target("host_a", "/visits/{visit}/agreement/"),
    Target("member_b", "/visits/{visit}/amendments/"),
    Target("host_a", "/visits/{visit}/agenda/"),
    Target("member_b", "/visits/{visit}/cancel/", extra=("reason",)),
    Target("host_a", "/visits/{visit}/decline/", extra=("reason",)),
    # Reflections: the answer form of a phase (its hidden slot fields too), sharing.
    Target("member_b", "/visits/{visit}/reflections/before/"),
    Target("member_b", "/visits/{visit}/reflections/during/", extra=("question", "goal", "day")),
    Target("member_b", "/reflections/{entry}/share/", extra=("audience", "share")),
    # Excerpts: proposing through the gate, revising, approving, a coordinator's suggestion.
    Target("member_b", "/reflections/{entry}/excerpt/", extra=("key-1", "reason-1")),
    Target("member_b", "/excerpts/{excerpt}/revise/", extra=("text", "attribution", "checklist")),
    Target("member_b", "/excerpts/{excerpt}/approve/", extra=("number", "digest", "checklist")),
    Target("coordinator", "/excerpts/{excerpt}/suggest/", extra=("text", "reason")),
    # Public pages: the library, search and its suggestions.
    Target("anonymous", "/practices/", "get", ("page", "archived", "q")),
    Target("anonymous", "/search/", "get", ("q", "page", "challenge", "country", "level")),
    Target("anonymous", "/search/autocomplete/", "get", ("q",)),
    Target("anonymous", "/accounts/login/"),
    Target("anonymous", "/accounts/password/reset/"),
    # The admin views we wrote.
    Target("coordinator", "/admin/invitations/", "get", ("q", "p", "ordering")),
    Target("coordinator", "/admin/invitations/new/"),
    Target("coordinator", "/admin/invitations/import/"),
    Target("coordinator", "/admin/profiles/", "get", ("q", "p", "ordering")),
    Target("coordinator", "/admin/profiles/new/"),
    Target("coordinator", "/admin/profiles/edit/{profile}/"),
    Target("coordinator", "/admin/visits/", "get", ("q", "p", "ordering", "export")),
    Target("coordinator", "/admin/exclusions/new/"),
    Target("coordinator", "/admin/exclusions/edit/{exclusion}/"),
    Target("coordinator", "/admin/case-number-patterns/new/"),
    Target("coordinator", "/admin/case-number-patterns/edit/{case_pattern}/"),
    Target("coordinator", "/admin/excerpt-chooser/results/", "get", ("p", "q")),
    Target("coordinator", "/admin/coding/", "get", ("p",)),
    Target("coordinator", "/admin/coding/excerpts/{excerpt}/"),
    Target("coordinator", "/admin/coding/codes/{code}/"),
    Target("coordinator", "/admin/coding/export/project.qdpx", "get"),
    Target("coordinator", "/admin/themes/new/"),
    Target("coordinator", "/admin/surveys/new/"),
    Target("coordinator", "/admin/evaluation-report/", "get", ("year",)),
    Target("coordinator", "/admin/evaluation-report/", extra=("year", "title", "narrative")),
    Target("coordinator", "/admin/surveys/edit/{survey}/"),
    Target("member_b", "/visits/{visit}/surveys/after_visit/"),
    Target("coordinator", "/admin/chapters/{chapter}/authors/"),
    Target("coordinator", "/admin/reflection-questions/new/"),
    Target("coordinator", "/admin/reflection-questions/edit/{question}/"),
    Target("coordinator", "/admin/rounds/new/"),
    Target("coordinator", "/admin/rounds/edit/{round}/"),
    # Wagtail's views that every member with admin access reaches.
    Target("member_a", "/admin/pages/search/", "get", ("q", "p", "ordering", "content_type")),
    Target("member_a", "/admin/choose-page/search/", "get", ("q", "p", "page_type")),
    Target(
        "member_a",
        "/admin/api/main/pages/",
        "get",
        ("offset", "limit", "child_of", "descendant_of", "search", "order", "type", "fields"),
    ),
    Target("member_a", "/admin/api/main/pages/{practice}/", "get", ("fields",)),
]

# Strings that broke, or might break, a form, a filter, a query or the search parser.
NASTY = [
    "",
    "0",
    "-1",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551616",
    "-9223372036854775809",
    "99999999999999999999999999999999",
    "1e309",
    "NaN",
    "Infinity",
    "1.5",
    "0x1F",
    "true",
    "null",
    "' OR 1=1 --",
    '"',
    '"exit work"',
    '"exit work" AND family',
    "AND",
    "mentor OR NOT family",
    "NOT",
    "*",
    "%",
    "_",
    "\x00",
    "a\x00b",
    "\u202e\u0301",
    "ẞ",
    "2026-02-30",
    "2026-13-01",
    "9999-12-31",
    "0001-01-01",
    "10000-01-01",
    "24:61",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "x" * 10_000,
]
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
NUMBER = st.one_of(st.integers(), st.integers(min_value=2**63 - 2, max_value=2**70)).map(str)


class FormFields(HTMLParser):
    """The names of a page's form fields, with the values its options and checkboxes offer."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, set[str]] = {}
        self.files: set[str] = set()
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "option" and self._select and attrs.get("value") is not None:
            self.fields[self._select].add(attrs["value"])
        if tag not in ("input", "select", "textarea") or not name:
            return
        if name in ("csrfmiddlewaretoken",):
            return
        if attrs.get("type") == "file":
            self.files.add(name)
            return
        values = self.fields.setdefault(name, set())
        if attrs.get("value"):
            values.add(attrs["value"])
        self._select = name if tag == "select" else None

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def fields_of(client: Client, url: str) -> FormFields:
    parser = FormFields()
    response = client.get(url)
    if response.get("Content-Type", "").startswith("text/html"):
        parser.feed(response.content.decode())
    return parser


def values(offered: set[str]) -> st.SearchStrategy:
    """One or more values for one field: what the page offers, or anything hostile."""
    one = st.one_of(
        st.sampled_from(sorted(offered)) if offered else st.nothing(),
        st.sampled_from(NASTY),
        TEXT,
        NUMBER,
    )
    return st.lists(one, min_size=0, max_size=3)


CSV_FILES = st.one_of(
    st.builds(
        lambda field: f"email,organisation\ninvitee2@demo.example,{field}\n".encode(),
        st.sampled_from(["org-a", "x" * 140_000, '"unclosed', "\x00", "Org\u0301"]),
    ),
    st.binary(max_size=300),
    st.just(b"\xff\xfe\x00e\x00m"),
)


def brief(data: dict) -> str:
    """The input of a failing request, each value cut short, for the failure message."""
    return repr({name: repr(value)[:60] for name, value in data.items()})


def request(client: Client, method: str, url: str, data: dict) -> int:
    """One request in a transaction that is rolled back, so each example meets the same world."""
    with transaction.atomic():
        response = getattr(client, method)(url, data)
        transaction.set_rollback(True)
    for cache in caches.all():  # rate limits count requests: every example starts afresh
        cache.clear()
    return response.status_code


def fuzz(client: Client, method: str, url: str, extra: tuple[str, ...]) -> None:
    """Send generated input to the form (or filter) on `url`; fail on the first 500."""
    form = fields_of(client, url)
    form.fields.update({name: form.fields.get(name, set()) for name in extra})
    field_values = st.fixed_dictionaries(
        {name: values(offered) for name, offered in form.fields.items()}
    )
    files = st.fixed_dictionaries(dict.fromkeys(form.files, CSV_FILES))

    @settings(
        max_examples=EXAMPLES,
        derandomize=DERANDOMIZE,
        deadline=None,
        database=None,
        # No shrinking: the failure message names the input, and shrinking requests that
        # render pages costs minutes.
        phases=(Phase.explicit, Phase.generate),
        suppress_health_check=list(HealthCheck),
    )
    @given(data=field_values, uploads=files)
    def send_generated_input(data, uploads):
        data = {name: value for name, value in data.items() if value}
        for name, content in uploads.items():
            data[name] = SimpleUploadedFile("invitations.csv", content, "text/csv")
        try:
            status = request(client, method, url, data)
        except Exception as error:
            raise AssertionError(f"{method.upper()} {url}: {error!r} {brief(data)}") from error
        assert status != 500, f"{method.upper()} {url}: 500 {brief(data)}"

    send_generated_input()


@pytest.mark.django_db
@pytest.mark.parametrize("target", TARGETS, ids=lambda target: f"{target.role}-{target.url}")
def test_no_generated_input_to_a_form_or_filter_gives_a_500(access_world, target):
    client = Client(raise_request_exception=True)
    if session := access_world.sessions.get(target.role):
        client.cookies[django_settings.SESSION_COOKIE_NAME] = session
    fuzz(client, target.method, target.url.format(**access_world.ids), target.extra)
