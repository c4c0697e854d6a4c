"""A vocabulary term in the reader's language wherever a page shows one it reached through a
link (an application's challenge, an offer's challenges): the link points at the term in the
default language (cms/models/snippets.py), whose name is English. The names come from the
library's memo of the vocabularies (cms/listing/vocabularies.py), kept per process under a token
that every change to a vocabulary replaces; the token is read once per request, so a page that
names a term per visit makes no query per visit.

    {% term_name application.challenge %}
    {% term_names offer.challenges.all %}
"""

from django import template

from cms.listing.vocabularies import TERM_FACETS, cached_vocabularies, library_version

register = template.Library()

FACET_OF = {model: key for key, (_label, model, _relation) in TERM_FACETS.items()}


def _vocabularies(context) -> dict:
    request = context.get("request")
    if request is None:
        return cached_vocabularies(library_version())
    if not hasattr(request, "_vocabularies"):
        request._vocabularies = cached_vocabularies(library_version())
    return request._vocabularies


def _name(vocabularies: dict, term) -> str:
    if term is None:
        return ""
    if type(term) not in FACET_OF:
        return str(term)
    return vocabularies[FACET_OF[type(term)]].get(term.slug, (None, str(term)))[1]


@register.simple_tag(takes_context=True)
def term_name(context, term) -> str:
    return _name(_vocabularies(context), term)


@register.simple_tag(takes_context=True)
def term_names(context, terms) -> str:
    """Terms (a queryset or list), separated by commas, each in the reader's language."""
    vocabularies = _vocabularies(context)
    return ", ".join(_name(vocabularies, term) for term in terms)
