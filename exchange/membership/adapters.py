from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import render

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter

from exchange import encryption
from exchange.membership import services as invitations


def user_display(user) -> str:
    """How allauth names a person in its pages and messages ("Successfully signed in as ..."):
    by their name, else their e-mail address, never their username (settings.py)."""
    return user.get_full_name() or user.email


class AccountAdapter(DefaultAccountAdapter):
    """Accounts for a vetted network: sign-up only through a coordinator's invitation."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return invitations.invitation_in_session(request) is not None

    def save_user(self, request, user, form, commit=True):
        """Create the account and use the invitation in one transaction: a refused invitation
        (used a moment ago by another sign-up, revoked, expired) leaves no account behind."""
        try:
            with transaction.atomic():
                user = super().save_user(request, user, form, commit=True)
                invitations.accept(request.session.get(invitations.SESSION_KEY), user)
        except invitations.InvitationError as error:
            raise ImmediateHttpResponse(
                render(
                    request,
                    "exchange/membership/invitation_invalid.html",
                    {"message": error},
                    status=409,
                )
            ) from error
        request.session.pop(invitations.SESSION_KEY, None)
        return user


class MFAAdapter(DefaultMFAAdapter):
    """Second-factor secrets (the authenticator app's key, the recovery codes' seed) encrypted
    at rest with the site's keys, which live outside the database (allauth stores them in the
    clear by default): a copied database or backup cannot make a member's codes."""

    def encrypt(self, text: str) -> str:
        return encryption.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return encryption.decrypt(encrypted_text)
