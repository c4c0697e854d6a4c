"""What the public finds in the site's search, told to the Whoosh backend (its "did you mean"
words come only from these): live pages without a view restriction on them or above them, as
the site search shows them. Images, documents and snippets are not the public's."""

from wagtail.models import Page

from modelsearch_whoosh.public import what_the_public_finds


@what_the_public_finds
def public_pages(root):
    return Page.objects.live().public() if issubclass(root, Page) else None
