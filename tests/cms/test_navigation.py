"""The header and footer lead to every public section, read from the page tree: what is not
live or not public never appears, the current section is marked, members get their own menu."""

import re

from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from cms.builders import publish
from cms.models import EvaluationReportPage, OrganisationIndexPage, StandardPage
from demo.factories import make_member
from demo.page_factories import make_library, make_organisation


def menu(page: str, label: str) -> list[str]:
    nav = re.search(rf'<nav[^>]*aria-label="{label}">(.*?)</nav>', page, re.S)
    return re.findall(r">([^<>]+)</a>", nav.group(1)) if nav else []


@pytest.fixture
def sections(home_page):
    library, organisations = make_library(home_page)
    for page in (library, organisations):
        page.show_in_menus = True
        page.save_revision().publish()
    publish(home_page, StandardPage(title="Privacy", slug="privacy"))
    hidden = publish(home_page, StandardPage(title="Members' rules", slug="rules"))
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    draft = StandardPage(title="Draft section", slug="draft", live=False)
    home_page.add_child(instance=draft)
    return library


@pytest.mark.django_db
def test_the_header_shows_the_menu_sections_and_the_footer_every_public_one(client, sections):
    page = client.get("/").content.decode()
    assert menu(page, "Sections") == [sections.title, "Member organisations"]
    assert menu(page, "Footer") == [sections.title, "Member organisations", "Privacy"]
    assert "Draft section" not in page and "Members&#x27; rules" not in page
    assert menu(page, "Your work") == []  # no member menu for the public


@pytest.mark.django_db
def test_the_current_section_is_marked_for_assistive_technology(client, sections):
    page = client.get(sections.url).content.decode()
    assert f'href="{sections.url}" aria-current="page"' in page


@pytest.mark.django_db
def test_reports_appear_as_one_section_once_one_is_published(client, home_page, sections):
    assert "Evaluation reports" not in client.get("/").content.decode()
    publish(
        home_page, EvaluationReportPage(title="Evaluation report 2030", slug="r-2030", year=2030)
    )
    page = client.get("/").content.decode()
    assert menu(page, "Sections")[-1] == "Evaluation reports"
    listing = client.get(reverse("report_list")).content.decode()
    assert "Evaluation report 2030" in listing


@pytest.mark.django_db
def test_members_get_their_menu_and_only_staff_the_admin_link(client, sections):
    organisations = OrganisationIndexPage.objects.get(locale__language_code="en")
    member = make_member(make_organisation(organisations, title="Fictional Org"))
    client.force_login(member)
    page = client.get(reverse("dashboard")).content.decode()
    work = ["Dashboard", "Visits", "Hosting offers", "Reflections", "Members"]
    assert menu(page, "Your work") == work
    assert 'href="/dashboard/" aria-current="page"' in page
    member.is_staff = True  # staff must have a second factor (exchange.middleware)
    member.save()
    TOTP.activate(member, generate_totp_secret())
    assert menu(client.get(reverse("dashboard")).content.decode(), "Your work") == [*work, "Admin"]
