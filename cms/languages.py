"""The interface's language: English, German or French, for each reader.

A signed-in member's saved choice comes first (Wagtail's own user profile, so the admin follows
it too), then the choice a reader made with the switcher on this browser (a cookie), then the
browser's own languages, then English. E-mails go out in their recipient's saved language
(exchange/notifications/).

A page of the site's content has an address in each language: /de/... and /fr/..., English's
without a prefix (config/urls.py). There the address decides, so a link to a German page reads
in German whoever follows it; a reader who chose German and opens a page's English address is
sent on to its German one. Other addresses (the dashboard, the search, the forms) read in the
reader's language.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import escape_leading_slashes, url_has_allowed_host_and_scheme
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


def address_language(request) -> str | None:
    """The language a page's address names (/de/..., /fr/...), or None."""
    return translation.get_language_from_path(request.path_info)


def request_language(request) -> str:
    return address_language(request) or chosen_language(request)


def is_page(view_func) -> bool:
    from wagtail import views as wagtail_views  # loads the page model: not while models load

    return view_func is wagtail_views.serve


def follows_the_reader(path: str) -> bool:
    """Whether a reader who chose another language is sent on from this English address to
    theirs: the page tree's pages, and the search (its address names its language too)."""
    with translation.override(settings.LANGUAGE_CODE):
        match = resolve(path)
    return is_page(match.func) or match.url_name == "search"


def is_page_address(path: str) -> bool:
    """Whether an address without a language prefix is one of the page tree's (Wagtail's
    pages and its password form): those resolve as English only, the language such an address
    is in; every other address resolves in any language."""
    path = urlsplit(path).path
    if prefix := translation.get_language_from_path(path):  # /de/...: the tree's, if anyone's
        try:
            with translation.override(prefix):
                return is_page(resolve(path).func)
        except Resolver404:
            return False
    try:
        with translation.override(settings.LANGUAGE_CODE):
            resolve(path)
    except Resolver404:
        return False
    other = next(code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE)
    try:
        with translation.override(other):
            resolve(path)
    except Resolver404:
        return True
    return False


def address_in(path: str, language: str) -> str:
    """A page's address in another language: the same path under that language's prefix (where
    the page is missing in it, its original answers, with a notice)."""
    prefix = translation.get_language_from_path(path)
    bare = path[len(prefix) + 1 :] if prefix else path
    return bare if language == settings.LANGUAGE_CODE else f"/{language}{bare}"


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware (Content-Language, Vary), choosing as above: after sign-in is
    known, so a member's saved choice counts."""

    def process_request(self, request):
        language = address_language(request)
        if language is None and is_page_address(request.path_info):
            # A page's address without a prefix is its English one: a reader who chose another
            # language goes on to that language's address of the same page.
            chosen = chosen_language(request)
            if (
                chosen != settings.LANGUAGE_CODE
                and request.method in ("GET", "HEAD")
                and follows_the_reader(request.path_info)
            ):
                return HttpResponseRedirect(
                    escape_leading_slashes(f"/{chosen}{request.get_full_path()}")
                )
            language = settings.LANGUAGE_CODE
        translation.activate(language or chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        return None

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
    language = data.get("language")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseRedirect(next_url)  # not one of the site's languages: nothing changes
    if is_page_address(next_url):  # the same page, at its address in the chosen language
        next_url = address_in(next_url, language)
    response = HttpResponseRedirect(next_url)
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
