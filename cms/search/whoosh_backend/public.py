"""What the public may find, for the words "did you mean" offers (`vocabulary`).

The index also holds drafts and restricted pages, because Wagtail's admin searches them; its
word list must not: it is a plain file of words, and a name in a draft is private. The public
finds live pages without a view restriction on them or above them (`Page.objects.live()
.public()`, what the site search shows); objects of any other index (images, documents,
snippets) are not found by the public's search, so their words are never offered.
"""

from wagtail.models import Page


def public_queryset(root):
    """The root model's objects that the public may find, or None when there are none."""
    return Page.objects.live().public() if issubclass(root, Page) else None


def public_pks(model, items) -> set:
    """The pks of `items` (objects of `model`) that the public may find: Wagtail's own
    definition, asked of the database once per batch."""
    public = public_queryset(model)
    if public is None:
        return set()
    return set(public.filter(pk__in=[item.pk for item in items]).values_list("pk", flat=True))
