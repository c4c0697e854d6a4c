"""Pages built the way editors build them: added under their parent, then a revision published
(so they have a history, are indexed and show in the admin as any page). The demo content and
the tests build pages with these; the synthetic library (demo/synthetic.py) inserts tens of
thousands of rows in bulk instead, on purpose."""

from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Page


def publish(parent: Page, page: Page, *, tags=()) -> Page:
    parent.add_child(instance=page)
    if tags:
        page.tags.add(*tags)
    page.save_revision().publish()
    return page


def child_or_publish(parent: Page, model: type[Page], slug: str, **fields) -> tuple[Page, bool]:
    """The child of `parent` with this slug, or a new published one: (page, created)."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    tags = fields.pop("tags", ())
    return publish(parent, model(slug=slug, **fields), tags=tags), True


def translate(page: Page, language: str, **fields) -> Page:
    """The page in another language, published, as an editor makes it with "Translate": a copy
    in that locale's tree (its missing parents become aliases of theirs, which follow the
    originals), then translated and published."""
    locale = Locale.objects.get(language_code=language)
    copy = page.get_translation_or_none(locale)
    if copy is None:
        copy = page.copy_for_translation(locale, copy_parents=True)
    elif copy.alias_of_id:  # made as a parent of an earlier translation: now a page of its own
        ConvertAliasPageAction(copy).execute(skip_permission_checks=True)
        copy = copy.specific_class.objects.get(pk=copy.pk)
    copy = copy.specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy
