"""A draft practice is its author's and the coordinators': another member finds neither its
title nor its slug in the admin's page search, page chooser, page API or site history."""

import pytest

from tests.access.world import build_world

TITLE = "Proposal of A"  # member A's draft, waiting in moderation (tests/access/world.py)


def seen_by(client, user, proposal: int) -> dict[str, bool]:
    client.force_login(user)
    pages = {
        "search": "/admin/pages/search/?q=Proposal",
        "chooser": "/admin/choose-page/search/?q=Proposal",
        "api listing": "/admin/api/main/pages/?limit=20&search=Proposal",
        "site history": "/admin/reports/site-history/",
    }
    seen = {name: TITLE in client.get(url).content.decode() for name, url in pages.items()}
    seen["api detail"] = client.get(f"/admin/api/main/pages/{proposal}/").status_code == 200
    return seen


@pytest.mark.django_db
def test_drafts_are_seen_by_their_author_and_coordinators_only(client, home_page, search_index):
    world = build_world(home_page)
    proposal = world.ids["proposal"]
    for role in ("member_b", "host_a"):
        seen = seen_by(client, world.users[role], proposal)
        assert not any(seen.values()), (role, seen)
    for role in ("member_a", "coordinator"):
        seen = seen_by(client, world.users[role], proposal)
        assert seen["search"] and seen["api detail"], (role, seen)
