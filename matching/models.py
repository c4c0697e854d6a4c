"""Matching rounds: the coordinator's settings for one round, each run of the engine with the
inputs it read (so a run can be reproduced and audited), and the pairs and misses it proposed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.locales import first_versions


class Round(models.Model):
    name = models.CharField(_("name"), max_length=160)
    year = models.PositiveSmallIntegerField(_("year"))
    window_from = models.DateField(_("visits from"))
    window_until = models.DateField(_("visits until"))
    allow_interpretation = models.BooleanField(
        _("pairs without a shared working language are allowed (interpretation)"), default=False
    )
    cross_border_required = models.BooleanField(_("visits must cross a border"), default=True)
    # Each weight is the points a pair earns for what it names (0 leaves it out): the run
    # pairs visitors and hosts so that the total is the highest.
    shared_challenge = models.FloatField(
        _("weight: shared challenge"),
        default=5.0,
        help_text=_("Points when the visitor's challenge is one the host's offer works on."),
    )
    priority = models.FloatField(
        _("weight: the host's priority challenge"),
        default=1.0,
        help_text=_("Points when it is the first challenge the offer lists."),
    )
    context = models.FloatField(
        _("weight: settings in common"),
        default=3.0,
        help_text=_(
            "Points times the share of work settings both have: all shared, the full points."
        ),
    )
    keywords = models.FloatField(
        _("weight: statement keywords in common"),
        default=2.0,
        help_text=_("Points times the share of the statement's keywords the offer also uses."),
    )
    reciprocity = models.FloatField(
        _("weight: reciprocity"),
        default=2.0,
        help_text=_("Points when the host wants to learn a challenge the visitor can show."),
    )
    continuity = models.FloatField(
        _("weight: repeat pairing"),
        default=0.0,
        help_text=_("Above zero rewards visiting an organisation again; below zero penalises it."),
    )
    cross_border = models.FloatField(
        _("weight: cross-border"),
        default=1.0,
        help_text=_("Points when the visit crosses a border (if crossing is not already a rule)."),
    )
    spreading = models.FloatField(
        _("weight: spreading"),
        default=1.0,
        help_text=_(
            "Cost of each further visitor at one host: spreads visits across organisations."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)

    WEIGHTS = (
        "shared_challenge",
        "priority",
        "context",
        "keywords",
        "reciprocity",
        "continuity",
        "cross_border",
        "spreading",
    )

    class Meta:
        verbose_name = _("matching round")
        verbose_name_plural = _("matching rounds")
        ordering = ["-year", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(window_until__gte=models.F("window_from")),
                name="round_window_ends_after_start",
                violation_error_message=_("The round's window cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    @property
    def latest_run(self):
        return self.runs.order_by("-pk").first()


class Run(models.Model):
    """One run of the engine: its inputs as the engine saw them, and its totals."""

    class Status(models.TextChoices):
        # In the order a run goes through them: a worker writes each as it gets there, so the
        # review page can show how far a run has come.
        QUEUED = "queued", _("queued")
        LOADING = "loading", _("loading the applications and places")
        SOLVING = "solving", _("solving")
        STORING = "storing", _("storing the pairs")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    FINISHED = (Status.DONE, Status.FAILED)

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="runs")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    inputs = models.JSONField(default=dict)  # the engine's Problem, as plain data
    total = models.FloatField(null=True)
    greedy_total = models.FloatField(null=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("run")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return _("Run %(pk)s of %(round)s") % {"pk": self.pk, "round": self.round}

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED


class Proposal(models.Model):
    """A pair the engine proposes; the coordinator pins or rejects it before publishing."""

    class Decision(models.TextChoices):
        OPEN = "open", _("proposed")
        PINNED = "pinned", _("pinned")
        REJECTED = "rejected", _("rejected")

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="proposals")
    application = models.ForeignKey(
        "exchange.Application", on_delete=models.CASCADE, related_name="+"
    )
    window = models.ForeignKey("exchange.OfferWindow", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    parts = models.JSONField(default=list)  # [[name, points], ...]
    alternates = models.JSONField(default=list)  # window ids, best first
    forced = models.BooleanField(default=False)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.OPEN)
    # A swap: the coordinator pins the application to one of its alternates instead.
    swap_to = models.ForeignKey(
        "exchange.OfferWindow", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    visit = models.OneToOneField(
        "exchange.Visit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "application"], name="one_pair_per_application")
        ]

    def __str__(self) -> str:
        return f"{self.application_id} → {self.window_id}"


class Miss(models.Model):
    """An application the run left unmatched, and why."""

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="misses")
    application = models.ForeignKey(
        "exchange.Application", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=80)
    nearest_miss = models.ForeignKey(
        "exchange.OfferWindow", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    nearest_miss_fails = models.JSONField(default=list)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.reason}"


class Exclusion(models.Model):
    """A pair the engine must never propose: a declared conflict of interest, or the
    coordinator's exclusion. Without a round, it holds for every round."""

    round = models.ForeignKey(
        Round,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="exclusions",
        verbose_name=_("round"),
        help_text=_("Leave empty for every round."),
    )
    application = models.ForeignKey(
        "exchange.Application",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("application"),
    )
    organisation = models.ForeignKey(
        "cms.OrganisationPage",
        on_delete=models.CASCADE,
        limit_choices_to=first_versions,  # one choice per organisation, whatever its translations
        related_name="+",
        verbose_name=_("host organisation"),
    )
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("exclusion")
        verbose_name_plural = _("conflicts and exclusions")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "application", "organisation"], name="one_exclusion_per_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} ✕ {self.organisation}"
