"""Invitations: the only way in. Sent from the Wagtail admin, used once, expiring, revocable."""

import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest
from allauth.account.models import EmailAddress

from demo.factories import UserFactory
from demo.page_factories import make_library, make_organisation
from exchange.membership import services as invitations
from exchange.membership.models import Invitation, InvitationState, token_digest

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-and-private-passphrase"
User = get_user_model()


@pytest.fixture
def organisation(home_page):
    _, organisations = make_library(home_page)
    return make_organisation(organisations, title="Fictional Family Counselling Centre")


@pytest.fixture
def coordinator():
    return UserFactory(is_staff=True, is_superuser=True)


def committed(call, *args, **kwargs):
    """`call`, with what it does after the commit (the mail) done at once: a test's own
    transaction never commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return call(*args, **kwargs)


def invite(*args, **kwargs):
    return committed(invitations.invite, *args, **kwargs)


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/invitation/\S+/)", message.body).group(1)


def sign_up(client, email: str, password: str = NEW_PASSWORD):
    return client.post(
        reverse("account_signup"),
        {
            "first_name": "Fictional",
            "last_name": "Invitee",
            "email": email,
            "password1": password,
            "password2": password,
        },
    )


def invite_from_admin(client, coordinator, email, organisation):
    client.force_login(coordinator)
    response = committed(
        client.post,
        reverse("exchange_invitation:add"),
        {"email": email, "organisation": organisation.pk},
    )
    client.logout()
    return response


def test_an_invitee_signs_up_with_the_link_and_is_a_member_of_the_organisation(
    client, coordinator, organisation
):
    response = invite_from_admin(client, coordinator, "New.Member@Demo.example", organisation)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "new.member@demo.example"
    assert invitation.invited_by == coordinator
    assert invitation.state == InvitationState.PENDING
    assert invitation.expires_at - timezone.now() > timedelta(days=13, hours=23)
    [message] = mail.outbox
    assert message.to == ["new.member@demo.example"]
    assert organisation.title in message.body
    # It names who invites, and what the network is.
    assert f"{coordinator.get_full_name()} invites you to join" in message.subject
    assert f"{coordinator.get_full_name()} invites you to join" in message.body
    assert "prevent violent extremism" in message.body
    link = link_in(message)
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in invitation.token_digest  # only a digest is stored

    opened = client.get(link)
    assert opened.status_code == 302 and opened.url == reverse("account_signup")
    form = client.get(opened.url)
    assert form.status_code == 200
    assert organisation.title in form.content.decode()
    assert 'value="new.member@demo.example"' in form.content.decode()

    response = sign_up(client, "new.member@demo.example")

    assert response.status_code == 302
    assert response.url == reverse("welcome")  # the new member's first page: what to do first
    user = User.objects.get(email="new.member@demo.example")
    assert user.get_full_name() == "Fictional Invitee"  # asked at sign-up, shown to peers
    assert client.get("/").wsgi_request.user == user  # signed in: the link proved the address
    assert EmailAddress.objects.get(user=user).verified
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.ACCEPTED
    assert invitation.accepted_by == user


def test_a_used_link_is_refused(client, organisation):
    invite("once@demo.example", organisation)
    link = link_in(mail.outbox[0])
    client.get(link)
    sign_up(client, "once@demo.example")
    client.logout()

    again = client.get(link)

    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert "closed" in sign_up(client, "once@demo.example").content.decode().lower()
    assert User.objects.filter(email="once@demo.example").count() == 1


def test_an_expired_link_is_refused_even_once_signup_has_begun(client, organisation):
    invitation = invite("late@demo.example", organisation)
    link = link_in(mail.outbox[0])
    assert client.get(link).status_code == 302  # opened in time...
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())

    response = sign_up(client, "late@demo.example")  # ...but the form is sent too late

    assert "closed" in response.content.decode().lower()
    assert not User.objects.filter(email="late@demo.example").exists()
    expired = client.get(link)
    assert expired.status_code == 410
    assert "expired" in expired.content.decode()


def test_a_revoked_invitation_cannot_be_used(client, coordinator, organisation):
    invitation = invite("withdrawn@demo.example", organisation)
    link = link_in(mail.outbox[0])
    client.force_login(coordinator)
    response = client.post(reverse("exchange_invitation:revoke", args=[invitation.pk]))
    assert response.status_code == 302
    client.logout()
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.REVOKED

    refused = client.get(link)

    assert refused.status_code == 410
    assert "withdrawn" in refused.content.decode()
    assert "closed" in sign_up(client, "withdrawn@demo.example").content.decode().lower()


def test_signing_up_with_another_address_is_refused(client, organisation):
    invite("invited@demo.example", organisation)
    client.get(link_in(mail.outbox[0]))

    response = sign_up(client, "someone.else@demo.example")

    assert response.status_code == 200
    assert "the address the invitation was sent to" in response.content.decode()
    assert not User.objects.filter(email="someone.else@demo.example").exists()
    assert Invitation.objects.get().state == InvitationState.PENDING


def test_without_an_invitation_signup_is_closed(client):
    response = sign_up(client, "uninvited@demo.example")
    assert response.status_code == 200
    assert "invitation" in response.content.decode()
    assert not User.objects.filter(email="uninvited@demo.example").exists()


def test_an_unknown_token_gets_a_clear_message(client):
    response = client.get(reverse("invitation_accept", args=["not-a-real-token"]))
    assert response.status_code == 410
    assert "not valid" in response.content.decode()


def test_an_invitation_is_used_once_even_by_two_sign_ups_at_once(organisation):
    invitation = invite("twice@demo.example", organisation)
    token = link_in(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    first, second = (User.objects.create_user(f"twice{n}", "twice@demo.example") for n in (1, 2))
    invitations.accept(token, first)
    with pytest.raises(invitations.InvitationError, match="already been used"):
        invitations.accept(token, second)
    invitation.refresh_from_db()
    assert invitation.accepted_by == first


def test_resending_replaces_the_link_and_restarts_the_period(client, coordinator, organisation):
    invitation = invite("resend@demo.example", organisation)
    old_link = link_in(mail.outbox[0])
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    client.force_login(coordinator)

    response = committed(client.post, reverse("exchange_invitation:resend", args=[invitation.pk]))

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.PENDING
    assert invitation.times_sent == 2
    new_link = link_in(mail.outbox[1])
    assert new_link != old_link
    client.logout()
    assert client.get(old_link).status_code == 410
    assert client.get(new_link).status_code == 302


def test_a_used_or_revoked_invitation_is_not_resent_or_revoked_again(client, organisation):
    invitation = invite("done@demo.example", organisation)
    invitations.revoke(invitation)
    with pytest.raises(invitations.InvitationError):
        committed(invitations.resend, invitation)
    with pytest.raises(invitations.InvitationError):
        invitations.revoke(invitation)
    assert len(mail.outbox) == 1


def test_an_address_with_an_account_or_an_open_invitation_is_not_invited(
    client, coordinator, organisation
):
    member = UserFactory()
    response = invite_from_admin(client, coordinator, member.email.upper(), organisation)
    assert response.status_code == 200
    assert "already has an account" in response.content.decode()

    invite("pending@demo.example", organisation)
    response = invite_from_admin(client, coordinator, "Pending@demo.example", organisation)
    assert response.status_code == 200
    assert "open invitation" in response.content.decode()
    with pytest.raises(invitations.InvitationError, match="open invitation"):
        invite("pending@demo.example", organisation)
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_revoked_address_can_be_invited_again(organisation):
    invitations.revoke(invite("again@demo.example", organisation))
    invite("again@demo.example", organisation)
    assert Invitation.objects.filter(email="again@demo.example").count() == 2


def test_the_coordinator_sees_each_invitation_and_its_state(client, coordinator, organisation):
    invite("pending@demo.example", organisation)
    invitations.revoke(invite("revoked@demo.example", organisation))
    expired = invite("expired@demo.example", organisation)
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    client.force_login(coordinator)

    listing = client.get(reverse("exchange_invitation:index")).content.decode()

    for email, state in [
        ("pending@demo.example", "pending"),
        ("revoked@demo.example", "revoked"),
        ("expired@demo.example", "expired"),
    ]:
        row = re.search(rf"{re.escape(email)}.*?</tr>", listing, re.S).group(0)
        assert state in row
        if email == "pending@demo.example":  # sent just now; expires in two weeks, not "Just now"
            assert row.count("Just now") == 1 and re.search(r"\(in (1|2)\xa0week", row)
    page = client.get(reverse("exchange_invitation:inspect", args=[expired.pk]))
    assert page.status_code == 200
    assert "Send a new link" in page.content.decode()


def csv_upload(text: str, encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile("members.csv", text.encode(encoding), content_type="text/csv")


def test_bulk_invitations_from_a_csv_file(client, coordinator, organisation, home_page):
    other = make_organisation(organisation.get_parent(), title="Fictional Exit Programme")
    client.force_login(coordinator)
    rows = (
        "email,organisation\n"
        f"first@demo.example,{organisation.slug}\n"
        "second@demo.example,fictional exit programme\n"
        "third@demo.example,\n"
    )

    response = committed(
        client.post,
        reverse("exchange_invitation:import"),
        {"file": csv_upload(rows), "organisation": organisation.pk},
    )

    assert response.status_code == 302
    sent = {i.email: i.organisation for i in Invitation.objects.all()}
    assert sent == {
        "first@demo.example": organisation,
        "second@demo.example": other,
        "third@demo.example": organisation,
    }
    assert sorted(m.to[0] for m in mail.outbox) == sorted(sent)


def test_a_csv_file_with_a_bad_row_invites_nobody_and_says_which_row(
    client, coordinator, organisation
):
    UserFactory(email="member@demo.example")
    client.force_login(coordinator)
    rows = (
        "email,organisation\n"
        f"fine@demo.example,{organisation.slug}\n"
        "not-an-address,{slug}\n"
        "member@demo.example,{slug}\n"
        "fine2@demo.example,no-such-organisation\n"
        f"fine@demo.example,{organisation.slug}\n"
    ).replace("{slug}", organisation.slug)

    response = client.post(reverse("exchange_invitation:import"), {"file": csv_upload(rows)})

    assert response.status_code == 200
    html = response.content.decode()
    for problem in [
        "not an e-mail address",
        "already has an account",
        "no organisation “no-such-organisation”",
        "listed twice",
    ]:
        assert problem in html
    assert not Invitation.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize(
    ("content", "encoding", "message"),
    [
        ("address\nsomeone@demo.example\n", "utf-8", "“email” column"),
        ("email\n", "utf-8", "no addresses"),
        ("email\nmüller@demo.example\n", "utf-16", "not UTF-8"),
    ],
)
def test_an_unusable_csv_file_gets_a_clear_message(
    client, coordinator, organisation, content, encoding, message
):
    client.force_login(coordinator)
    response = client.post(
        reverse("exchange_invitation:import"),
        {"file": csv_upload(content, encoding), "organisation": organisation.pk},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Invitation.objects.exists()


def test_members_without_the_permission_cannot_invite(client, organisation):
    invitation = invite("pending@demo.example", organisation)
    staff_without_permissions = UserFactory(is_staff=True)
    client.force_login(staff_without_permissions)
    for url in [
        reverse("exchange_invitation:index"),
        reverse("exchange_invitation:add"),
        reverse("exchange_invitation:import"),
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
    for url in [
        reverse("exchange_invitation:resend", args=[invitation.pk]),
        reverse("exchange_invitation:revoke", args=[invitation.pk]),
    ]:
        assert client.post(url).status_code in (302, 403), url
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.PENDING and invitation.times_sent == 1


def test_a_signed_in_member_opening_an_invitation_is_told_to_sign_out(client, organisation):
    invite("invitee@demo.example", organisation)
    member = UserFactory()
    client.force_login(member)
    response = client.get(link_in(mail.outbox[0]))
    assert response.status_code == 409
    assert member.email in response.content.decode()


def test_the_token_is_stored_only_as_a_digest(organisation):
    invitation = invite("digest@demo.example", organisation)
    token = link_in(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    assert invitation.token_digest == token_digest(token)
    assert not Invitation.objects.filter(token_digest=token).exists()


def test_a_csv_file_with_an_oversized_field_or_a_nul_gets_a_message(client, coordinator):
    client.force_login(coordinator)
    url = reverse("exchange_invitation:import")
    oversized = "email,organisation\nfine@demo.example," + "x" * 140_000 + "\n"
    response = client.post(url, {"file": csv_upload(oversized)})
    assert response.status_code == 200
    assert "Line 2 of the file cannot be read as CSV" in response.content.decode()
    response = client.post(url, {"file": csv_upload("email\nfine@demo\x00.example\n")})
    assert response.status_code == 200 and "not CSV text" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_batch_that_fails_midway_mails_nobody(organisation):
    """The third address already has an account: the batch rolls back, and the first two, whose
    invitations never existed, get no link either."""
    rows = invitations.read_csv(
        b"email\nfirst@demo.example\nsecond@demo.example\nthird@demo.example\n", organisation
    )
    UserFactory(email="third@demo.example")  # signed up after the file was read
    with pytest.raises(invitations.InvitationError):
        committed(invitations.invite_rows, rows)
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_invitation_the_mail_server_refused_is_not_marked_sent(organisation, settings):
    """Django's SMTP backend, at a port where nothing listens: the invitation stays, unsent."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    invitation = invite("refused@demo.example", organisation)
    invitation.refresh_from_db()
    assert invitation.sent_at is None and invitation.times_sent == 0


def test_each_step_of_an_invitation_is_in_the_audit_log(client, coordinator, organisation):
    invitation = invite("audited@demo.example", organisation, coordinator)
    committed(invitations.resend, invitation, user=coordinator)
    invitations.revoke(invitation, user=coordinator)
    second = invite("accepted@demo.example", organisation, coordinator)
    client.get(link_in(mail.outbox[-1]))
    sign_up(client, "accepted@demo.example")
    actions = list(
        ModelLogEntry.objects.filter(object_id__in=[str(invitation.pk), str(second.pk)])
        .order_by("pk")
        .values_list("object_id", "action")
    )
    assert actions == [
        (str(invitation.pk), "exchange.invitation.create"),
        (str(invitation.pk), "exchange.invitation.resend"),
        (str(invitation.pk), "exchange.invitation.revoke"),
        (str(second.pk), "exchange.invitation.create"),
        (str(second.pk), "exchange.invitation.accept"),
    ]
