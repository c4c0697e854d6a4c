"""Coordinators edit the taxonomy and the library in the Wagtail admin."""

from django.urls import reverse

import pytest

from cms.models import Challenge, PracticeIndexPage, PracticePage
from demo.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, home_page):
    """The taxonomy comes with the migrations: no pages needed."""
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", ["challenge", "setting", "targetgroup", "language"])
def test_taxonomy_snippets_are_listed(admin_client, model):
    response = admin_client.get(f"/admin/snippets/cms/{model}/")
    assert response.status_code == 200


def test_coordinator_renames_a_challenge(admin_client):
    challenge = Challenge.vocabulary.get(slug="mentoring")
    url = f"/admin/snippets/cms/challenge/edit/{challenge.pk}/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        {"name": "Mentoring programmes", "slug": "mentoring", "description": "", "sort_order": 5},
    )
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.name == "Mentoring programmes"


def test_practice_editor_opens(admin_client, demo_pages):
    library = PracticeIndexPage.objects.get(locale__language_code="en")
    add = admin_client.get(
        reverse("wagtailadmin_pages:add", args=("cms", "practicepage", library.pk))
    )
    assert add.status_code == 200
    practice = PracticePage.objects.first()
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(practice.pk,)))
    assert edit.status_code == 200
    assert "Countries where it runs" in edit.content.decode()
