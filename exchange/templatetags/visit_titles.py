"""`{% visit_title visit %}`: the visit named for the person reading (exchange/visits/titles.py)."""

from django import template

from exchange.visits.titles import visit_title as title_for

register = template.Library()


@register.simple_tag(takes_context=True)
def visit_title(context, visit) -> str:
    return title_for(visit, context["request"].user)
