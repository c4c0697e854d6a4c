"""The project's own plug-in points, all of them: Wagtail hooks that code on a floor above (or a
part of cms above the models) registers in its `wagtail_hooks.py`, and that the floor below
calls without importing it. Each name says what it is called with and what it returns; the
tests check that every point has someone plugged in.

Wagtail's own hooks (menus, admin URLs, page actions) are used as Wagtail documents them and are
not listed here."""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

from wagtail import hooks

# Pages of cms, filled by cms.listing (one function each).
LIBRARY_LISTING = "library_listing"  # (request, params) -> the library page's context: dict
PRACTICE_CARD_FIELDS = "practice_card_fields"  # (practices: list) -> None, sets their card fields

# Sections that capabilities add to pages below them: each returns HTML, or "" for whom it is
# not meant.
ORGANISATION_PAGE_MEMBERS_ONLY = "organisation_page_members_only"  # (request, organisation page)
PRACTICE_PAGE_MEMBERS_ONLY = "practice_page_members_only"  # (request, practice page)
# For every reader, signed in or not: what the network saw of the practice (public figures).
PRACTICE_PAGE_SECTIONS = "practice_page_sections"  # (request, practice page)
VISIT_PAGE_SECTIONS = "visit_page_sections"  # (request, visit)
PRIVACY_NOTICE_FACTS = "privacy_notice_facts"  # (request): what the platform holds, and how
MEMBER_DASHBOARD_SECTIONS = "member_dashboard_sections"  # (request)

# Lists that capabilities add to.
COORDINATOR_HOME_ROWS = "coordinator_home_rows"  # (request) -> rows of the coordinator's home
REPORT_FIGURES = "report_figures"  # (year) -> tables of counts of people, one dict each
# (): exchange.personal_data.export.Section list, of a person's rows in the floor's tables
PERSONAL_DATA_SECTIONS = "personal_data_sections"

# (visit, user, today) -> exchange.visits.guidance.Guidance or None: what this person does next
# about a visit whose own steps are done (a reflection to write, a survey to answer); the first
# answer wins, in the hooks' order.
VISIT_NEXT_STEPS = "visit_next_steps"

# Questions a capability asks of one above it (one function each).
# (excerpt id) -> [(chapter page, publication page)]: the live chapters quoting the excerpt
EXCERPT_QUOTED_IN = "excerpt_quoted_in"
# (application ids) -> {application id: why the last published matching round left it unmatched}
APPLICATIONS_UNMATCHED = "applications_unmatched"

ALL = (
    LIBRARY_LISTING,
    PRACTICE_CARD_FIELDS,
    ORGANISATION_PAGE_MEMBERS_ONLY,
    PRACTICE_PAGE_MEMBERS_ONLY,
    PRACTICE_PAGE_SECTIONS,
    VISIT_PAGE_SECTIONS,
    PRIVACY_NOTICE_FACTS,
    MEMBER_DASHBOARD_SECTIONS,
    COORDINATOR_HOME_ROWS,
    REPORT_FIGURES,
    PERSONAL_DATA_SECTIONS,
    VISIT_NEXT_STEPS,
    EXCERPT_QUOTED_IN,
    APPLICATIONS_UNMATCHED,
)


def sections(name: str, request, *args) -> list[str]:
    """The HTML sections plugged in at `name` for this request, without the empty ones."""
    return [section for hook in hooks.get_hooks(name) if (section := hook(request, *args))]


def the_one(name: str) -> Callable:
    """The one function plugged in at `name`: a point that takes one has exactly one."""
    plugged = hooks.get_hooks(name)
    if len(plugged) != 1:
        raise ImproperlyConfigured(f"{len(plugged)} functions are plugged in at {name!r}: one is.")
    return plugged[0]
