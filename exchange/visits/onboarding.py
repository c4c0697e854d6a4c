"""A new member's first steps, shown after sign-up and on the dashboard until they are done:
say what you work on, protect the account, then host or ask for a visit. Each is worked out
from what the member has already done, so nothing needs ticking off."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from allauth.mfa.models import Authenticator

from exchange.membership.models import Profile
from exchange.visits.models import Application, HostingOffer


@dataclass(frozen=True)
class Task:
    title: str
    url: str
    hint: str
    done: bool
    optional: bool = False

    @property
    def status(self) -> str:
        if self.done:
            return _("Completed")
        return _("Optional") if self.optional else _("Not yet started")

    @property
    def tag_class(self) -> str:
        return (
            "status-tag--done" if self.done else ("" if self.optional else "status-tag--progress")
        )


def first_steps(user) -> list[Task]:
    """None for an account without a profile (a coordinator's or an operator's)."""
    profile = Profile.objects.filter(user=user).select_related("organisation", "user").first()
    if profile is None:
        return []
    described = bool(profile.role) and profile.challenges_faced.exists()
    tasks = [
        Task(
            _("Say what you work on"),
            reverse("profile"),
            _(
                "Your role, the challenges you face and your working languages: they match "
                "you with hosts and fill in your requests."
            ),
            described and profile.languages.exists(),
        ),
        Task(
            _("Protect your account with a second factor"),
            reverse("mfa_index"),
            _("An authenticator app or a security key, so a stolen password is not enough."),
            Authenticator.objects.filter(user=user).exists(),
            optional=True,
        ),
    ]
    if profile.hosts_now:
        tasks.append(
            Task(
                _("Publish what visitors can observe"),
                reverse("offer_create"),
                _("A hosting offer with the dates your organisation can take visitors."),
                HostingOffer.objects.filter(organisation_id=profile.organisation_id).exists(),
            )
        )
    tasks.append(
        Task(
            _("Ask for a visit"),
            reverse("offer_list"),
            _("Request a visit from a hosting offer, or apply to the next matching round."),
            Application.objects.filter(applicant=user).exists(),
        )
    )
    return tasks


def all_done(tasks: list[Task]) -> bool:
    return all(task.done or task.optional for task in tasks)
