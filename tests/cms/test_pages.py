from django.template.loader import render_to_string

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

import pytest

from cms.models import (
    EvaluationReportPage,
    HomePage,
    OrganisationIndexPage,
    PracticeIndexPage,
    PrivacyNoticePage,
    StandardPage,
)
from exchange.publication.models import PublicationPage


class TestPageTree(WagtailPageTestCase):
    def test_home_page_sits_only_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_standard_pages_sit_under_home_or_each_other(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(Page, StandardPage)

    def test_only_one_home_page(self):
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))

    def test_editors_add_under_home_the_page_types_that_name_it_as_their_parent(self):
        # Those of cms and the publication of exchange, which cms does not name.
        self.assertEqual(
            set(HomePage.creatable_subpage_models()),
            {
                StandardPage,
                PrivacyNoticePage,
                PracticeIndexPage,
                OrganisationIndexPage,
                EvaluationReportPage,
                PublicationPage,
            },
        )


def add_standard_page(parent, **fields) -> StandardPage:
    page = StandardPage(**{"title": "How visits work", "slug": "how-visits-work", **fields})
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_fresh_database_serves_the_home_page(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert response.templates[0].name == "cms/home_page.html"
    assert b"<h1" in response.content
    assert home_page.hero_heading.encode() in response.content.replace(b"&#x27;", b"'")


def test_home_page_shows_its_text_and_section_cards(client, home_page):
    section = add_standard_page(home_page)
    home_page.hero_text = "Practitioners learn by watching peers work."
    home_page.intro = "<p>An <b>introduction</b> to the network.</p>"
    home_page.sections = [
        ("section", {"page": section, "title": "", "description": "Step by step."})
    ]
    home_page.save_revision().publish()

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Practitioners learn by watching peers work." in html
    assert "<b>introduction</b>" in html
    assert f'href="{section.url}"' in html
    assert "Step by step." in html


def test_home_page_hides_cards_of_unpublished_pages(client, home_page):
    section = add_standard_page(home_page, title="Draft section", slug="draft-section")
    home_page.sections = [("section", {"page": section, "title": "", "description": ""})]
    home_page.save_revision().publish()
    section.unpublish()

    response = client.get("/")

    assert "Draft section" not in response.content.decode()
    assert client.get(section.url_path.removeprefix("/home")).status_code == 404


def test_standard_page_renders_its_body(client, home_page):
    page = add_standard_page(
        home_page,
        summary="From challenge to reflection.",
        body=[
            ("heading", {"text": "State your challenge", "level": "h2"}),
            ("paragraph", "<p>Members describe what they face.</p>"),
            ("quote", {"text": "Seeing it done changed my practice.", "attribution": "A visitor"}),
        ],
    )

    response = client.get(page.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "<h2>State your challenge</h2>" in html
    assert "Members describe what they face." in html
    assert "Seeing it done changed my practice." in html


@pytest.mark.django_db
def test_missing_page_gets_the_site_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'href="#main"' in response.content.decode()


def test_500_page_renders_without_a_request():
    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert html.count("<h1") == 1
