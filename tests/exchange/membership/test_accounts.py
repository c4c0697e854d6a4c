"""Sign-in, sign-out, password reset and e-mail verification through allauth."""

import re

from django.conf import global_settings
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.urls import reverse

import pytest

import config.settings as production
from demo.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_in(client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_login_page_matches_the_site(client):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Practice Exchange" in html
    assert 'class="skip-link"' in html
    assert 'for="id_login"' in html and 'for="id_password"' in html
    assert "sign up" not in html.lower()


def test_member_signs_in_with_email_and_password(client):
    user = UserFactory()
    response = sign_in(client, user.email)
    assert response.status_code == 302
    assert response.url == reverse("dashboard")  # where the next step is, not the public home
    dashboard = client.get(response.url)
    assert dashboard.wsgi_request.user == user
    # Greeted by name, never by username.
    html = dashboard.content.decode()
    assert f"Welcome, {user.first_name}" in html and user.username not in html


def test_wrong_password_is_refused_with_a_message(client):
    user = UserFactory()
    response = sign_in(client, user.email, "not-the-password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "not correct" in response.content.decode()


def test_unverified_address_cannot_sign_in_and_gets_a_verification_email(client):
    user = UserFactory(verified_email=False)
    response = sign_in(client, user.email)
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]


def test_sign_out_needs_a_post_and_ends_the_session(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("account_logout")).status_code == 200  # a confirmation page
    assert "_auth_user_id" in client.session

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_sign_up_is_closed(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "newcomer@demo.example",
            "password1": "a-long-password-1",
            "password2": "a-long-password-1",
        },
    )
    assert response.status_code == 200
    assert "closed" in response.content.decode().lower()
    assert not UserFactory._meta.model.objects.filter(email="newcomer@demo.example").exists()


def test_password_reset_by_email_link(client):
    user = UserFactory()

    response = client.post(reverse("account_reset_password"), {"email": user.email})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", message.body).group(1)

    # allauth stores the key in the session and redirects to a URL without it.
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new_password = "a-brand-new-passphrase-2026"
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302

    user.refresh_from_db()
    assert user.check_password(new_password)
    client.logout()
    assert sign_in(client, user.email, new_password).status_code == 302
    assert "_auth_user_id" in client.session


def test_password_reset_for_an_unknown_address_reveals_nothing(client):
    known = client.post(reverse("account_reset_password"), {"email": UserFactory().email})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@demo.example"})
    # Same answer either way (enumeration prevention); the unknown address gets no reset link.
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    [message] = [m for m in mail.outbox if m.to == ["nobody@demo.example"]]
    assert "/password/reset/key/" not in message.body
    # Sign-up is closed: the mail says how membership works instead of inviting a sign-up.
    assert "/accounts/signup/" not in message.body and "sign up" not in message.body.lower()
    assert "by invitation" in message.body


def test_the_sixth_failed_sign_in_for_one_account_within_five_minutes_gets_429(client):
    user = UserFactory()
    for attempt in range(5):
        response = sign_in(client, user.email, f"wrong-password-{attempt}")
        assert response.status_code == 200, attempt  # the form again, with its message

    refused = sign_in(client, user.email, "wrong-password-6")
    assert refused.status_code == 429
    assert "Too many failed login attempts" in refused.content.decode()
    # Even the right password is refused until the period is over...
    assert sign_in(client, user.email).status_code == 429
    assert "_auth_user_id" not in client.session
    # ...for that account only.
    other = UserFactory()
    assert sign_in(client, other.email).status_code == 302


def test_failed_sign_ins_are_counted_in_the_cache_every_worker_shares(settings):
    """Rate limits in a per-process cache would give each worker process its own count."""
    from django.core.cache import caches

    backend = settings.CACHES["default"]["BACKEND"]
    assert "locmem" not in backend.lower() and "dummy" not in backend.lower()
    caches["default"].set("shared-cache-probe", 1)
    assert caches["default"].get("shared-cache-probe") == 1


