"""Job-shadowing visits: applications, the visit and its learning agreement, amendments and
agenda (the offers they go to are in offers.py). The rules that span records (capacity, who may
do what, e-mail) live in exchange/visits/; here are the records, their constraints and the
state table."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cms.models.snippets import on_the_vocabulary
from exchange.encryption import EncryptedTextField
from exchange.membership.models import Profile
from exchange.visits.models.offers import HostingOffer, OfferWindow, has_host


class Application(models.Model):
    """A member's wish to visit: the challenge they want to learn about, in their own words.
    Sent to one offer (a direct request) or left for the coordinator's matching round."""

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,  # an erased member's application stays, without them
        on_delete=models.SET_NULL,
        related_name="visit_applications",
        verbose_name=_("applicant"),
    )
    organisation = models.ForeignKey(
        "cms.OrganisationPage",
        on_delete=models.PROTECT,
        related_name="visit_applications",
        verbose_name=_("applicant's organisation"),
    )
    challenge = models.ForeignKey(
        "cms.Challenge",
        limit_choices_to=on_the_vocabulary,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("challenge"),
    )
    challenge_statement = models.TextField(
        _("the challenge in your own words"),
        max_length=3000,
        help_text=_("What you face in your work, without details that identify a client."),
    )
    learning_goals = models.TextField(_("what you want to learn"), max_length=3000)
    languages = models.ManyToManyField(
        "cms.Language",
        limit_choices_to=on_the_vocabulary,
        related_name="+",
        verbose_name=_("languages you can work in"),
    )
    available_from = models.DateField(_("available from"))
    available_until = models.DateField(_("available until"))
    offer = models.ForeignKey(
        HostingOffer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        verbose_name=_("preferred offer"),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now, editable=False)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(available_until__gte=F("available_from")),
                name="application_available_until_after_from",
                violation_error_message=_("“Available until” cannot be before “available from”."),
            )
        ]

    def __str__(self) -> str:
        return _("Application on %(challenge)s (%(date)s)") % {
            "challenge": self.challenge,
            "date": date_format(self.created_at, "SHORT_DATE_FORMAT"),
        }


