"""Hosting offers and their date windows: what a host organisation offers visitors, when, and
how many. The places taken belong to the visit steps (exchange/visits/services.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cms.models.snippets import on_the_vocabulary
from exchange.membership.models import Profile


def has_host(organisation_ref: str) -> Exists:
    """Whether the organisation at `organisation_ref` has someone hosting for it now: without
    one, a request to it would reach nobody."""
    return Exists(Profile.objects.hosts().filter(organisation=OuterRef(organisation_ref)))


class HostingOfferQuerySet(models.QuerySet):
    def taking_visitors(self):
        """Published, with a host to answer: the offers members may ask for a visit."""
        return self.filter(has_host("organisation"), is_published=True)


class HostingOffer(models.Model):
    """What a host organisation offers visitors: what they can observe, in which languages,
    under which rules. Visible to signed-in members once published."""

    organisation = models.ForeignKey(
        "cms.OrganisationPage",
        on_delete=models.PROTECT,
        related_name="hosting_offers",
        verbose_name=_("organisation"),
    )
    title = models.CharField(
        _("title"),
        max_length=160,
        help_text=_("For example: Family counselling for relatives of returnees."),
    )
    description = models.TextField(_("what a visitor will see"), max_length=4000)
    challenges = models.ManyToManyField(
        "cms.Challenge",
        limit_choices_to=on_the_vocabulary,
        related_name="+",
        verbose_name=_("challenges a visitor can observe"),
    )
    practices = models.ManyToManyField(
        "cms.PracticePage",
        blank=True,
        related_name="+",
        verbose_name=_("practices a visitor can observe"),
    )
    work_settings = models.ManyToManyField(
        "cms.Setting",
        limit_choices_to=on_the_vocabulary,
        blank=True,
        related_name="+",
        verbose_name=_("settings"),
    )
    languages = models.ManyToManyField(
        "cms.Language",
        limit_choices_to=on_the_vocabulary,
        related_name="+",
        verbose_name=_("working languages"),
    )
    observation_rules = models.TextField(
        _("observation and confidentiality rules"),
        max_length=4000,
        help_text=_(
            "For example: no notes during client sessions; nothing that identifies a client."
        ),
    )
    client_consent_required = models.BooleanField(
        _("clients consent before a visitor observes them"), default=True
    )
    practical_notes = models.TextField(
        _("practical notes"),
        max_length=4000,
        blank=True,
        help_text=_("Travel, accommodation nearby, accessibility, what to bring."),
    )
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Members can find it and apply.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = HostingOfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("hosting offer")
        verbose_name_plural = _("hosting offers")
        ordering = ["organisation__title", "title", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation})"


class OfferWindow(models.Model):
    """Dates when an offer receives visitors, and how many. `booked` counts the places taken
    by accepted visits; the database refuses more than `capacity`."""

    offer = models.ForeignKey(HostingOffer, on_delete=models.CASCADE, related_name="windows")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    capacity = models.PositiveSmallIntegerField(_("visitors"), default=1)
    booked = models.PositiveSmallIntegerField(_("places taken"), default=0, editable=False)

    class Meta:
        verbose_name = _("date window")
        verbose_name_plural = _("date windows")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(booked__lte=F("capacity")),
                name="window_booked_within_capacity",
                violation_error_message=_("This window is full."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="window_capacity_at_least_one"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="window_ends_after_start",
                violation_error_message=_("A window cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        start, end = (
            date_format(day, "SHORT_DATE_FORMAT") for day in (self.starts_on, self.ends_on)
        )
        return f"{start} – {end}"

    def save(self, *args, **kwargs):
        # `booked` belongs to the accept and cancel steps, which change it with a conditional
        # update: a save of an existing window never writes back the count it read earlier.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.attname
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "booked"
            ]
        super().save(*args, **kwargs)

    def save_terms(self) -> bool:
        """Write this existing window's dates and capacity, unless the capacity is below the
        places taken at this moment (an accept may have committed since the form was read);
        False when refused, with nothing written."""
        return bool(
            OfferWindow.objects.filter(pk=self.pk, booked__lte=self.capacity).update(
                starts_on=self.starts_on, ends_on=self.ends_on, capacity=self.capacity
            )
        )

    @property
    def places_left(self) -> int:
        return self.capacity - self.booked

    def contains(self, starts_on, ends_on) -> bool:
        return self.starts_on <= starts_on <= ends_on <= self.ends_on
