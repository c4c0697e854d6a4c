"""The member directory's filters."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

import django_filters
from django_countries import countries

from cms.choosers import PageChoiceField
from cms.models import Challenge, Language, OrganisationPage
from exchange.membership.models import Profile


class PageChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = PageChoiceField


class MemberFilter(django_filters.FilterSet):
    challenge = django_filters.ModelChoiceFilter(
        label=_("Challenge"),
        queryset=Challenge.vocabulary.all(),
        to_field_name="slug",
        method="filter_challenge",
    )
    country = django_filters.ChoiceFilter(label=_("Country"), choices=list(countries))
    language = django_filters.ModelChoiceFilter(
        label=_("Language"),
        queryset=Language.vocabulary.all(),
        to_field_name="slug",
        field_name="languages__language",
    )
    organisation = PageChoiceFilter(
        label=_("Organisation"), queryset=OrganisationPage.objects.live()
    )

    class Meta:
        model = Profile
        fields = ["challenge", "country", "language", "organisation"]

    def filter_challenge(self, queryset, name, value):
        """Members who face the challenge or can show how they work on it."""
        return queryset.filter(Q(challenges_faced=value) | Q(challenges_shown=value)).distinct()


def directory(params):
    profiles = (
        Profile.objects.filter(user__is_active=True)
        .select_related("user", "organisation")
        .prefetch_related("languages__language", "challenges_faced", "challenges_shown")
    )
    return MemberFilter(params, queryset=profiles)


def hosts_by_organisation(organisation_ids) -> dict[int, list]:
    """The active members who host for each of these organisations (Profile.objects.hosts), as
    users, in one query."""
    hosts: dict[int, list] = {}
    profiles = Profile.objects.hosts().filter(organisation_id__in=set(organisation_ids))
    for profile in profiles.select_related("user").order_by("user_id"):
        hosts.setdefault(profile.organisation_id, []).append(profile.user)
    return hosts
