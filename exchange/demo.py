"""Demo accounts: clearly fictional people at clearly fictional addresses."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from allauth.account.models import EmailAddress

from cms.models import OrganisationPage
from exchange.models import Profile
from exchange.roles import COORDINATORS, make_member

DEMO_PASSWORD = "demo-exchange-2026"  # noqa: S105 (printed on purpose; demo only)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    created: bool
    password_is_demo: bool


def seed_coordinator() -> DemoAccount:
    """The network coordinator, who can use the Wagtail admin."""
    email = "coordinator@demo.example"
    user, created = get_user_model().objects.get_or_create(
        username="demo-coordinator",
        defaults={
            "email": email,
            "first_name": "Demo",
            "last_name": "Coordinator",
            # The demo coordinator also holds every admin permission, to explore the admin.
            "is_staff": True,
            "is_superuser": True,
        },
    )
    user.groups.add(Group.objects.get(name=COORDINATORS))
    return _finish(user, "coordinator", created)


def seed_member() -> DemoAccount:
    """A member of the first demo organisation, with a profile."""
    organisation = OrganisationPage.objects.order_by("path").first()
    user, created = get_user_model().objects.get_or_create(
        username="demo-member",
        defaults={"email": "member@demo.example", "first_name": "Demo", "last_name": "Member"},
    )
    if organisation is not None:
        Profile.objects.get_or_create(
            user=user,
            defaults={
                "organisation": organisation,
                "country": organisation.country,
                "role": "Family counsellor (fictional)",
                "biography": "A fictional demo member, to try the directory and the profile.",
            },
        )
    make_member(user)
    return _finish(user, "member", created)


def _finish(user, role: str, created: bool) -> DemoAccount:
    """The published password for a new account (never for one that exists: its owner may have
    changed it), and the verified address allauth needs before it lets anyone sign in."""
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return DemoAccount(
        email=user.email,
        role=role,
        created=created,
        password_is_demo=user.check_password(DEMO_PASSWORD),
    )
