"""The coordinators' coding steps. Each is one transaction; a refused step raises CodingError
with the reason and changes nothing. Only the words an author consented to are coded (any
attribution, "not for publication" included), and a span counts Unicode code points from 0."""

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from taggit.utils import split_strip

from exchange import audit
from exchange.coding.models import Code, CodedSpan, Theme
from exchange.excerpts.models import Excerpt, live_consent
from exchange.roles import is_coordinator

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_CODE_NAME = 100


class CodingError(Exception):
    """A step that cannot be taken; the message says why, and nothing changed."""


def _coordinator(user: "User") -> None:
    if not is_coordinator(user):
        raise CodingError(_("Only the coordinators code excerpts."))


def code_names(value: str) -> list[str]:
    """The codes typed in one field, separated by commas (a code may hold spaces, unlike
    taggit's own tag input, which splits on them when there is no comma)."""
    names = list({name.lower(): name for name in split_strip(value or "", ",")}.values())
    if not names:
        raise CodingError(_("Type at least one code."))
    for name in names:
        if len(name) > MAX_CODE_NAME:
            raise CodingError(
                _("A code's name holds at most %(max)s characters.") % {"max": MAX_CODE_NAME}
            )
    return names


def _span(text: str, passage: str, start: int | None) -> tuple[int, int]:
    """Where `passage` is in `text`, in code points: at `start` if it is there (a selection in
    the page says where), else its first occurrence."""
    passage = (passage or "").strip()
    if not passage:
        raise CodingError(_("Select the words to code."))
    if start is not None and start >= 0 and text[start : start + len(passage)] == passage:
        return start, start + len(passage)
    found = text.find(passage)
    if found < 0:
        raise CodingError(_("These words are not in the excerpt as consented to."))
    return found, found + len(passage)


def code_get_or_create(name: str) -> Code:
    """The code of that name, whatever its case, or a new one."""
    code = Code.objects.filter(name__iexact=name).first()
    if code is None:
        code = Code(name=name)
        code.save()  # taggit makes a unique slug
    return code


def span_code(
    *, excerpt_id: int, user: "User", passage: str, start: int | None, codes: str
) -> list[CodedSpan]:
    """Apply the codes typed to the passage selected in the excerpt's consented words."""
    _coordinator(user)
    names = code_names(codes)
    with transaction.atomic():
        excerpt = Excerpt.objects.select_for_update().filter(pk=excerpt_id).first()
        consent = live_consent(excerpt) if excerpt else None
        if excerpt is None or consent is None:
            raise CodingError(_("This excerpt has no consent in force: it cannot be coded."))
        begin, end = _span(consent.text, passage, start)
        spans = []
        for name in names:
            span, _created = CodedSpan.objects.get_or_create(
                tag=code_get_or_create(name),
                version=consent.version,
                start=begin,
                end=end,
                defaults={"content_object": excerpt, "coded_by": user},
            )
            spans.append(span)
        audit.record(excerpt, "exchange.coding.code", user, codes=names, start=begin, end=end)
    return spans


def span_uncode(*, span_id: int, user: "User") -> None:
    _coordinator(user)
    with transaction.atomic():
        span = CodedSpan.objects.select_related("content_object", "tag").filter(pk=span_id).first()
        if span is None:
            raise CodingError(_("This code was already taken off."))
        audit.record(span.content_object, "exchange.coding.uncode", user, code=span.tag.name)
        span.delete()


def code_edit(*, code_id: int, user: "User", name: str, description: str, memo: str) -> Code:
    """Rename a code, describe it, or write its memo."""
    _coordinator(user)
    name = (name or "").strip()
    if not name:
        raise CodingError(_("A code needs a name."))
    if len(name) > MAX_CODE_NAME:
        raise CodingError(
            _("A code's name holds at most %(max)s characters.") % {"max": MAX_CODE_NAME}
        )
    with transaction.atomic():
        code = Code.objects.select_for_update().filter(pk=code_id).first()
        if code is None:
            raise CodingError(_("This code does not exist any more (merged or deleted)."))
        if Code.objects.filter(name__iexact=name).exclude(pk=code.pk).exists():
            raise CodingError(
                _("A code named “%(name)s” exists: merge the two instead.") % {"name": name}
            )
        renamed_from = code.name if code.name != name else ""
        code.name, code.description, code.memo = name, description.strip(), memo.strip()
        code.save()
        audit.record(code, "exchange.coding.code_edit", user, renamed_from=renamed_from)
    return code


def code_merge(*, source_id: int, target_id: int, user: "User") -> Code:
    """Merge `source` into `target`: its spans and themes move, its description and memo are
    kept below the target's, and it is gone."""
    _coordinator(user)
    if source_id == target_id:
        raise CodingError(_("A code cannot be merged into itself: choose another code."))
    with transaction.atomic():
        codes = Code.objects.select_for_update().in_bulk([source_id, target_id])
        source, target = codes.get(source_id), codes.get(target_id)
        if source is None or target is None:
            raise CodingError(_("One of the two codes does not exist any more."))
        taken = set(target.spans.values_list("version_id", "start", "end"))
        for span in source.spans.all():
            if (span.version_id, span.start, span.end) in taken:
                span.delete()  # the same words already carry the target code
            else:
                span.tag = target
                span.save(update_fields=["tag"])
        for theme in Theme.objects.filter(codes=source):
            theme.codes.add(target)
        target.description = _joined(target.description, source.description)
        target.memo = _joined(target.memo, source.memo, heading=source.name)
        target.save()
        audit.record(target, "exchange.coding.merge", user, merged=source.name)
        source.delete()
    return target


def _joined(kept: str, added: str, heading: str = "") -> str:
    if not added.strip():
        return kept
    added = f"{heading}: {added.strip()}" if heading else added.strip()
    return f"{kept.strip()}\n\n{added}" if kept.strip() else added
