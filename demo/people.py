"""Demo accounts (clearly fictional people at clearly fictional addresses), hosting offers and
a visit request."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from allauth.account.models import EmailAddress

from cms.models import Challenge, Language, OrganisationPage
from exchange.membership.models import Profile
from exchange.roles import COORDINATORS, make_member
from exchange.visits.models import HostingOffer, OfferWindow

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


def seed_host() -> DemoAccount:
    """A host at the second demo organisation, who answers the demo member's request."""
    organisation = OrganisationPage.objects.order_by("path")[1:2].first()
    user, created = get_user_model().objects.get_or_create(
        username="demo-host",
        defaults={"email": "host@demo.example", "first_name": "Demo", "last_name": "Host"},
    )
    if organisation is not None:
        Profile.objects.get_or_create(
            user=user,
            defaults={
                "organisation": organisation,
                "country": organisation.country,
                "role": "Exit worker and visit host (fictional)",
                "hosts_visitors": True,
            },
        )
    make_member(user)
    return _finish(user, "host", created)


def _ensure_host(organisation) -> None:
    """An offer takes visitors only while someone hosts for its organisation: an organisation
    without the demo host gets a fictional host of its own."""
    if Profile.objects.hosts().filter(organisation=organisation).exists():
        return
    passwordless_member(
        f"demo-host-{organisation.slug}",
        email=f"host-{organisation.slug}@demo.example",
        name=("Demo host", f"({organisation.title})"),
        organisation=organisation,
        role="Visit host (fictional)",
        hosts_visitors=True,
    )


def passwordless_member(
    username: str, *, email: str, name: tuple[str, str], organisation, role: str, **profile
):
    """A fictional member who never signs in (no password): the demo shows what they did."""
    user, created = get_user_model().objects.get_or_create(
        username=username[:150],
        defaults={"email": email, "first_name": name[0], "last_name": name[1][:150]},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Profile.objects.update_or_create(
        user=user,
        defaults={
            "organisation": organisation,
            "country": organisation.country,
            "role": role,
            **profile,
        },
    )
    make_member(user)
    return user


def seed_offers_and_visit() -> None:
    """An offer from each of the first four organisations, and the demo member's request to
    the host's organisation. Adds nothing that is there already."""
    from exchange.visits import services as visits

    today = timezone.localdate()
    for organisation in OrganisationPage.objects.order_by("path")[:4]:
        _ensure_host(organisation)
        if organisation.hosting_offers.exists():
            continue
        offer = HostingOffer.objects.create(
            organisation=organisation,
            title=f"A week with {organisation.title} (demo)",
            description=(
                f"Shadow the team of {organisation.title}: case meetings, supervised sessions "
                "where clients agree, and time with the team lead to ask why they work as they do."
            ),
            observation_rules=(
                "No notes during client sessions. Nothing that identifies a client leaves the "
                "building. Clients agree before a visitor joins a session."
            ),
            practical_notes="Fictional demo offer: the dates and places are invented.",
        )
        offer.challenges.set(organisation.challenges.all()[:3] or Challenge.vocabulary.all()[:2])
        offer.languages.set(organisation.languages.all())
        for start, length, capacity in ((21, 14, 2), (70, 10, 3)):
            OfferWindow.objects.create(
                offer=offer,
                starts_on=today + timedelta(days=start),
                ends_on=today + timedelta(days=start + length),
                capacity=capacity,
            )
    member = get_user_model().objects.filter(username="demo-member").first()
    host = get_user_model().objects.filter(username="demo-host").first()
    if member is None or host is None or member.visit_applications.exists():
        return
    window = OfferWindow.objects.filter(offer__organisation=host.profile.organisation).first()
    visits.application_submit(
        applicant=member,
        data={
            "challenge": window.offer.challenges.first(),
            "challenge_statement": (
                "Parents call us after their son starts following an online group that celebrates "
                "violence; we want to reach him, not only them. (Fictional demo text.)"
            ),
            "learning_goals": (
                "How an exit worker opens contact with a young person who did not ask."
            ),
            "available_from": window.starts_on,
            "available_until": window.ends_on,
        },
        languages=Language.vocabulary.filter(slug="en"),
        window=window,
        starts_on=window.starts_on + timedelta(days=1),
        ends_on=window.starts_on + timedelta(days=3),
    )
