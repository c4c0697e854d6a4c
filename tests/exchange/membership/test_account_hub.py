"""One page for the account: each part says where it stands and links to where it changes."""

from django.urls import reverse

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from demo.factories import make_coordinator


@pytest.mark.django_db
def test_the_account_page_gathers_name_addresses_password_factor_sessions_and_data(client, network):
    user = network.visitor
    EmailAddress.objects.create(user=user, email="second@example.org", verified=False)
    client.force_login(user)
    page = client.get(reverse("account_hub")).content.decode()
    assert user.get_full_name() in page and network.visitor_org.title in page
    assert "second@example.org" in page and "Not verified" in page
    for name in ("profile", "account_email", "account_change_password", "mfa_index"):
        assert reverse(name) in page
    for name in ("usersessions_list", "personal_data", "calendar_settings"):
        assert reverse(name) in page
    assert ">Off<" in page

    TOTP.activate(user, generate_totp_secret())
    page = client.get(reverse("account_hub")).content.decode()
    assert ">On<" in page and "authenticator app" in page


@pytest.mark.django_db
def test_an_account_without_a_profile_has_no_profile_link(client):
    client.force_login(make_coordinator())
    page = client.get(reverse("account_hub")).content.decode()
    assert f'href="{reverse("profile")}"' not in page


@pytest.mark.django_db
def test_allauths_pages_lead_back_to_the_account_page(client, network):
    client.force_login(network.visitor)
    for name in ("account_email", "account_change_password", "mfa_index", "usersessions_list"):
        page = client.get(reverse(name)).content.decode()
        assert f'class="back-link" href="{reverse("account_hub")}"' in page, name
