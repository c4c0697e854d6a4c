"""People, offers and visits built through the services, as members make them: the tests' and
the demo's factories."""

import functools
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

import factory
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)

from exchange.roles import needs_mfa

PASSWORD = "correct-horse-battery-staple"  # noqa: S105 (the factories' users; never a real one)
TOTP_SECRETS: dict[int, str] = {}  # user pk → the secret of their authenticator app


@functools.cache
def password_hash() -> str:
    """One hash of PASSWORD per test process, shared by every factory user."""
    return make_password(PASSWORD)


def totp_code(user) -> str:
    """What the user's authenticator app shows now."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(TOTP_SECRETS[user.pk], counter))


class UserFactory(factory.django.DjangoModelFactory):
    """A member whose e-mail address is verified, as allauth requires before sign-in."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.Sequence(lambda n: f"member{n}@demo.example")
    first_name = "Fictional"
    last_name = factory.Sequence(lambda n: f"Member {n}")
    password = factory.LazyFunction(lambda: password_hash())

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )

    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        """An authenticator app for those who must have one (staff), unless told otherwise."""
        wanted = needs_mfa(self) if extracted is None else extracted
        if create and wanted:
            TOTP_SECRETS[self.pk] = generate_totp_secret()
            TOTP.activate(self, TOTP_SECRETS[self.pk])


# --- visits ------------------------------------------------------------------------------------


def make_member(organisation, *, hosts: bool = False, **user_fields):
    """A member of `organisation` (a host for it with `hosts`), as an invitation makes one."""
    from django.contrib.auth.models import Group

    from exchange.membership.models import Profile
    from exchange.roles import MEMBERS

    user = UserFactory(**user_fields)
    user.groups.add(Group.objects.get(name=MEMBERS))
    Profile.objects.create(
        user=user, organisation=organisation, country=organisation.country, hosts_visitors=hosts
    )
    return user


def make_offer(organisation, *, windows=((10, 30, 2),), **fields):
    """A published offer with windows given as (first day, last day, capacity), days from today."""
    from datetime import timedelta

    from django.utils import timezone

    from cms.models import Challenge, Language
    from exchange.visits.models import HostingOffer, OfferWindow

    values = {
        "title": "Family counselling, observed (fictional)",
        "description": "Sessions with relatives of young people at risk.",
        "observation_rules": "No notes during client sessions.",
    }
    values.update(fields)
    offer = HostingOffer.objects.create(organisation=organisation, **values)
    offer.challenges.set(Challenge.vocabulary.order_by("pk")[:2])
    offer.languages.set(Language.vocabulary.order_by("pk")[:2])
    today = timezone.localdate()
    for first, last, capacity in windows:
        OfferWindow.objects.create(
            offer=offer,
            starts_on=today + timedelta(days=first),
            ends_on=today + timedelta(days=last),
            capacity=capacity,
        )
    return offer


def apply(visitor, window=None, *, days=(0, 2)):
    """The visitor's application; with a window, a direct request for its first days."""
    from datetime import timedelta

    from cms.models import Challenge, Language
    from exchange.visits import services as visits

    start = window.starts_on + timedelta(days=days[0]) if window else None
    end = window.starts_on + timedelta(days=days[1]) if window else None
    available_from = window.starts_on if window else window_free_from()
    return visits.application_submit(
        applicant=visitor,
        data={
            "challenge": Challenge.vocabulary.order_by("pk").first(),
            "challenge_statement": "Families ask how to talk with a son drawn to an online group.",
            "learning_goals": "How counsellors open the first conversation with a family.",
            "available_from": available_from,
            "available_until": window.ends_on if window else available_from + timedelta(days=60),
        },
        languages=Language.vocabulary.order_by("pk")[:1],
        window=window,
        starts_on=start,
        ends_on=end,
    )


def window_free_from():
    from datetime import timedelta

    from django.utils import timezone

    return timezone.localdate() + timedelta(days=10)


# --- a visit through its steps ------------------------------------------------------------------

TERMS = {
    "goals": "See how a first family conversation is opened.",
    "tasks": "Observe two sessions (with consent); join the team's case review.",
    "host_mentor": "Fictional mentor, senior counsellor",
    "observation_rules": "No notes in client sessions.",
}


def propose(network, visitor=None):
    application = apply(visitor or network.visitor, network.window)
    return application.visits.get()


def advance(network, target: str, visit=None):
    """A visit walked through the lifecycle, up to `target`."""
    from datetime import timedelta

    from exchange.visits import agreements
    from exchange.visits import services as visits
    from exchange.visits.models import Visit

    visit = visit or propose(network)
    order = ["proposed", "accepted", "agreed", "scheduled", "completed", "reflected"]
    if target in ("declined", "cancelled"):
        if target == "declined":
            return visits.visit_decline(visit_id=visit.pk, user=network.host, reason="Full team.")
        return visits.visit_cancel(visit_id=visit.pk, user=network.visitor, reason="Ill.")
    for state in order[1 : order.index(target) + 1]:
        if state == "accepted":
            visits.visit_accept(visit_id=visit.pk, user=network.host)
        elif state == "agreed":
            visit.refresh_from_db()
            terms = {**TERMS, "starts_on": visit.starts_on, "ends_on": visit.ends_on}
            agreements.agreement_update(visit_id=visit.pk, user=network.host, terms=terms)
            agreements.agreement_sign(visit_id=visit.pk, user=network.host)
            agreements.agreement_sign(visit_id=visit.pk, user=network.visitor)
        elif state == "scheduled":
            visit.refresh_from_db()
            visits.agenda_add(
                visit_id=visit.pk,
                user=network.host,
                item={"day": visit.starts_on, "activity": "Team meeting on open cases"},
            )
            visits.visit_schedule(visit_id=visit.pk, user=network.host)
        elif state == "completed":
            Visit.objects.filter(pk=visit.pk).update(starts_on=visit.starts_on - timedelta(days=30))
            visits.visit_complete(visit_id=visit.pk, user=network.host)
        elif state == "reflected":
            visits.visit_mark_reflected(visit_id=visit.pk, user=network.visitor)
    visit.refresh_from_db()
    if visit.state != target:
        raise RuntimeError(f"The visit stopped at {visit.state}, not {target}.")
    return visit


def make_coordinator(**user_fields):
    """A coordinator, with the second factor coordinators must have."""
    from django.contrib.auth.models import Group

    from exchange.roles import COORDINATORS

    user = UserFactory(second_factor=True, **user_fields)
    user.groups.add(Group.objects.get(name=COORDINATORS))
    return user


def make_excerpt(entry, text: str, attribution: str = "anonymous"):
    """An excerpt of `entry`, proposed and consented to by its author through the gate."""
    from exchange.excerpts import services as excerpts

    return excerpts.excerpt_propose(
        entry_id=entry.pk,
        user=entry.author,
        text=text,
        attribution=attribution,
        reasons={},
        checklist=set(excerpts.CHECKLIST),
    )
