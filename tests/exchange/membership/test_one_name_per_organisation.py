"""An organisation translated into German and French is still one organisation: every chooser
and filter that names organisations (the invitation forms, the member directory's filter) lists
it once, by its name in the reader's language, and whatever links to it (an invitation, a
member's profile) points at its first version. A member's practices are listed the same way."""

from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.utils import translation

from wagtail.models import Locale

import pytest

from cms.builders import translate
from demo.factories import make_member
from demo.page_factories import make_library, make_organisation, make_practice
from exchange.membership.admin import ImportForm, InvitationForm
from exchange.membership.forms import ProfileForm
from exchange.membership.models import Profile
from exchange.membership.selectors import MemberFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated(home_page):
    library, organisations = make_library(home_page)
    harbour = make_organisation(organisations, title="Fictional Harbour Counselling")
    translate(harbour, "de", title="Fiktive Hafenberatung")
    translate(harbour, "fr", title="Conseil fictif du port")
    hill = make_organisation(organisations, title="Fictional Hill Mentors")
    practice = make_practice(library, title="Fictional family circle", organisation=harbour)
    translate(practice, "de", title="Fiktiver Familienkreis")
    return SimpleNamespace(harbour=harbour, hill=hill)


def names(field) -> list[str]:
    return [str(label) for value, label in field.choices if value != ""]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Fictional Harbour Counselling", "Fictional Hill Mentors"]),
        ("de", ["Fictional Hill Mentors", "Fiktive Hafenberatung"]),
        ("fr", ["Conseil fictif du port", "Fictional Hill Mentors"]),
    ],
)
def test_each_organisation_is_listed_once_by_its_name_in_the_readers_language(
    translated, language, expected
):
    with translation.override(language):
        assert names(InvitationForm().fields["organisation"]) == expected
        assert names(ImportForm().fields["organisation"]) == expected
        directory = MemberFilter({}, queryset=Profile.objects.all())
        assert names(directory.form.fields["organisation"]) == expected


def test_a_translation_is_not_an_organisation_anything_links_to(translated):
    german = translated.harbour.get_translation(Locale.objects.get(language_code="de"))
    refused = InvitationForm(data={"email": "new@example.org", "organisation": german.pk})
    assert not refused.is_valid() and "organisation" in refused.errors
    accepted = InvitationForm(
        data={"email": "new@example.org", "organisation": translated.harbour.pk}
    )
    assert accepted.is_valid(), accepted.errors
    # The model refuses it too (the coordinators' profile form, any other form of it).
    profile = make_member(translated.harbour).profile
    profile.organisation = german
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert "organisation" in error.value.message_dict
    # The directory's filter finds the members by the organisation they are linked to.
    directory = MemberFilter(
        {"organisation": translated.harbour.pk}, queryset=Profile.objects.all()
    )
    assert list(directory.qs) == [Profile.objects.get(pk=profile.pk)]


def test_a_members_practices_are_listed_once_in_the_readers_language(translated):
    profile = make_member(translated.harbour).profile
    with translation.override("de"):
        assert names(ProfileForm(instance=profile).fields["practices_shown"]) == [
            "Fiktiver Familienkreis"
        ]
    with translation.override("en"):
        assert names(ProfileForm(instance=profile).fields["practices_shown"]) == [
            "Fictional family circle"
        ]


def test_the_matching_exclusions_name_each_host_organisation_once(translated):
    from django.forms import modelform_factory

    from matching.models import Exclusion

    choices = modelform_factory(Exclusion, fields=["organisation"])().fields["organisation"]
    assert set(choices.queryset) == {translated.harbour, translated.hill}
