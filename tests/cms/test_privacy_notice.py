"""The privacy notice: the coordinators write what is their network's (who is responsible, the
contact, the processors, the authority); what the platform does with personal data is written
by its code and read from the deployment's settings, so the notice says the retention periods
the schedule applies. In the reader's language, and linked from sign-up and the account."""

from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from cms.builders import publish
from cms.models import PrivacyNoticePage
from demo.factories import UserFactory
from demo.page_factories import make_library, make_organisation
from demo.site import PRIVACY
from exchange.membership import services as invitations
from tests.exchange.membership.test_invitations import committed, link_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(home_page):
    return publish(home_page, PrivacyNoticePage(**PRIVACY))


def test_the_notice_says_who_is_responsible_and_what_the_platform_does(client, notice, settings):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "reflectionentry": 400}
    page = client.get(notice.url).text
    assert "privacy@demo.example" in page and "Example Hosting Ltd (fictional)" in page
    for heading in (
        "What we hold, why, and on what legal basis",
        "Who can read what",
        "What is encrypted",
        "How long we keep it",
        "Your rights, and how to use them",
        "Cookies",
        "Complaints",
    ):
        assert heading in page
    # The periods the retention schedule applies, from the settings.
    assert "400 days after the visit" in page
    assert f'href="{reverse("personal_data")}"' in page and "Art. 17" in page


def test_the_platforms_part_reads_in_german_and_french(client, notice):
    client.cookies["django_language"] = "de"
    page = client.get("/de/privacy/").text
    assert "Wie lange wir es aufbewahren" in page and "How long we keep it" not in page
    client.cookies["django_language"] = "fr"
    page = client.get("/fr/privacy/").text
    assert "Combien de temps nous les conservons" in page


def test_one_notice_per_site_and_it_needs_its_networks_part(home_page, notice):
    assert not PrivacyNoticePage.can_create_at(home_page)
    with pytest.raises(ValidationError) as refused:
        PrivacyNoticePage(title="Privacy", slug="privacy-2").full_clean()
    assert {"controller", "contact_email", "authority"} <= set(refused.value.message_dict)


def test_sign_up_and_the_account_link_to_the_notice(client, notice, home_page):
    _library, organisations = make_library(home_page)
    organisation = make_organisation(organisations, title="Fictional Notice Centre")
    committed(invitations.invite, "new@demo.example", organisation)
    client.get(link_in(mail.outbox[-1]))
    signup = client.get(reverse("account_signup")).text
    assert f'<a href="{notice.url}">our privacy notice</a>' in signup
    client.force_login(UserFactory())
    assert f'href="{notice.url}"' in client.get(reverse("account_hub")).text
