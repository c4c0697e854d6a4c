"""Every page template keeps the base accessibility promises: skip link, landmarks, one h1."""

import re

from demo.factories import UserFactory

PUBLIC_PAGES = [
    "/",
    "/how-visits-work/",
    "/practices/",
    "/practices/?challenge=mentoring&level=at_risk",
    "/practices/through-the-gate/",
    "/organisations/",
    "/organisations/polder-safety-network/",
    "/search/",
    "/search/?q=mentoring+families",
    "/search/?q=mentoring&challenge=family-support",
    "/search/?q=famly",
    "/search/?q=famly+suport",
    "/reports/",
    "/privacy/",
    "/join/",
    "/accounts/login/",
    "/accounts/password/reset/",
    "/accounts/signup/",
    "/accounts/invitation/not-a-token/",
    "/no-such-page/",
]
MEMBER_PAGES = [
    "/",
    "/accounts/",
    "/welcome/",
    "/visits/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/sessions/",
    "/profile/",
    "/profile/data/",
    "/members/",
    "/members/?challenge=mentoring&country=NL",
    "/dashboard/",
    "/offers/",
    "/calendar/",
    "/organisations/polder-safety-network/",
]


def test_public_pages_keep_the_landmarks(client, demo_pages):
    for path in PUBLIC_PAGES:
        response = client.get(path)
        assert_accessible_skeleton(response.content.decode(), path)
        assert_strict_policy(response, path)


def test_signed_in_pages_keep_the_landmarks(client, demo_pages):
    from cms.models import OrganisationPage
    from exchange.membership.models import Profile

    member = UserFactory()
    Profile.objects.create(user=member, organisation=OrganisationPage.objects.first())
    client.force_login(member)
    for path in MEMBER_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_accessible_skeleton(response.content.decode(), path)
        assert_strict_policy(response, path)


def assert_accessible_skeleton(html: str, path: str) -> None:
    assert re.search(r'<html lang="[a-z-]+"', html), path
    assert '<a class="skip-link" href="#main">' in html, path
    assert html.count('id="main"') == 1, path
    for landmark in ("<header", "<main", "<footer", "<nav"):
        assert landmark in html, f"{path}: {landmark}"
    assert len(re.findall(r"<h1[\s>]", html)) == 1, path
    # Every visible form control has a label pointing at it.
    for control_id in re.findall(
        r'<(?:input|select|textarea)(?![^>]*type="(?:hidden|submit)")[^>]*\bid="([^"]+)"', html
    ):
        assert f'for="{control_id}"' in html, f"{path}: no label for #{control_id}"


def assert_strict_policy(response, path: str) -> None:
    """The page's Content-Security-Policy: nothing from elsewhere, nothing inline without the
    response's nonce (tests/config/test_security_headers.py holds the whole policy)."""
    policy = response.headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in policy, path
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, path
    html = response.content.decode()
    # No inline script (data blocks are not run) and no inline style, with or without a nonce.
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)", html), path
    assert "<style" not in html and " style=" not in html, path
    assert not re.search(r"\son[a-z]+=\"", html), path  # onclick="..." and the like
