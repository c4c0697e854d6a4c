"""A member's own profile: what they say about themselves, their names and their working
languages, saved in one transaction with an audit entry. Their organisation and whether they
host for it are a coordinator's (the admin's Practitioner profiles)."""

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from cms.models import Language
from exchange import audit
from exchange.membership.models import Profile, ProfileLanguage

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# What a member may change of their own profile; the rest is the coordinators'.
OWN_FIELDS = ("role", "country", "biography")
OWN_RELATIONS = ("challenges_faced", "challenges_shown", "practices_shown")


class ProfileError(Exception):
    """The profile cannot be saved as asked; the message says why."""


def profile_update(
    *,
    profile: Profile,
    user: "User",
    first_name: str,
    last_name: str,
    fields: Mapping[str, object],
    relations: Mapping[str, Iterable],
    languages: Mapping[Language, str],
) -> Profile:
    """Save the member's own profile. `languages` is the whole list (language → level): rows
    not in it go, the others are set, so the same form sent twice (a double click) saves the
    same thing once."""
    if profile.user_id != user.pk:
        raise ProfileError(_("You can change only your own profile."))
    if unknown := set(fields) - set(OWN_FIELDS) | set(relations) - set(OWN_RELATIONS):
        raise ProfileError(_("These are set by a coordinator: %s.") % ", ".join(sorted(unknown)))
    with transaction.atomic():
        for name, value in fields.items():
            setattr(profile, name, value)
        profile.save()
        for name, values in relations.items():
            getattr(profile, name).set(values)
        user.first_name, user.last_name = first_name, last_name
        user.save(update_fields=["first_name", "last_name"])
        ProfileLanguage.objects.filter(profile=profile).exclude(language__in=languages).delete()
        for language, level in languages.items():
            ProfileLanguage.objects.update_or_create(
                profile=profile, language=language, defaults={"level": level}
            )
        audit.record(profile, "exchange.profile.edit", user)
    return profile
