"""Practitioner profiles: edited by their member, seen by signed-in members only."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase
from django.urls import reverse

import pytest

from cms.models import Challenge, Language
from demo.factories import UserFactory
from demo.page_factories import make_library, make_organisation, make_practice
from exchange.membership import services as invitations
from exchange.membership.models import Profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(home_page):
    library, organisations = make_library(home_page)
    riverside = make_organisation(organisations, title="Fictional Riverside Mentors", country="NL")
    harbour = make_organisation(organisations, title="Fictional Harbour Exit Project", country="DE")
    return library, riverside, harbour


def member_of(organisation, **profile_fields) -> Profile:
    user = UserFactory(first_name="Fictional", last_name=f"Member of {organisation.title}")
    return Profile.objects.create(user=user, organisation=organisation, **profile_fields)


def test_a_member_edits_their_profile_and_languages(client, network):
    library, riverside, harbour = network
    own_practice = make_practice(library, title="Riverside mentoring", organisation=riverside)
    profile = member_of(riverside)
    client.force_login(profile.user)
    mentoring = Challenge.vocabulary.get(slug="mentoring")
    german = Language.vocabulary.get(slug="de")

    response = client.post(
        reverse("profile"),
        {
            "first_name": "Fictional",
            "last_name": "Renamed Mentor",
            "role": "Prison mentor",
            "country": "NL",
            "challenges_faced": [mentoring.pk],
            "challenges_shown": [mentoring.pk],
            "practices_shown": [own_practice.pk],
            "biography": "Fictional biography.",
            "organisation": harbour.pk,  # not theirs to change: ignored
            "hosts_visitors": "on",  # nor this
            "languages-TOTAL_FORMS": "1",
            "languages-INITIAL_FORMS": "0",
            "languages-0-language": german.pk,
            "languages-0-level": "fluent",
        },
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.role == "Prison mentor"
    assert list(profile.challenges_faced.all()) == [mentoring]
    assert list(profile.practices_shown.all()) == [own_practice]
    assert [str(language) for language in profile.languages.all()] == ["German (fluent)"]
    assert profile.organisation == riverside and not profile.hosts_visitors
    assert profile.user.get_full_name() == "Fictional Renamed Mentor"


def test_a_member_shows_only_their_own_organisations_practices(client, network):
    library, riverside, harbour = network
    other = make_practice(library, title="Harbour exit work", organisation=harbour)
    profile = member_of(riverside)
    client.force_login(profile.user)
    response = client.post(
        reverse("profile"),
        {
            "practices_shown": [other.pk],
            "languages-TOTAL_FORMS": "0",
            "languages-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "practices_shown" in response.context["form"].errors
    assert not profile.practices_shown.exists()


def test_a_language_twice_gets_a_message_and_nothing_is_saved(client, network):
    _, riverside, _ = network
    profile = member_of(riverside, role="Before")
    client.force_login(profile.user)
    german = Language.vocabulary.get(slug="de")
    response = client.post(
        reverse("profile"),
        {
            "role": "After",
            "languages-TOTAL_FORMS": "2",
            "languages-INITIAL_FORMS": "0",
            "languages-0-language": german.pk,
            "languages-0-level": "fluent",
            "languages-1-language": german.pk,
            "languages-1-level": "basic",
        },
    )
    assert response.status_code == 200
    profile.refresh_from_db()
    assert profile.role == "Before" and not profile.languages.exists()


def test_more_languages_than_a_profile_lists_are_refused_in_plain_words(client, network):
    """A posted row count is not believed past 12 languages: Django would build a form for each
    of up to 1,012 rows. The member reads what to do, not Django's "submit at most 12 forms"."""
    _, riverside, _ = network
    profile = member_of(riverside, role="Before")
    client.force_login(profile.user)
    response = client.post(
        reverse("profile"),
        {"role": "After", "languages-TOTAL_FORMS": "999", "languages-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 200
    assert "A profile lists at most 12 languages. Remove some, then save." in response.text
    assert "languages-11-language" in response.text and "languages-12-" not in response.text
    profile.refresh_from_db()
    assert profile.role == "Before"


def test_profile_and_directory_need_a_signed_in_member(client, network):
    for url in [reverse("profile"), reverse("member_directory")]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    client.force_login(UserFactory(is_staff=True))  # an account without a member profile
    for response in [client.get(reverse("profile")), client.post(reverse("profile"), {})]:
        page = response.content.decode()
        assert response.status_code == 200 and "no practitioner profile" in page
        assert reverse("account_email") in page and reverse("personal_data") in page
        assert "<form" not in page.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_directory_filters_by_challenge_country_language_and_organisation(client, network):
    _, riverside, harbour = network
    mentoring = Challenge.vocabulary.get(slug="mentoring")
    learner = member_of(riverside, country="NL")
    learner.challenges_faced.add(mentoring)
    shower = member_of(harbour, country="DE")
    shower.challenges_shown.add(mentoring)
    shower.languages.create(language=Language.vocabulary.get(slug="de"), level="native")
    neither = member_of(harbour, country="DE")
    gone = member_of(riverside)
    gone.user.is_active = False
    gone.user.save()
    client.force_login(learner.user)

    def names(**params):
        response = client.get(reverse("member_directory"), params)
        assert response.status_code == 200
        return {member.pk for member in response.context["members"]}

    assert names() == {learner.pk, shower.pk, neither.pk}
    assert names(challenge="mentoring") == {learner.pk, shower.pk}
    assert names(country="DE") == {shower.pk, neither.pk}
    assert names(language="de") == {shower.pk}
    assert names(organisation=riverside.pk) == {learner.pk}
    # Odd values give a normal page, never a 500.
    for odd in [{"challenge": "no-such"}, {"organisation": "x"}, {"page": "999"}]:
        assert client.get(reverse("member_directory"), odd).status_code == 200


def test_contact_persons_on_an_organisation_page_are_for_members_only(client, network):
    _, riverside, _ = network
    contact = member_of(riverside, role="Family counsellor", hosts_visitors=True)

    public = client.get(riverside.url).content.decode()
    assert "Contact persons" not in public
    assert contact.user.email not in public and contact.user.last_name not in public

    client.force_login(UserFactory())
    members_view = client.get(riverside.url).content.decode()
    assert "Contact persons" in members_view
    assert contact.user.last_name in members_view and "Family counsellor" in members_view
    # Addresses stay private even from members: they write to each other on a visit's page.
    assert contact.user.email not in members_view and "mailto:" not in members_view
    assert reverse("offer_list") in members_view


@pytest.mark.usefixtures("search_index")
def test_members_are_never_found_through_the_public_search(client, network):
    _, riverside, _ = network
    member_of(riverside, role="Zanzibarian counsellor", biography="Quixotically unique words.")
    for query in ["Zanzibarian", "Quixotically"]:
        response = client.get("/search/", {"q": query})
        assert response.context["hits"] == []
        assert response.context["organisations"] == []  # nor through their organisation
        assert client.get("/search/autocomplete/", {"q": query}).json()["results"] == []


def test_accepting_an_invitation_creates_the_profile(network):
    _, riverside, _ = network
    with TestCase.captureOnCommitCallbacks(execute=True):  # the link is mailed after the commit
        invitations.invite("new@demo.example", riverside)
    token = re.search(r"/accounts/invitation/([^/\s]+)/", mail.outbox[0].body).group(1)
    user = get_user_model().objects.create_user("new", "new@demo.example")

    invitations.accept(token, user)

    assert user.profile.organisation == riverside
    assert user.profile.country == riverside.country


def test_the_profile_form_sent_twice_keeps_one_row_per_language(client, network):
    """A double click sends the same new language twice: the second finds it saved."""
    _library, riverside, _harbour = network
    profile = member_of(riverside)
    client.force_login(profile.user)
    german = Language.vocabulary.get(slug="de")
    data = {
        "first_name": "Fictional",
        "last_name": "Mentor",
        "role": "Mentor",
        "country": "NL",
        "languages-TOTAL_FORMS": "1",
        "languages-INITIAL_FORMS": "0",
        "languages-0-language": german.pk,
        "languages-0-level": "basic",
    }
    assert client.post(reverse("profile"), data).status_code == 302
    data["languages-0-level"] = "fluent"
    assert client.post(reverse("profile"), data).status_code == 302
    assert [str(language) for language in profile.languages.all()] == ["German (fluent)"]


def test_a_filter_with_an_id_past_the_largest_integer_finds_nobody(client, network):
    _library, riverside, _harbour = network
    client.force_login(member_of(riverside).user)
    response = client.get(reverse("member_directory"), {"organisation": str(2**64)})
    assert response.status_code == 200


def test_the_admin_adds_no_profile_without_an_account(client, network):
    """Profiles come from accepted invitations; the admin's add form had no account field and
    every submission ended in a database error."""
    _library, riverside, _harbour = network
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(reverse("exchange_profile:add"), {"organisation": riverside.pk})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not Profile.objects.exists()
    listing = client.get(reverse("exchange_profile:index")).content.decode()
    assert reverse("exchange_profile:add") not in listing


def test_a_member_changes_only_their_own_profile_and_the_change_is_logged(network):
    from wagtail.models import ModelLogEntry

    from exchange.membership import profiles

    _library, riverside, _harbour = network
    profile, other = member_of(riverside), member_of(riverside)
    german = Language.vocabulary.get(slug="de")
    kwargs = {
        "first_name": "Fictional",
        "last_name": "Mentor",
        "fields": {"role": "Mentor", "country": "NL", "biography": ""},
        "relations": {},
        "languages": {german: "fluent"},
    }
    with pytest.raises(profiles.ProfileError, match="only your own"):
        profiles.profile_update(profile=other, user=profile.user, **kwargs)
    with pytest.raises(profiles.ProfileError, match="set by a coordinator"):
        profiles.profile_update(
            profile=profile, user=profile.user, **{**kwargs, "fields": {"hosts_visitors": True}}
        )
    profile.refresh_from_db()
    assert not profile.hosts_visitors and not profile.languages.exists()

    profiles.profile_update(profile=profile, user=profile.user, **kwargs)
    profiles.profile_update(profile=profile, user=profile.user, **kwargs)  # a double click
    assert list(profile.languages.values_list("language__slug", "level")) == [("de", "fluent")]
    entries = ModelLogEntry.objects.filter(action="exchange.profile.edit", user=profile.user)
    assert entries.count() == 2


def test_the_profile_offers_the_networks_countries_and_one_language_row_in_words(client, network):
    _, riverside, _ = network
    member = member_of(riverside)
    client.force_login(member.user)
    page = client.get(reverse("profile")).content.decode()
    select = page.split('name="country"', 1)[1].split("</select>", 1)[0]
    assert select.count("<option") == 3  # none chosen, the Netherlands, Germany: not 250
    assert "Netherlands" in select and "Germany" in select and "Australia" not in select
    assert (
        page.count('name="languages-')
        and page.count('<label for="id_languages-0-language">Language</label>') == 1
    )
    assert 'id="id_languages-1-language"' not in page  # one empty row, not several
    assert "Remove" not in page.split("language-rows", 1)[1].split("</fieldset>", 1)[0]
