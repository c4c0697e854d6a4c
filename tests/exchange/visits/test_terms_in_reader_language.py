"""A term reached through a link is shown in the reader's language: an application links to the
challenge in the default language (its English name), and the applicant reading in German sees
the German name on the dashboard, the application and the visit, as on the offers."""

from django.urls import reverse

from wagtail.models import Locale

import pytest

from cms.models import Challenge
from demo.factories import propose

pytestmark = pytest.mark.django_db

GERMAN = "Erstgespräch mit Familien (fiktiv)"


@pytest.fixture
def german_challenge():
    """The challenge the demo's applications name, its German version renamed (so the test
    cannot pass on a name that happens to read the same in both)."""
    challenge = Challenge.vocabulary.order_by("pk").first()
    german = challenge.get_translation(Locale.objects.get(language_code="de"))
    german.name = GERMAN
    german.save()
    return challenge


def test_a_challenge_reads_in_german_on_the_members_pages(client, network, german_challenge):
    visit = propose(network)
    application = visit.application
    client.force_login(network.visitor)
    client.cookies["django_language"] = "de"
    session = client.session
    session["member_language"] = "de"
    session.save()
    for url in (
        reverse("dashboard"),
        reverse("application_detail", args=[application.pk]),
        reverse("visit_detail", args=[visit.pk]),
    ):
        html = client.get(url).content.decode()
        assert GERMAN in html, url
        assert f">{german_challenge.name}<" not in html, url

    session["member_language"] = "en"
    session.save()
    assert german_challenge.name in client.get(reverse("dashboard")).content.decode()
