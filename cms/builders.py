"""Pages built the way editors build them: added under their parent, then a revision published
(so they have a history, are indexed and show in the admin as any page). The demo content and
the tests build pages with these; the synthetic library (cms/synthetic.py) inserts tens of
thousands of rows in bulk instead, on purpose."""

from wagtail.models import Page


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
