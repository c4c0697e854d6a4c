"""Marks the link to the part of the site a page belongs to (aria-current)."""

from django import template
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
