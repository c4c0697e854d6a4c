"""Every page template keeps the base accessibility promises: skip link, landmarks, one h1."""

import re

import pytest

from tests.exchange.factories import UserFactory

PUBLIC_PAGES = [
    "/",
    "/how-visits-work/",
    "/accounts/login/",
    "/accounts/password/reset/",
    "/accounts/signup/",
    "/no-such-page/",
]
MEMBER_PAGES = ["/", "/accounts/email/", "/accounts/password/change/", "/accounts/2fa/"]


@pytest.fixture
def demo_site(db, settings):
    from cms.demo import seed_site_pages

    seed_site_pages()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_keep_the_landmarks(client, demo_site, path):
    html = client.get(path).content.decode()
    assert_accessible_skeleton(html)


@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_signed_in_pages_keep_the_landmarks(client, demo_site, path):
    client.force_login(UserFactory())
    response = client.get(path)
    assert response.status_code == 200
    assert_accessible_skeleton(response.content.decode())


def assert_accessible_skeleton(html: str) -> None:
    assert re.search(r'<html lang="[a-z-]+"', html)
    assert '<a class="skip-link" href="#main">' in html
    assert html.count('id="main"') == 1
    for landmark in ("<header", "<main", "<footer", "<nav"):
        assert landmark in html, landmark
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    # Every visible form control has a label pointing at it.
    for control_id in re.findall(
        r'<(?:input|select|textarea)(?![^>]*type="(?:hidden|submit)")[^>]*\bid="([^"]+)"', html
    ):
        assert f'for="{control_id}"' in html, f"no label for #{control_id}"
