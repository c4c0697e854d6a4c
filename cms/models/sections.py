"""What the section index pages (the library, the organisations) share."""

from typing import NamedTuple

from django.db.models import CharField, F, Value
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.query import PageQuerySet

from cms.models.snippets import name_in_reader_language


class Term(NamedTuple):
    """A taxonomy term as a page shows it: its name in the reader's language (what it prints
    as), and its slug (what a link to the filtered library needs)."""

    name: str
    slug: str

    def __str__(self) -> str:
        return self.name


def terms_by_relation(instance, relations: dict[str, str]) -> dict[str, list[Term]]:
    """Names of the taxonomy terms linked to `instance`, in the reader's language, for several
    M2M fields in one query.

    `relations` maps a field name to the name of the term's foreign key on its through table.
    """
    parts = []
    for field_name, target in relations.items():
        through = getattr(type(instance), field_name).through
        source = next(
            f.attname
            for f in through._meta.get_fields()
            if f.is_relation and f.many_to_one and f.related_model is type(instance)
        )
        parts.append(
            through.objects.filter(**{source: instance.pk})
            .order_by()
            .values_list(
                Value(field_name, output_field=CharField()),
                name_in_reader_language(
                    through._meta.get_field(target).related_model, f"{target}__translation_key"
                ),
                F(f"{target}__sort_order"),
                F(f"{target}__slug"),
            )
        )
    grouped: dict[str, list[Term]] = {field_name: [] for field_name in relations}
    for field_name, name, _order, slug in sorted(
        parts[0].union(*parts[1:], all=True), key=lambda r: (r[2], r[1])
    ):
        grouped[field_name].append(Term(name, slug))
    return grouped


class SectionIndexPage(Page):
    """The one page of a section (the library, the organisations), whose children are all of one
    type."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["cms.HomePage"]
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True

    def children_queryset(self) -> PageQuerySet:
        raise NotImplementedError

    def route(self, request, path_components):
        """Wagtail's default route finds a child, then fetches it again as its specific type;
        with one child type, one query fetches the specific child."""
        if not path_components:
            return super().route(request, path_components)
        child = self.children_queryset().child_of(self).filter(slug=path_components[0]).first()
        if child is None:
            raise Http404
        child._cached_parent_obj = self  # the breadcrumb's get_parent() needs no query
        return child.route(request, path_components[1:])
