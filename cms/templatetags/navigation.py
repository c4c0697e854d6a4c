"""Marks the link to the part of the site a page belongs to (aria-current); the languages the
switcher offers; a page's versions in other languages; a card's language when not the reader's."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Page

from cms.languages import address_in
from cms.locales import active_locale_id, code_of

register = template.Library()


@register.simple_tag(takes_context=True)
def current(context, url: str) -> str:
    """`aria-current="page"` on the link to this very page, `aria-current="true"` on the link to
    the section it is in; nothing elsewhere. The home page is nobody's section."""
    request = context.get("request")
    if request is None or not url:
        return ""
    if request.path == url:
        return mark_safe('aria-current="page"')
    if url != "/" and request.path.startswith(url):
        return mark_safe('aria-current="true"')
    return ""


@register.simple_tag
def site_languages() -> list[tuple[str, str]]:
    """The site's languages, each named in itself (Django's get_available_languages translates
    the names into the current language: "Englisch")."""
    return settings.LANGUAGES


@register.simple_tag(takes_context=True)
def return_path(context) -> str:
    """Where the switcher comes back to: this page with its filters and page number, but never
    with a search's words, which stay out of every address but the search's own."""
    request = context.get("request")
    if request is None:
        return "/"
    if "q" in request.GET:
        return request.path
    return request.get_full_path()


@register.simple_tag
def content_language(page: Page) -> str:
    """The language a page is written in (for `lang` on its text), from its locale."""
    return code_of(page.locale_id)


@register.simple_tag(takes_context=True)
def page_versions(context, page: Page) -> list[tuple[str, str]]:
    """The page's live versions, (language, full address), for `hreflang` links and the
    notice on a page shown in its original language."""
    request = context.get("request")
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    return [
        (version.locale.language_code, version.get_full_url(request))
        for version in translations.order_by("locale__language_code")
    ]


@register.filter
def language_name(code: str) -> str:
    """A language of the site named in itself, as the switcher names it ("Français")."""
    return dict(settings.LANGUAGES).get(code, code)


@register.filter
def locale_code(locale_id: int) -> str:
    """The language of a locale id (a page's `locale_id`), without a query."""
    return code_of(locale_id)


@register.filter
def written_in_another_language(language: str) -> str:
    """ "Written in German" on a card in another language than the reader's, else nothing."""
    if language == get_language():
        return ""
    name = translation.get_language_info(language)["name_translated"]
    return _("Written in %(language)s") % {"language": name}


@register.simple_tag(takes_context=True)
def address_for_reader(context, page: Page) -> str:
    """A page's address in the reader's language: its own where it is in that language; else
    the original's path under the reader's prefix, which shows it with a notice and keeps the
    reader in their language."""
    url = page.get_url(context.get("request"))
    return address_in(url, get_language()) if url else ""


@register.filter
def for_reader(page: Page) -> Page:
    """The page's live version in the reader's language, else the page (Wagtail's `localized`
    without its query for the reader's locale when the page is already in it)."""
    reader = active_locale_id()
    if page.locale_id == reader:
        return page
    translation = page.get_translations().live().filter(locale_id=reader).first()
    return translation.specific if translation else page
