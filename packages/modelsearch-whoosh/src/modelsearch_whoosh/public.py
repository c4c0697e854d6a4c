"""What the public may find, for the words "did you mean" offers (`vocabulary`).

The index also holds drafts and restricted objects, because an admin searches them; its word list
must not: it is a plain file of words, and a name in a draft is private. The site says what its
public finds by registering a function with `@what_the_public_finds` (for Wagtail: live pages
without a view restriction, `Page.objects.live().public()`). Objects no function answers for are
not the public's, so their words are never offered: with nothing registered, none are.
"""

from collections.abc import Callable

from django.db.models import QuerySet

PublicOf = Callable[[type], QuerySet | None]
_FINDERS: list[PublicOf] = []


def what_the_public_finds(function: PublicOf) -> PublicOf:
    """Register `function(root model)`: the root model's objects the public may find, or None
    when it does not answer for that model."""
    if function not in _FINDERS:
        _FINDERS.append(function)
    return function


def public_queryset(root) -> QuerySet | None:
    """The root model's objects that the public may find, or None when there are none."""
    for finder in _FINDERS:
        found = finder(root)
        if found is not None:
            return found
    return None


def public_pks(model, items) -> set:
    """The pks of `items` (objects of `model`) that the public may find, asked of the
    database once per batch."""
    public = public_queryset(model)
    if public is None:
        return set()
    return set(public.filter(pk__in=[item.pk for item in items]).values_list("pk", flat=True))
