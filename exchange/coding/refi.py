"""REFI-QDA export (QDA-XML 1.0, standard 1.5), so a researcher can go on in NVivo, ATLAS.ti,
MAXQDA or QualCoder: a `.qdpx` project (a ZIP of `project.qde` and a lowercase `sources/`
folder) with each excerpt's consented words as a text source, its coded spans, the codes, the
themes as sets of codes and the memos as notes; or the codebook alone as a `.qdc`.

Attribution follows consent: a source names its author only when they chose to be named, gives
their role and country when they chose that, and nothing else otherwise. GUIDs are derived from
the ids, so exporting twice gives the same GUIDs and a re-import matches them up."""

import io
import uuid
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from django.conf import settings
from django.utils import timezone

from exchange.coding.models import Code, CodedSpan, Theme
from exchange.excerpts.models import Attribution, Consent, Excerpt, live_consents

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
_ROOT = uuid.UUID("6f1c1f44-9c55-4f7e-9a1e-6c0b5a0f2d21")  # this platform's GUID namespace


def guid(kind: str, pk: object) -> str:
    return str(uuid.uuid5(_ROOT, f"{kind}:{pk}"))


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: v for k, v in attributes.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def attribution_of(excerpt: Excerpt, consent: Consent) -> str:
    """Who said it, as far as the author allowed (never for "anonymous" or "not for
    publication", never after their account was erased)."""
    author = excerpt.author
    if author is None or consent.attribution not in (Attribution.NAMED, Attribution.ROLE_COUNTRY):
        return ""
    profile = getattr(author, "profile", None)
    parts = [author.get_full_name()] if consent.attribution == Attribution.NAMED else []
    if profile is not None:
        parts += [profile.role, str(profile.country.name or "")]
    return ", ".join(part for part in parts if part)


def _codes(parent: ET.Element, codes: Iterable[Code], with_notes: bool) -> None:
    holder = _sub(parent, "Codes")
    for code in codes:
        element = _sub(holder, "Code", guid=guid("code", code.pk), name=code.name, isCodable="true")
        if code.description:
            _sub(element, "Description", code.description)
        if with_notes and code.memo:
            _sub(element, "NoteRef", targetGUID=guid("memo", code.pk))


def _sets(parent: ET.Element, themes: Iterable[Theme], member: str) -> None:
    themes = list(themes)
    if not themes:
        return
    holder = _sub(parent, "Sets")
    for theme in themes:
        element = _sub(holder, "Set", guid=guid("theme", theme.pk), name=theme.title)
        if theme.summary:
            _sub(element, "Description", theme.summary)
        for code in theme.codes.all():
            _sub(element, member, targetGUID=guid("code", code.pk))


def codebook_xml() -> bytes:
    """The codebook alone (`.qdc`): codes with their descriptions, themes as sets."""
    root = ET.Element("CodeBook", {"xmlns": CODEBOOK_NS, "origin": settings.WAGTAIL_SITE_NAME})
    _codes(root, Code.objects.order_by("name"), with_notes=False)
    _sets(root, Theme.objects.prefetch_related("codes"), "MemberCode")
    return _document(root)


def project(excerpts: Iterable[Excerpt], name: str) -> bytes:
    """The `.qdpx` of these excerpts (those with a consent in force) and every code used on
    them, with the themes and the memos."""
    excerpts = list(excerpts)
    consents = live_consents(excerpts)
    excerpts = [excerpt for excerpt in excerpts if excerpt.pk in consents]
    spans = list(
        CodedSpan.objects.filter(
            content_object__in=excerpts,
            version_id__in=[consent.version.pk for consent in consents.values()],
        ).select_related("tag")
    )
    codes = sorted({span.tag for span in spans}, key=lambda code: code.name.lower())
    root = ET.Element(
        "Project",
        {
            "xmlns": PROJECT_NS,
            "name": name,
            "origin": settings.WAGTAIL_SITE_NAME,
            "creationDateTime": _stamp(timezone.now()),
        },
    )
    _codes(_sub(root, "CodeBook"), codes, with_notes=True)
    sources = _sub(root, "Sources")
    files: dict[str, str] = {}
    by_excerpt: dict[int, list[CodedSpan]] = {}
    for span in spans:
        by_excerpt.setdefault(span.content_object_id, []).append(span)
    for excerpt in excerpts:
        consent = consents[excerpt.pk]
        source_guid = guid("excerpt", f"{excerpt.pk}.{consent.version.number}")
        files[f"sources/{source_guid}.txt"] = consent.text
        source = _sub(
            sources,
            "TextSource",
            guid=source_guid,
            name=_source_name(excerpt),
            plainTextPath=f"internal://{source_guid}.txt",
            creationDateTime=_stamp(consent.event.at),
        )
        _sub(source, "Description", _provenance(excerpt, consent))
        for span in by_excerpt.get(excerpt.pk, []):
            selection = _sub(
                source,
                "PlainTextSelection",
                guid=guid("span", span.pk),
                name=consent.text[span.start : span.end][:60],
                startPosition=str(span.start),
                endPosition=str(span.end),
                creationDateTime=_stamp(span.created_at),
            )
            coding = _sub(selection, "Coding", guid=guid("coding", span.pk))
            _sub(coding, "CodeRef", targetGUID=guid("code", span.tag_id))
    memos = [code for code in codes if code.memo]
    if memos:
        notes = _sub(root, "Notes")
        for code in memos:
            note = _sub(notes, "Note", guid=guid("memo", code.pk), name=f"Memo: {code.name}")
            _sub(note, "PlainTextContent", code.memo)
    used = {code.pk for code in codes}
    themes = [
        theme
        for theme in Theme.objects.prefetch_related("codes")
        if any(code.pk in used for code in theme.codes.all())
    ]
    _sets(root, themes, "MemberCode")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as qdpx:
        qdpx.writestr("project.qde", _document(root))
        for path, text in files.items():
            qdpx.writestr(path, text.encode("utf-8"))
    return archive.getvalue()


def _source_name(excerpt: Excerpt) -> str:
    parts = [f"Excerpt {excerpt.pk}", str(excerpt.visit.starts_on.year)]
    if excerpt.challenge:
        parts.append(excerpt.challenge.name)
    return " · ".join(parts)


def _provenance(excerpt: Excerpt, consent: Consent) -> str:
    lines = [
        f"Visit year: {excerpt.visit.starts_on.year}",
        f"Phase: {excerpt.get_phase_display()}",
    ]
    if excerpt.challenge:
        lines.append(f"Challenge: {excerpt.challenge.name}")
    if excerpt.goal:
        lines.append(f"Learning goal: {excerpt.goal}")
    lines.append(f"Attribution consented to: {Attribution(consent.attribution).label}")
    if who := attribution_of(excerpt, consent):
        lines.append(f"Attributed to: {who}")
    if consent.attribution == Attribution.PRIVATE:
        lines.append("Not for publication: for analysis only, never to be quoted.")
    lines.append(f"Consent: version {consent.version.number}, SHA-256 {consent.event.digest}")
    return "\n".join(lines)


def _document(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
