"""Membership: invitations to join the network for an organisation, and practitioner profiles."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from django_countries.fields import CountryField

from cms.locales import first_versions
from cms.models.snippets import on_the_vocabulary


def token_digest(token: str) -> str:
    """Only a digest of an invitation's token is stored: a copy of the database holds no
    working sign-up link."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


class InvitationState(models.TextChoices):
    PENDING = "pending", _("pending")
    ACCEPTED = "accepted", _("accepted")
    EXPIRED = "expired", _("expired")
    REVOKED = "revoked", _("revoked")


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Neither used nor revoked (an open invitation may still have expired)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)

    def usable(self):
        return self.open().filter(expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A coordinator's invitation of one e-mail address to join for one organisation."""

    email = models.EmailField(_("e-mail address"))
    organisation = models.ForeignKey(
        "cms.OrganisationPage",
        on_delete=models.PROTECT,
        limit_choices_to=first_versions,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("last sent"), null=True, blank=True, editable=False)
    times_sent = models.PositiveSmallIntegerField(_("times sent"), default=0, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True, editable=False)
    accepted_by = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitation",
        editable=False,
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            # One open invitation per address: a second one is a resend, not a new link.
            models.UniqueConstraint(
                Lower("email"),
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation_per_email",
                violation_error_message=_("This address already has an open invitation."),
            ),
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True) | models.Q(revoked_at__isnull=True),
                name="invitation_not_both_accepted_and_revoked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        """Neither used nor revoked: it can still be resent or revoked (see `objects.open()`)."""
        return self.accepted_at is None and self.revoked_at is None

    @property
    def state(self) -> InvitationState:
        if self.revoked_at:
            return InvitationState.REVOKED
        if self.accepted_at:
            return InvitationState.ACCEPTED
        if self.expires_at <= timezone.now():
            return InvitationState.EXPIRED
        return InvitationState.PENDING

    def get_state_display(self) -> str:
        return self.state.label

    def set_new_token(self) -> str:
        """A fresh token and expiry: the previous link stops working. Returns the token (only
        ever put in the e-mail)."""
        token = new_token()
        self.token_digest = token_digest(token)
        self.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
        return token


class LanguageLevel(models.TextChoices):
    BASIC = "basic", _("basic")
    WORKING = "working", _("working")
    FLUENT = "fluent", _("fluent")
    NATIVE = "native", _("native")


class ProfileQuerySet(models.QuerySet):
    def hosts(self):
        """The people who host for their organisation now: the flag, on an active account. The
        one rule of who hosts (Profile.hosts_now says it of one person)."""
        return self.filter(hosts_visitors=True, user__is_active=True)


class Profile(models.Model):
    """A member's practitioner profile: visible to signed-in members only, never indexed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    organisation = models.ForeignKey(
        "cms.OrganisationPage",
        on_delete=models.PROTECT,
        limit_choices_to=first_versions,
        related_name="member_profiles",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role at the organisation"),
        max_length=120,
        blank=True,
        help_text=_("For example: family counsellor, prison mentor, team lead."),
    )
    country = CountryField(_("country"), blank=True)
    challenges_faced = models.ManyToManyField(
        "cms.Challenge",
        limit_choices_to=on_the_vocabulary,
        blank=True,
        related_name="+",
        verbose_name=_("challenges I face and want to learn about"),
    )
    challenges_shown = models.ManyToManyField(
        "cms.Challenge",
        limit_choices_to=on_the_vocabulary,
        blank=True,
        related_name="+",
        verbose_name=_("challenges I can show visitors"),
    )
    practices_shown = models.ManyToManyField(
        "cms.PracticePage",
        blank=True,
        related_name="+",
        verbose_name=_("practices I can show visitors"),
    )
    biography = models.TextField(_("short biography"), max_length=1500, blank=True)
    hosts_visitors = models.BooleanField(
        _("I host visitors for my organisation"),
        default=False,
        help_text=_("Hosts receive visit requests for their organisation and schedule visitors."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("practitioner profile")
        verbose_name_plural = _("practitioner profiles")
        ordering = ["user__last_name", "user__first_name", "pk"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def hosts_now(self) -> bool:
        """Whether this member hosts for their organisation now (ProfileQuerySet.hosts)."""
        return self.hosts_visitors and self.user.is_active

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() or self.user.email


class ProfileLanguage(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="languages")
    language = models.ForeignKey(
        "cms.Language",
        limit_choices_to=on_the_vocabulary,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("language"),
    )
    level = models.CharField(
        _("level"), max_length=10, choices=LanguageLevel.choices, default=LanguageLevel.WORKING
    )

    class Meta:
        verbose_name = _("working language")
        verbose_name_plural = _("working languages")
        ordering = ["language__sort_order", "language__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "language"],
                name="one_level_per_language",
                violation_error_message=_("Each language once, please."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.language} ({self.get_level_display()})"
