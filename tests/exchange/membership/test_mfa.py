"""A second factor for coordinators and staff: until they set one up, every page sends them to
set it up; with one, signing in (the admin's too) asks for it."""

import re
import time

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from demo.factories import PASSWORD, UserFactory, totp_code
from exchange.roles import COORDINATORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_without_mfa():
    user = UserFactory(second_factor=False)
    user.groups.add(Group.objects.get_or_create(name=COORDINATORS)[0])
    return user


@pytest.mark.parametrize(
    "who", ["coordinator", "staff", "superuser"], ids=["coordinator", "staff", "superuser"]
)
def test_every_page_sends_them_to_set_up_a_second_factor(client, who, coordinator_without_mfa):
    user = {
        "coordinator": coordinator_without_mfa,
        "staff": UserFactory(is_staff=True, second_factor=False),
        "superuser": UserFactory(is_staff=True, is_superuser=True, second_factor=False),
    }[who]
    client.force_login(user)
    for url in ["/", "/admin/", "/admin/pages/", "/search/?q=family", "/no-such-page/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == reverse("mfa_index"), url
    # What they need to set one up (after confirming their password), or to leave, stays open.
    assert client.get(reverse("mfa_index")).status_code == 200
    for url in [reverse("mfa_activate_totp"), reverse("mfa_add_webauthn")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_reauthenticate"))
    assert client.get(reverse("account_reauthenticate")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302


def test_once_set_up_the_site_and_admin_open(client):
    user = UserFactory(is_staff=True, is_superuser=True)  # the factory sets up an app for staff
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    assert client.get("/").status_code == 200


# allauth sends its security notifications once the change is committed: these tests commit.
def test_setting_up_an_authenticator_app_through_the_pages(
    client, transactional_db, django_db_serialized_rollback, coordinator_without_mfa
):
    signed_in = client.post(
        reverse("account_login"),
        {"login": coordinator_without_mfa.email, "password": PASSWORD},
        follow=True,
    )
    assert signed_in.redirect_chain[-1][0] == reverse("mfa_index")
    # A change of second factor asks for the password again first.
    confirmed = client.post(
        f"{reverse('account_reauthenticate')}?next={reverse('mfa_activate_totp')}",
        {"password": PASSWORD},
    )
    assert confirmed.status_code == 302 and confirmed.url == reverse("mfa_activate_totp")
    page = client.get(reverse("mfa_activate_totp")).content.decode()
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page).group(1)
    code = format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    # A security notification tells the account's owner, in case it was not them.
    notice = mail.outbox[-1]
    assert notice.to == [coordinator_without_mfa.email]
    assert "Authenticator App Activated" in notice.subject


def test_removing_a_second_factor_asks_for_the_password_and_notifies(
    client, transactional_db, django_db_serialized_rollback
):
    member = UserFactory(second_factor=True)  # a member may use one without having to
    signed_in = client.post(
        reverse("account_login"), {"login": member.email, "password": PASSWORD}, follow=True
    )
    client.post(signed_in.redirect_chain[-1][0], {"code": totp_code(member)})
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert Authenticator.objects.filter(user=member, type="totp").exists()

    client.post(response.url, {"password": PASSWORD})  # allauth then resumes the removal
    assert not Authenticator.objects.filter(user=member, type="totp").exists()
    notice = mail.outbox[-1]
    assert notice.to == [member.email]
    assert "Authenticator App Deactivated" in notice.subject


def test_members_are_not_asked_for_a_second_factor(client):
    member = UserFactory()
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("dashboard")
    assert client.get(response.url).status_code == 200


def test_a_wrong_code_does_not_sign_in(client):
    user = UserFactory(is_staff=True)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    wrong = "000000" if totp_code(user) != "000000" else "111111"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_the_sixth_wrong_code_is_refused_with_429(client):
    user = UserFactory(is_staff=True)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    wrong = "000000" if totp_code(user) != "000000" else "111111"
    statuses = [
        client.post(reverse("mfa_authenticate"), {"code": wrong}).status_code for _ in range(5)
    ]
    assert statuses == [200] * 5
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(user)})
    assert response.status_code == 429 and response["Retry-After"] == "300"
    assert "_auth_user_id" not in client.session
