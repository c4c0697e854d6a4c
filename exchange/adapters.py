from django.http import HttpRequest

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts for a vetted network: nobody signs up on their own."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Membership is by invitation only; until invitations exist, sign-up stays closed.
        return False
