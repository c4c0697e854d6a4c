"""Marks the link to the part of the site a page belongs to (aria-current); the languages the
switcher offers."""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

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
