"""The Wagtail admin is reached through the site's one sign-in, and talks to no outside service."""

from django.urls import reverse

import pytest

from demo.factories import PASSWORD, UserFactory, totp_code

pytestmark = pytest.mark.django_db


def test_anonymous_admin_visit_goes_to_the_site_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=/admin/" in response.url


def test_wagtail_login_form_redirects_to_allauth(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=/admin/pages/"
    # A POST with a valid password does not sign in through Wagtail's form either.
    user = UserFactory(is_staff=True, is_superuser=True)
    client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_staff_signs_in_and_reaches_the_admin(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    response = client.post(
        f"{reverse('account_login')}?next=/admin/", {"login": user.email, "password": PASSWORD}
    )
    # The password is not enough: the second factor comes next.
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(user)})
    assert response.status_code == 302
    assert response.url == "/admin/"
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    # No Gravatar: an e-mail hash sent to an outside service would identify the member.
    assert "gravatar" not in dashboard.content.decode().lower()


def test_member_without_admin_access_is_told_so_without_a_redirect_loop(client):
    client.force_login(UserFactory())
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(f"{reverse('account_login')}?next=/admin/", 302)]
    assert "You do not have permission to access the admin." in response.content.decode()


def test_search_syntax_and_huge_offsets_in_the_admin_get_answers_not_errors(
    client, home_page, search_index
):
    """Every member can open the admin's page search and its page API."""
    from django.contrib.auth.models import Group

    from demo.page_factories import make_library, make_practice
    from exchange.roles import MEMBERS

    library, organisations = make_library(home_page)
    make_practice(library, title="Exit work with families")
    member = UserFactory()
    member.groups.add(Group.objects.get(name=MEMBERS))
    client.force_login(member)
    for query in ['"exit work"', "exit AND families", '"exit work" AND families', "exit~"]:
        response = client.get(reverse("wagtailadmin_pages:search"), {"q": query})
        assert response.status_code == 200, query
    response = client.get("/admin/api/main/pages/", {"offset": str(2**64)})
    assert response.status_code == 400 and "offset" in response.content.decode()
    assert client.get("/admin/api/main/pages/", {"offset": "0"}).status_code == 200
