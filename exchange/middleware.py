"""Middleware of the member area: coordinators and staff work with every member's data, so they
use the site only with a second factor (until they have set one up, every page sends them to
set it up); and no page served to a signed-in person is kept by a cache."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled

from exchange.roles import needs_mfa

# What a user without a second factor may still reach: setting one up, and leaving.
OPEN_URL_NAMES = {"account_logout", "account_reauthenticate", "account_login"}
# Recovery codes alone are not a second factor: they back one up.
SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


class RequireMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and needs_mfa(user)
            and not self.is_open(request)
            and not is_mfa_enabled(user, types=SECOND_FACTORS)
        ):
            messages.warning(
                request,
                _(
                    "Your role gives access to other members' data: set up two-factor "
                    "authentication (an authenticator app or a security key) to continue."
                ),
            )
            return redirect("mfa_index")
        return self.get_response(request)

    @staticmethod
    def is_open(request) -> bool:
        try:
            name = resolve(request.path_info).url_name or ""
        except Resolver404:
            return False
        return name.startswith("mfa_") or name in OPEN_URL_NAMES


class PrivateWhenSignedInMiddleware:
    """A page served to a signed-in person may hold what only they may see (visits, the member
    directory, contact persons on an organisation page): no shared proxy or browser cache may
    keep it. Pages for anonymous visitors keep whatever caching their views set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)  # private, no-store, no-cache, max-age=0
        return response
