"""Security headers on every response outside the admin: a strict Content-Security-Policy, and
the other headers `check --deploy` asks for (tests/test_accessibility.py checks each page)."""

import pytest

EXPECTED_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'self'",
}


def directives(header: str) -> dict[str, str]:
    pairs = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return dict(pairs)


@pytest.mark.django_db
def test_public_pages_carry_the_strict_policy_and_the_other_headers(client, home_page):
    response = client.get("/")
    assert directives(response.headers["Content-Security-Policy"]) == EXPECTED_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.django_db
def test_a_not_found_page_and_a_refused_form_carry_it_too(client, home_page):
    for response in (client.get("/no-such-page/"), client.post("/accounts/login/", {})):
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_nonce_used_by_a_template_is_in_the_header(rf):
    """Inline script is possible only with the response's nonce: the template asks for
    request.csp_nonce, and the middleware puts that same value in the header."""
    from django.http import HttpResponse
    from django.template import engines

    from csp.middleware import CSPMiddleware

    template = engines["django"].from_string('<script nonce="{{ request.csp_nonce }}"></script>')

    def view(request):
        return HttpResponse(template.render({}, request))

    request = rf.get("/")
    response = CSPMiddleware(view)(request)
    nonce = response.content.decode().split('nonce="')[1].split('"')[0]
    assert len(nonce) >= 16
    assert (
        f"'nonce-{nonce}'" in directives(response.headers["Content-Security-Policy"])["script-src"]
    )


@pytest.mark.django_db
def test_the_admin_keeps_its_own_inline_scripts(admin_client):
    response = admin_client.get("/admin/pages/")
    assert "Content-Security-Policy" not in response.headers
