"""The interface's language: English, German or French, for each reader.

A signed-in member's saved choice comes first (Wagtail's own user profile, so the admin follows
it too), then the choice a reader made with the switcher on this browser (a cookie), then the
browser's own languages, then English. E-mails go out in their recipient's saved language
(exchange/notifications.py).
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from wagtail.users.models import UserProfile


def supported(language: str | None) -> str | None:
    """The site's own code for a language code, or None when the site does not speak it."""
    if not language:
        return None
    try:
        return translation.get_supported_language_variant(language)
    except LookupError:
        return None


# A member's saved choice, copied into their session when they sign in: read on every request
# of theirs without a query.
SESSION_KEY = "member_language"


def profile_language(user) -> str:
    """A member's saved choice, or "" (read without creating a profile, as get_for_user would)."""
    saved = UserProfile.objects.filter(user=user).values_list("preferred_language", flat=True)
    return saved.first() or ""


def remember_at_sign_in(sender, request, user, **kwargs) -> None:
    """user_logged_in: the member's saved language into their new session."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = profile_language(user)


def saved_language(request) -> str | None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    if SESSION_KEY not in request.session:  # a session from before sign-ins copied it
        request.session[SESSION_KEY] = profile_language(user)
    return supported(request.session[SESSION_KEY])


def chosen_language(request) -> str:
    """The language to answer this request in. Before sign-in is known (the page cache runs
    first), only the cookie and the browser count: such a request has no session anyway."""
    return (
        saved_language(request)
        or supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
        or translation.get_language_from_request(request)
    )


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware (Content-Language, Vary), choosing as above: after sign-in is
    known, so a member's saved choice counts."""

    def process_request(self, request):
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response = super().process_response(request, response)
        patch_vary_headers(response, ("Cookie",))  # the switcher's choice is a cookie
        return response


@require_http_methods(["GET", "POST"])
def choose_language(request):
    """The switcher's target: remember the language on this browser and go back.

    A visitor's switcher is a plain link (GET): a form would set a CSRF cookie on every public
    page and keep it out of the page cache. A member's is a form (POST, with its CSRF token),
    and only then is the choice saved to their profile: a link on another site cannot change
    the language of a member's e-mails.
    """
    data = request.POST if request.method == "POST" else request.GET
    next_url = data.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    language = data.get("language")
    if language not in dict(settings.LANGUAGES):
        return response  # not one of the site's languages: nothing changes
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    if request.method == "POST" and request.user.is_authenticated:
        UserProfile.objects.update_or_create(
            user=request.user, defaults={"preferred_language": language}
        )
        request.session[SESSION_KEY] = language
    return response
