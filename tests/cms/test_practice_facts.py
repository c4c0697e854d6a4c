"""A practice's facts are ways into the library: each leads to the practices that share it."""

import pytest

from demo.page_factories import make_library, make_practice

pytestmark = pytest.mark.django_db


def test_a_practices_facts_lead_to_the_library_filtered_by_them(client, home_page):
    """Each country, level, challenge, target group, setting and language of a practice is a
    link to the library showing the practices that share it."""
    library, _organisations = make_library(home_page)
    practice = make_practice(library, challenges=("mentoring",), countries=("DE",))
    html = client.get(practice.url).content.decode()
    for link in (
        "?country=DE",
        f"?level={practice.prevention_level}",
        "?challenge=mentoring",
        "?target=families",
        "?setting=family",
    ):
        assert f'href="{library.url}{link}"' in html, link
    filtered = client.get(f"{library.url}?challenge=mentoring").content.decode()
    assert practice.title in filtered