class VisitState(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    AGREED = "agreed", _("agreement signed")
    SCHEDULED = "scheduled", _("scheduled")
    COMPLETED = "completed", _("took place")
    REFLECTED = "reflected", _("reflection written")
    CANCELLED = "cancelled", _("cancelled")


# A visit in one of these holds a place in its window (counted in OfferWindow.booked).
HOLDS_PLACE = (
    VisitState.ACCEPTED,
    VisitState.AGREED,
    VisitState.SCHEDULED,
    VisitState.COMPLETED,
    VisitState.REFLECTED,
)
ENDED = (VisitState.DECLINED, VisitState.CANCELLED)
CANCELLABLE = (VisitState.PROPOSED, VisitState.ACCEPTED, VisitState.AGREED, VisitState.SCHEDULED)


class VisitQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(state__in=ENDED)

    def waiting_for_host(self):
        """Requests to an organisation that has lost its last host: nobody can answer them, so
        the coordinators see them and the visitor is told (exchange/visits/reminders.py)."""
        return self.filter(~has_host("window__offer__organisation"), state=VisitState.PROPOSED)

    def for_visitor(self, user):
        return self.filter(visitor=user)

    def for_host(self, user):
        """Visits to the organisation `user` hosts for (none if they do not host)."""
        hosted = Profile.objects.hosts().filter(user=user).values("organisation_id")
        return self.filter(window__offer__organisation_id__in=hosted)

    def visible_to(self, user):
        """The visitor's, and their organisation's hosts'; every visit for coordinators."""
        from exchange.roles import is_coordinator

        if is_coordinator(user):
            return self
        return self.of_member(user)

    def of_member(self, user):
        """The visits `user` made or asked for, and those to the organisation they host for."""
        return self.filter(Q(pk__in=self.for_visitor(user)) | Q(pk__in=self.for_host(user)))

    def with_details(self):
        """With what a visit's page and the dashboards show, and whether its organisation has
        a host (a request without one waits: `waiting_for_host`)."""
        return self.select_related(
            "visitor",
            "window__offer__organisation",
            "application__challenge",
            "application__organisation",
            "agreement",
        ).annotate(has_host=has_host("window__offer__organisation"))

    def with_steps(self):
        """with_details, and what the next step depends on (amendments, agenda, whether the
        visitor has another visit on the same days), for lists of visits that each show their
        next step."""
        other_visit_on_same_days = Visit.objects.filter(
            state__in=HOLDS_PLACE,
            visitor_id=OuterRef("visitor_id"),
            starts_on__lte=OuterRef("ends_on"),
            ends_on__gte=OuterRef("starts_on"),
        ).exclude(pk=OuterRef("pk"))
        return (
            self.with_details()
            .prefetch_related("agreement__amendments", "agenda")
            .annotate(visitor_has_clash=Exists(other_visit_on_same_days))
        )


class Visit(models.Model):
    """One visitor's stay with a host organisation, through its states (see
    exchange/visits/steps.py for the transitions and who may make them)."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="visits", verbose_name=_("application")
    )
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,  # an erased visitor's visit still counts in the network's figures
        on_delete=models.SET_NULL,
        related_name="visits",
        verbose_name=_("visitor"),
    )
    window = models.ForeignKey(
        OfferWindow, on_delete=models.PROTECT, related_name="visits", verbose_name=_("window")
    )
    state = models.CharField(
        _("state"), max_length=12, choices=VisitState.choices, default=VisitState.PROPOSED
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    reason = models.TextField(
        _("reason"), max_length=2000, blank=True, help_text=_("Why it was declined or cancelled.")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("proposed"), default=timezone.now, editable=False)
    state_changed_at = models.DateTimeField(_("state since"), default=timezone.now)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["visitor", "window"],
                condition=~Q(state__in=ENDED),
                name="one_place_per_visitor_and_window",
                violation_error_message=_("You already have a visit in this window."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="visit_ends_after_start",
                violation_error_message=_("A visit cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(state__in=ENDED) | ~Q(reason=""),
                name="visit_ended_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return _("Visit to %(organisation)s, %(start)s – %(end)s") % {
            "organisation": self.host_organisation,
            "start": date_format(self.starts_on, "SHORT_DATE_FORMAT"),
            "end": date_format(self.ends_on, "SHORT_DATE_FORMAT"),
        }

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("visit_detail", args=[self.pk])

    @property
    def offer(self) -> HostingOffer:
        return self.window.offer

    @property
    def host_organisation(self):
        return self.window.offer.organisation

    @property
    def holds_place(self) -> bool:
        return self.state in HOLDS_PLACE

    def move_to(self, state: VisitState, **fields) -> None:
        """Record a transition (exchange/visits/rules.py decides whether it is allowed)."""
        self.state = state
        self.state_changed_at = timezone.now()
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=["state", "state_changed_at", *fields])


class LearningAgreement(models.Model):
    """What visitor and host agree before the visit. Once both have signed it is never edited:
    changes are amendments, and this text stays readable as the original."""

    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="agreement")
    goals = models.TextField(_("learning goals"), max_length=4000)
    tasks = models.TextField(
        _("tasks"), max_length=4000, help_text=_("What the visitor will do and observe.")
    )
    host_mentor = models.CharField(
        _("host mentor"),
        max_length=160,
        help_text=_("Who looks after the visitor at the host organisation."),
    )
    observation_rules = models.TextField(
        _("observation and confidentiality rules"), max_length=4000
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    visitor_signed_at = models.DateTimeField(_("signed by the visitor"), null=True, blank=True)
    host_signed_at = models.DateTimeField(_("signed by the host"), null=True, blank=True)
    host_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("learning agreement")
        verbose_name_plural = _("learning agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="agreement_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return _("Learning agreement for %(visit)s") % {"visit": self.visit}

    @property
    def is_signed(self) -> bool:
        return bool(self.visitor_signed_at and self.host_signed_at)

    REQUIRED = ("goals", "tasks", "host_mentor", "observation_rules")

    def missing_terms(self) -> list[str]:
        """The labels of the terms still empty: the agreement is signed once there are none."""
        return [
            str(self._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
            for name in self.REQUIRED
            if not getattr(self, name).strip()
        ]

    def terms(self) -> dict:
        """The agreement as it stands: the original with every confirmed amendment applied."""
        current = {name: getattr(self, name) for name in Amendment.TERMS}
        # Filtered here rather than in the query, so a prefetch of the amendments serves it.
        for amendment in sorted(self.amendments.all(), key=lambda a: a.number):
            if amendment.is_confirmed:
                current.update(amendment.changes())
        return current


class Amendment(models.Model):
    """A change to a signed agreement: in force once visitor and host have both confirmed it.
    Only the terms it changes are set."""

    TERMS = ("goals", "tasks", "host_mentor", "observation_rules", "starts_on", "ends_on")

    agreement = models.ForeignKey(
        LearningAgreement, on_delete=models.CASCADE, related_name="amendments"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    reason = models.TextField(_("why it changes"), max_length=2000)
    goals = models.TextField(_("learning goals"), max_length=4000, blank=True)
    tasks = models.TextField(_("tasks"), max_length=4000, blank=True)
    host_mentor = models.CharField(_("host mentor"), max_length=160, blank=True)
    observation_rules = models.TextField(
        _("observation and confidentiality rules"), max_length=4000, blank=True
    )
    starts_on = models.DateField(_("first day"), null=True, blank=True)
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("proposed"), default=timezone.now, editable=False)
    visitor_confirmed_at = models.DateTimeField(_("confirmed by the visitor"), null=True)
    host_confirmed_at = models.DateTimeField(_("confirmed by the host"), null=True)
    # The other side may decline a proposed change: it never comes into force, and the
    # agreement stays as it was (a new amendment can be proposed).
    declined_at = models.DateTimeField(_("declined"), null=True, editable=False)
    decline_reason = models.TextField(_("why it was declined"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="amendment_number_unique"),
            # One change at a time: a second proposal waits until the first is confirmed or
            # declined.
            models.UniqueConstraint(
                fields=["agreement"],
                condition=(Q(visitor_confirmed_at__isnull=True) | Q(host_confirmed_at__isnull=True))
                & Q(declined_at__isnull=True),
                name="one_open_amendment_per_agreement",
                violation_error_message=_("An amendment is already waiting for confirmation."),
            ),
        ]

    def __str__(self) -> str:
        return _("Amendment %(number)s") % {"number": self.number}

    @property
    def is_confirmed(self) -> bool:
        return bool(self.visitor_confirmed_at and self.host_confirmed_at)

    @property
    def is_open(self) -> bool:
        """Waiting for the other side: neither in force nor declined."""
        return not self.is_confirmed and self.declined_at is None

    def changes(self) -> dict:
        return {
            name: getattr(self, name)
            for name in self.TERMS
            if getattr(self, name) not in ("", None)
        }


class AgendaItem(models.Model):
    """One activity of the visit's programme."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="agenda")
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("from"), null=True, blank=True)
    ends_at = models.TimeField(_("until"), null=True, blank=True)
    activity = models.CharField(_("activity"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = ["day", "starts_at", "pk"]

    def __str__(self) -> str:
        return f"{date_format(self.day, 'MONTH_DAY_FORMAT')}: {self.activity}"


class ReminderSent(models.Model):
    """A reminder that went out: `send_reminders` sends each one once, however often it runs."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=32)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "kind", "recipient"], name="one_reminder_of_a_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id} ({self.visit_id})"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A member's private iCalendar address. The token is the only key: resetting it makes
    the old address stop working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")

    def __str__(self) -> str:
        return _("Calendar feed of %(user)s") % {"user": self.user}


class VisitMessage(models.Model):
    """A message between the visitor and the visit's hosts, shown on the visit's page to them
    alone. Encrypted at rest, as reflections are: practical talk about a visit can still name a
    client or a place. The e-mail announcing it carries no text, only the link."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="messages")
    # Their words: erasing the author deletes them.
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField(db_column="ciphertext")
    created_at = models.DateTimeField(_("sent"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("visit message")

    def __str__(self) -> str:
        return f"message {self.pk} on visit {self.visit_id}"
