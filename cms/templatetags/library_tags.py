"""The library's facet lists, built in Python: a page shows about 80 facet values, and the
template loop over them was half of a search page's rendering time."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

SELECTED = mark_safe(' aria-current="true" class="facet__selected"')


@register.simple_tag
def facet_lists(facets, labels: dict) -> SafeString:
    """The markup of includes/facets.html before: one section per facet with values."""
    # A chosen value shows how to take it off: a visible cross, and the word for screen readers.
    remove = format_html(
        '<span class="facet__remove" aria-hidden="true">×</span>'
        '<span class="visually-hidden">{} </span>',
        labels["remove"],
    )
    counted = format_html('<span class="visually-hidden"> {}</span>', labels["practices"])
    sections = []
    for facet in facets:
        if not facet.values:
            continue
        options = format_html_join(
            "\n",
            '<li><a href="{}"{}><span>{}{}</span> <span class="facet__count">{}{}</span></a></li>',
            (
                (
                    option.url,
                    SELECTED if option.selected else "",
                    remove if option.selected else "",
                    option.label,
                    option.count,
                    counted,
                )
                for option in facet.values
            ),
        )
        sections.append(
            format_html(
                '<section class="facet" aria-labelledby="facet-{key}">'
                '<h3 id="facet-{key}">{label}</h3><ul>\n{options}\n</ul></section>',
                key=facet.key,
                label=facet.label,
                options=options,
            )
        )
    return mark_safe("\n".join(sections))  # noqa: S308 - every piece is format_html'd