def test_a_member_sees_and_ends_their_other_sessions(client):
    user = UserFactory()
    other_device = type(client)()
    sign_in(other_device, user.email)
    sign_in(client, user.email)

    page = client.get(reverse("usersessions_list"))
    assert page.status_code == 200
    assert len(page.context["sessions"]) == 2

    client.post(reverse("usersessions_list"))  # "sign out other sessions"
    assert "_auth_user_id" in client.session
    assert other_device.get(reverse("usersessions_list")).status_code == 302  # signed out


def test_every_sign_in_goes_through_allauth(client, home_page):
    """Wagtail has its own sign-in forms (the admin's, and one for private pages): they would
    skip allauth's rate limits, e-mail verification and second factor."""
    from wagtail.models import PageViewRestriction

    user = UserFactory()
    PageViewRestriction.objects.create(page=home_page, restriction_type="login")

    for url in ("/admin/login/", "/_util/login/?next=/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
        # Credentials posted to the old form sign no one in.
        client.post(url, {"username": user.username, "password": PASSWORD})
        assert client.get("/profile/").status_code == 302  # still signed out

    response = client.get("/")  # a private page sends visitors to allauth's sign-in
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=/"


@pytest.mark.parametrize("behind_a_proxy", [True, False])
def test_behind_a_proxy_each_client_address_has_its_own_sign_in_limit(
    client, deployed, settings, behind_a_proxy
):
    """Every request reaches the site from the proxy: without TRUSTED_PROXY_COUNT the limit per
    address was the proxy's, and one attacker's ten failed sign-ins locked everyone out."""
    # Two failures per address instead of ten: each failure checks a password (slow on purpose).
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "2/m/ip,5/5m/key"}
    if behind_a_proxy:
        deployed(ALLAUTH_TRUSTED_PROXY_COUNT=1)

    def from_client(address: str, email: str):
        return client.post(
            reverse("account_login"),
            {"login": email, "password": "wrong-password"},
            REMOTE_ADDR="10.0.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR=address,
        )

    for attempt in range(2):  # different accounts: only the limit per address counts
        assert from_client("198.51.100.7", f"nobody{attempt}@demo.example").status_code == 200
    assert from_client("198.51.100.7", "nobody2@demo.example").status_code == 429
    member = UserFactory()
    other_client = from_client("203.0.113.20", member.email).status_code
    assert other_client == (200 if behind_a_proxy else 429)
    # A client cannot step out of its limit by writing its own X-Forwarded-For: the proxy
    # appends the address it saw, and the site reads that one.
    forged = from_client("203.0.113.99, 198.51.100.7", "nobody11@demo.example").status_code
    assert forged == 429


def test_a_password_hashed_as_production_hashes_signs_in_through_the_form(client, settings):
    """The suite hashes with a fast hasher (tests/settings.py); production keeps Django's
    default, PBKDF2 (slow on purpose): a password set with it signs in through the real form."""
    # What config/settings.py leaves in force: it sets none of its own.
    settings.PASSWORD_HASHERS = getattr(
        production, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS
    )
    assert settings.PASSWORD_HASHERS[0].endswith("PBKDF2PasswordHasher")
    member = UserFactory(password=make_password(PASSWORD))
    assert member.password.startswith("pbkdf2_sha256$")
    assert sign_in(client, member.email).status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


@pytest.mark.django_db
def test_allauths_pages_speak_in_sentence_case_in_english(client):
    """allauth's own words are in Title Case; the site's English catalogue puts them as the
    rest of the site writes (locale/en)."""
    page = client.get(reverse("account_reset_password")).content.decode()
    assert "Password reset" in page and "Password Reset" not in page


@pytest.mark.django_db
def test_the_sessions_table_scrolls_in_its_own_box(client):
    from demo.factories import UserFactory

    client.force_login(UserFactory())
    page = client.get(reverse("usersessions_list")).content.decode()
    assert '<div class="table-scroll">\n<table class="allauth-table">' in page
