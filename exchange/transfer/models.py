"""What a visit changes: the library's practices a visitor saw, what they meant to do with each,
what had happened at each follow-up (3, 6 and 12 months after the visit), and what they passed
on to their colleagues at home. The visitor's own: their free text is encrypted like the
reflections, only counts leave through disclosure control, and erasing the visitor deletes it
(CASCADE)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchange.encryption import EncryptedTextField
from exchange.visits.models import Visit

FOLLOW_UP_MONTHS = (3, 6, 12)
MAX_COLLEAGUES = 10_000  # more than any member organisation employs: a typing slip beyond it


class Intention(models.TextChoices):
    ADOPT = "adopt", _("Adopt it as it is")
    ADAPT = "adapt", _("Adapt it to our work")
    NOT_FOR_US = "not_for_us", _("Not for us")


class Status(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    ADAPTING = "adapting", _("Adapting it")
    STOPPED = "stopped", _("Tried it and stopped")
    NOT_STARTED = "not_started", _("Not started")


class Helped(models.TextChoices):
    MANAGEMENT = "management", _("Support from our management")
    COLLEAGUES = "colleagues", _("Colleagues who took it up")
    MATERIALS = "materials", _("The practice's manual or materials")
    HOST = "host", _("Staying in touch with the host")
    TRAINING = "training", _("Training")
    FUNDING = "funding", _("Funding")


class Hindered(models.TextChoices):
    TIME = "time", _("No time for it")
    FUNDING = "funding", _("No funding")
    STAFF = "staff", _("Staff left or changed")
    RULES = "rules", _("Rules or law where we work")
    FIT = "fit", _("It does not fit our clients")
    MANAGEMENT = "management", _("No support from our management")


class PassedOnKind(models.TextChoices):
    TEAM_SESSION = "team_session", _("A team session")
    TRAINING = "training", _("A training")
    PROCEDURE = "procedure", _("A changed procedure")
    DOCUMENT = "document", _("A document")
    OTHER = "other", _("Something else")


class PracticeSeen(models.Model):
    """A practice of the library that a visit showed (or will show) its visitor: listed by the
    host on the programme or by the visitor against a learning goal. A practice is one across
    its languages: `practice_key` is its pages' translation key, so the network's figures count
    it once, whichever language each visitor chose it in."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="practices_seen")
    # The visitor whose take-home this is: erasing them deletes it.
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practices_seen"
    )
    practice = models.ForeignKey(
        "cms.PracticePage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    practice_key = models.UUIDField(db_index=True)
    goal = models.CharField(_("learning goal"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now, editable=False)
    intention = models.CharField(
        _("what you mean to do"), max_length=12, choices=Intention.choices, blank=True
    )
    intention_why = EncryptedTextField(_("why"), blank=True)
    intended_at = models.DateTimeField(null=True, editable=False)
    # Where it stands at the latest follow-up answered (a copy of that answer's status, kept by
    # follow_up_answer): what the practice page counts, without a query per follow-up.
    latest_status = models.CharField(
        _("where it stands now"), max_length=12, choices=Status.choices, blank=True
    )

    class Meta:
        verbose_name = _("practice seen")
        verbose_name_plural = _("practices seen")
        ordering = ["visit", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "practice_key"], name="one_practice_per_visit")
        ]

    def __str__(self) -> str:
        return f"practice {self.practice_key} on visit {self.visit_id}"


class FollowUp(models.Model):
    """Where one practice stood for the visitor some months after the visit. Answered once."""

    seen = models.ForeignKey(PracticeSeen, on_delete=models.CASCADE, related_name="follow_ups")
    month = models.PositiveSmallIntegerField(
        _("months after the visit"), choices=[(m, m) for m in FOLLOW_UP_MONTHS]
    )
    status = models.CharField(_("where it stands"), max_length=12, choices=Status.choices)
    helped = models.JSONField(_("what helped"), default=list, blank=True)
    hindered = models.JSONField(_("what got in the way"), default=list, blank=True)
    note = EncryptedTextField(_("anything else"), blank=True)
    answered_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["seen", "month"]
        constraints = [
            models.UniqueConstraint(fields=["seen", "month"], name="one_follow_up_per_month"),
            models.CheckConstraint(
                condition=Q(month__in=FOLLOW_UP_MONTHS), name="follow_up_month_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month}-month follow-up of {self.seen_id}"

    @property
    def helped_labels(self) -> list[str]:
        return [str(Helped(value).label) for value in self.helped if value in Helped.values]

    @property
    def hindered_labels(self) -> list[str]:
        return [str(Hindered(value).label) for value in self.hindered if value in Hindered.values]


class PassedOn(models.Model):
    """Something the visitor did at home with what they learned, and how many colleagues it
    reached."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="passed_on")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="passed_on"
    )
    seen = models.ForeignKey(
        PracticeSeen,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="passed_on",
        verbose_name=_("practice"),
    )
    kind = models.CharField(_("what you did"), max_length=14, choices=PassedOnKind.choices)
    on = models.DateField(_("when"))
    colleagues = models.PositiveIntegerField(_("colleagues reached"))
    note = EncryptedTextField(_("what it was"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("passed on")
        verbose_name_plural = _("passed on")
        ordering = ["visit", "on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(colleagues__lte=MAX_COLLEAGUES), name="colleagues_plausible"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} after visit {self.visit_id}"


class Concern(models.Model):
    """A harm or a concern about a practice, reported to the coordinators. The text is
    encrypted and read by the coordinators alone."""

    practice = models.ForeignKey(
        "cms.PracticePage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    practice_title = models.CharField(max_length=255)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="concerns_reported"
    )
    text = EncryptedTextField(_("what happened or worries you"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    handled_at = models.DateTimeField(null=True, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("concern about a practice")
        verbose_name_plural = _("concerns about practices")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"concern {self.pk} about {self.practice_title}"
