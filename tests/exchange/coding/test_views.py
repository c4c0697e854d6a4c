"""The coding workbench in the admin, and its REFI-QDA exports validated against the standard's
own schemas (in ../shared/data/refi-qda/, which a fresh clone has not: those tests skip there)."""

import io
import os
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from django.urls import reverse

import pytest

from demo.factories import make_excerpt
from exchange.coding import services as coding
from exchange.coding.models import Code, CodedSpan
from exchange.excerpts import services as excerpts

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parents[4] / "shared" / "data" / "refi-qda"
if not (SCHEMAS / "Project.xsd").exists() and os.environ.get("REQUIRE_SHARED_DATA") == "1":
    raise RuntimeError(f"REQUIRE_SHARED_DATA=1 but the REFI-QDA schemas are not in {SCHEMAS}")
needs_schemas = pytest.mark.skipif(
    not (SCHEMAS / "Project.xsd").exists(),
    reason="the REFI-QDA schemas are in ../shared/data/refi-qda/, which this checkout has not",
)
NS = {"q": "urn:QDA-XML:project:1.0"}
TEXT = "Les mères parlent d'abord 🙂; the team listens, then the team writes nothing down."


@pytest.fixture
def coded(entry, coordinator, network):
    network.visitor.first_name, network.visitor.last_name = "Fictional", "Writer"
    network.visitor.save()
    named = make_excerpt(entry, TEXT, "named")
    anonymous = make_excerpt(entry, "The team writes nothing down.", "anonymous")
    for excerpt, passage, codes in [
        (named, "the team listens", "listening, trust"),
        (named, "Les mères", "families"),
        (anonymous, "writes nothing down", "trust"),
    ]:
        coding.span_code(
            excerpt_id=excerpt.pk, user=coordinator, passage=passage, start=None, codes=codes
        )
    coding.code_edit(
        code_id=Code.objects.get(name="trust").pk,
        user=coordinator,
        name="trust",
        description="Where a family is shown it can rely on the team.",
        memo="Often with listening: check the host's own account.",
    )
    return {"named": named, "anonymous": anonymous}


def test_only_the_coordinators_reach_the_workbench(client, network, coded):
    client.force_login(network.visitor)
    for name, args in [
        ("coding:workbench", []),
        ("coding:codebook", []),
        ("coding:excerpt", [coded["named"].pk]),
        ("coding:export_project", []),
    ]:
        assert client.get(reverse(name, args=args))["Location"] == reverse("wagtailadmin_home")


def test_the_workbench_filters_and_an_excerpt_is_coded_through_its_page(client, coordinator, coded):
    client.force_login(coordinator)
    listing = client.get(reverse("coding:workbench")).content.decode()
    assert "the team listens" in listing and "The team writes nothing down." in listing
    assert listing.count('<option value="NL"') == 1  # two excerpts from the Netherlands, one choice
    trust = Code.objects.get(name="trust")
    listing = client.get(reverse("coding:workbench"), {"code": "families"}).content.decode()
    assert "the team listens" in listing and "The team writes nothing down." not in listing
    listing = client.get(reverse("coding:workbench"), {"country": "NL"}).content.decode()
    assert "Netherlands" in listing and "The team writes nothing down." in listing
    listing = client.get(reverse("coding:workbench"), {"phase": "before"}).content.decode()
    assert "No excerpt matches these filters." in listing
    listing = client.get(reverse("coding:workbench"), {"code": "nope", "year": "x"})
    assert listing.status_code == 200  # a filter that matches nothing is left out

    page = reverse("coding:excerpt", args=[coded["anonymous"].pk])
    html = client.get(page).content.decode()
    assert '<mark title="trust">writes nothing down</mark>' in html
    response = client.post(page, {"passage": "The team", "start": "0", "codes": "roles"})
    assert response.status_code == 302
    span = CodedSpan.objects.get(tag__name="roles")
    assert (span.start, span.end) == (0, 8)
    refused = client.post(page, {"passage": "not there", "codes": "roles"})
    assert refused.status_code == 409 and "not in the excerpt" in refused.content.decode()
    assert client.post(page, {"uncode": str(span.pk)}).status_code == 302
    assert client.post(page, {"uncode": "x"}).status_code == 409
    assert not CodedSpan.objects.filter(tag__name="roles").exists()

    codebook = client.get(reverse("coding:codebook")).content.decode()
    assert "listening (1)" in codebook and trust.description in codebook
    # Where a code is applied: its words, not character offsets.
    applied = client.get(reverse("coding:code", args=[trust.pk])).content.decode()
    assert "“writes nothing down”" in applied and "–" not in applied.split("Where it is applied")[1]


