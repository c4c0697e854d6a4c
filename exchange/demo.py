"""Demo accounts: clearly fictional people at clearly fictional addresses."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from allauth.account.models import EmailAddress

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
            # Until roles exist (membership issue), the coordinator holds every admin permission.
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    # allauth only lets a verified address sign in (mandatory verification).
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return DemoAccount(
        email=user.email,
        role="coordinator",
        created=created,
        password_is_demo=user.check_password(DEMO_PASSWORD),
    )