def test_a_code_is_renamed_and_merged_on_its_page(client, coordinator, coded):
    client.force_login(coordinator)
    trust, listening = Code.objects.get(name="trust"), Code.objects.get(name="listening")
    page = reverse("coding:code", args=[listening.pk])
    data = {"action": "edit", "name": "listening first", "description": "", "memo": "note"}
    assert client.post(page, data).status_code == 302
    assert client.post(page, {"action": "merge", "target": str(listening.pk)}).status_code == 400
    assert client.post(page, {"action": "merge", "target": str(trust.pk)}).status_code == 302
    assert not Code.objects.filter(pk=listening.pk).exists()
    assert "listening first: note" in Code.objects.get(pk=trust.pk).memo


def export(client, **filters) -> tuple[ET.Element, dict[str, str]]:
    response = client.get(reverse("coding:export_project"), filters)
    assert response["Content-Type"] == "application/zip", response
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    files = {name: archive.read(name).decode() for name in archive.namelist()}
    return ET.fromstring(files["project.qde"]), files  # noqa: S314 (our own export)


@needs_schemas
def test_the_project_export_validates_and_holds_exactly_the_coded_spans(client, coordinator, coded):
    import xmlschema

    client.force_login(coordinator)
    response = client.get(reverse("coding:export_project"))
    xmlschema.XMLSchema(SCHEMAS / "Project.xsd").validate(
        zipfile.ZipFile(io.BytesIO(response.content)).read("project.qde").decode()
    )
    root, files = export(client)
    assert all(name == "project.qde" or name.startswith("sources/") for name in files)
    codes = {c.get("guid"): c.get("name") for c in root.iterfind(".//q:Code", NS)}
    assert sorted(codes.values()) == ["families", "listening", "trust"]
    found = set()
    for source in root.iterfind(".//q:TextSource", NS):
        text = files["sources/" + source.get("plainTextPath").removeprefix("internal://")]
        for selection in source.iterfind("q:PlainTextSelection", NS):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            ref = selection.find("q:Coding/q:CodeRef", NS).get("targetGUID")
            found.add((text[start:end], codes[ref]))  # positions are code points
    assert found == {
        ("the team listens", "listening"),
        ("the team listens", "trust"),
        ("Les mères", "families"),
        ("writes nothing down", "trust"),
    }
    descriptions = [s.find("q:Description", NS).text for s in root.iterfind(".//q:TextSource", NS)]
    assert sum("Fictional Writer" in d for d in descriptions) == 1  # the named one only
    memo = root.find(".//q:Notes/q:Note/q:PlainTextContent", NS).text
    assert memo.startswith("Often with listening")


@needs_schemas
def test_an_anonymous_or_withdrawn_excerpt_exports_without_a_name_or_not_at_all(
    client, coordinator, coded
):
    client.force_login(coordinator)
    excerpts.excerpt_withdraw(excerpt_id=coded["named"].pk, user=coded["named"].author)
    root, files = export(client)
    assert "Fictional Writer" not in "".join(files.values())
    assert TEXT not in "".join(files.values())
    assert len(root.findall(".//q:TextSource", NS)) == 1


@needs_schemas
def test_the_codebook_export_validates(client, coordinator, coded):
    import xmlschema

    client.force_login(coordinator)
    response = client.get(reverse("coding:export_codebook"))
    xmlschema.XMLSchema(SCHEMAS / "Codebook.xsd").validate(response.content.decode())
    assert b"Where a family is shown it can rely on the team." in response.content


def test_an_empty_export_says_so(client, coordinator, coded):
    client.force_login(coordinator)
    response = client.get(reverse("coding:export_project"), {"phase": "before"})
    assert response.status_code == 302
    assert "Nothing to export" in client.get(response["Location"]).content.decode()
