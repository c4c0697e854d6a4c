"""Excerpts: passages an author proposes, from their own reflection log, for the network's
publication. Each edit, by the author or a coordinator, is a new version; the author's consent
is to one exact version and attribution, recorded in an append-only ledger by the SHA-256 of
the NFC-normalised text. Text is encrypted at rest, as reflections are."""

import hashlib
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taggit.managers import TaggableManager

import re2

from cms.models.snippets import on_the_vocabulary
from exchange.append_only import AppendOnlyModel
from exchange.encryption import EncryptedTextField
from exchange.reflections.models import Phase, ReflectionEntry
from exchange.visits.models.visits import Visit


class Attribution(models.TextChoices):
    NAMED = "named", _("With my name")
    ROLE_COUNTRY = "role_country", _("With my role and country only")
    ANONYMOUS = "anonymous", _("Anonymous")
    PRIVATE = "private", _("Not for publication (the coordinators may analyse it)")


def text_digest(text: str) -> str:
    """What consent binds to: the SHA-256 of the text in Unicode's composed form (NFC), so the
    same words typed on two keyboards have one digest."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode()).hexdigest()


class Excerpt(models.Model):
    """A passage proposed for the publication, with where it comes from: the entry (its author's
    alone), the visit, the challenge, the learning goal and the phase."""

    entry = models.ForeignKey(
        ReflectionEntry, null=True, on_delete=models.SET_NULL, related_name="excerpts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="excerpts"
    )
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="excerpts")
    challenge = models.ForeignKey(
        "cms.Challenge",
        limit_choices_to=on_the_vocabulary,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    goal = models.CharField(_("learning goal"), max_length=500, blank=True)
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices)
    # The language of the answer it comes from (ReflectionEntry.language), wherever it is shown.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # The coordinators' codes, each on a span of the words (exchange/coding/models.py).
    codes = TaggableManager(through="exchange.CodedSpan", blank=True, verbose_name=_("codes"))

    class Meta:
        verbose_name = _("excerpt")
        verbose_name_plural = _("excerpts")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"excerpt {self.pk}"  # never the text: this reaches logs and the admin


class ExcerptVersion(models.Model):
    """One version of an excerpt's words and attribution; never changed once written."""

    excerpt = models.ForeignKey(Excerpt, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = EncryptedTextField(editable=False, db_column="ciphertext")
    digest = models.CharField(max_length=64, editable=False)  # text_digest(text)
    attribution = models.CharField(max_length=16, choices=Attribution.choices)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Why it changed (a coordinator's note) and what the de-identification gate flagged and the
    # author kept, with their reasons: words about the text, so encrypted as the text is.
    reason = EncryptedTextField(editable=False, blank=True, db_column="reason_ciphertext")
    findings = EncryptedTextField(editable=False, blank=True, db_column="findings_ciphertext")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["excerpt", "number"]
        constraints = [
            models.UniqueConstraint(fields=["excerpt", "number"], name="one_excerpt_version_number")
        ]

    def __str__(self) -> str:
        return f"version {self.number} of excerpt {self.excerpt_id}"

    @property
    def kept_findings(self) -> list[dict]:
        return json.loads(self.findings) if self.findings else []

    @property
    def identifying_flags(self) -> list[dict]:
        """The flags the author kept that name someone or reach them."""
        return [flag for flag in self.kept_findings if flag.get("kind") in IDENTIFYING_KINDS]

    @property
    def asks_for_confirmation(self) -> bool:
        """With the author's name on it, a quote that keeps a flag that names someone or reaches
        them is shown only once a coordinator has confirmed it may be (FlagsConfirmation)."""
        return self.attribution == Attribution.NAMED and bool(self.identifying_flags)


# The kinds of flag (exchange/excerpts/deidentify/) that name a person or reach them.
IDENTIFYING_KINDS = frozenset({"email", "phone", "link", "address", "case_number", "name"})


class FlagsConfirmation(models.Model):
    """A coordinator's confirmation that a version attributed by name, keeping flags that name
    someone or reach them, may be published: they read the flags and the author's reasons."""

    version = models.OneToOneField(
        ExcerptVersion, on_delete=models.CASCADE, related_name="flags_confirmation"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self) -> str:
        return f"flags of {self.version} confirmed"


def waiting_for_confirmation(versions: Iterable[ExcerptVersion]) -> set[int]:
    """The ids of the versions among `versions` that ask for a coordinator's confirmation and
    have none yet (one query)."""
    asking = {version.pk for version in versions if version.asks_for_confirmation}
    confirmed = FlagsConfirmation.objects.filter(version_id__in=asking)
    return asking - set(confirmed.values_list("version_id", flat=True))


class ConsentKind(models.TextChoices):
    GRANTED = "granted", _("Consent given")
    SUPERSEDED = "superseded", _("Replaced by consent to a newer version")
    WITHDRAWN = "withdrawn", _("Consent withdrawn")


class ConsentEvent(AppendOnlyModel):
    """The consent ledger: append-only, in the database as well as in code (exchange/
    append_only.py). Plain ids, no foreign keys, so that erasing an author, which deletes their
    excerpts, keeps the record of what was consented to and when."""

    excerpt_id = models.PositiveBigIntegerField(db_index=True)
    version = models.PositiveIntegerField()
    kind = models.CharField(max_length=12, choices=ConsentKind.choices)
    digest = models.CharField(max_length=64)  # the SHA-256 of the exact text consented to
    attribution = models.CharField(max_length=16, choices=Attribution.choices)
    actor_id = models.PositiveBigIntegerField(null=True)
    at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind}: excerpt {self.excerpt_id} v{self.version}"


# Sent, inside the step's transaction, whenever the consent in force for an excerpt ends or
# moves to another version (withdrawn, superseded, or the excerpt erased), with `excerpt_id`.
# Whatever shows quotes listens (exchange/publication), since the steps may not import it.
consent_changed = Signal()


@dataclass(frozen=True)
class Consent:
    """A live consent: to this version's exact words, with this attribution."""

    version: ExcerptVersion
    text: str
    attribution: str
    event: ConsentEvent


def live_consents(excerpts: Iterable[Excerpt]) -> dict[int, Consent]:
    """The consent in force for each excerpt that has one, checked against the words
    themselves: the last event of the ledger is a grant, and the version it names still holds
    exactly the text (by its digest) and the attribution consented to. An excerpt without one
    is left out, and nothing of it is shown. Two queries, however many excerpts."""
    by_id = {excerpt.pk: excerpt for excerpt in excerpts}
    last: dict[int, ConsentEvent] = {}
    for event in ConsentEvent.objects.filter(excerpt_id__in=by_id).order_by("at", "pk"):
        last[event.excerpt_id] = event
    granted = {pk: e for pk, e in last.items() if e.kind == ConsentKind.GRANTED}
    versions = ExcerptVersion.objects.filter(excerpt_id__in=granted).select_related("excerpt")
    found = {}
    for version in versions:
        event = granted[version.excerpt_id]
        if version.number != event.version or version.attribution != event.attribution:
            continue
        text = version.text
        if text_digest(text) == event.digest == version.digest:
            found[version.excerpt_id] = Consent(version, text, event.attribution, event)
    return found


def consented():
    """Excerpts whose last ledger event is a grant, annotated with its attribution (`live_
    consents` still checks the words before anything of them is shown)."""
    last = ConsentEvent.objects.filter(excerpt_id=models.OuterRef("pk")).order_by("-at", "-pk")
    return Excerpt.objects.annotate(
        last_kind=models.Subquery(last.values("kind")[:1]),
        last_attribution=models.Subquery(last.values("attribution")[:1]),
    ).filter(last_kind=ConsentKind.GRANTED)


def live_consent(excerpt: Excerpt) -> Consent | None:
    return live_consents([excerpt]).get(excerpt.pk)


class PatternError(ValueError):
    """A pattern RE2 cannot compile, with RE2's reason."""


def compile_pattern(pattern: str) -> "re2._Regexp":
    """A coordinators' case-number pattern, compiled by Google's RE2, which matches in time
    linear in the text whatever the pattern: Python's engine backtracks, and a pattern like
    (a+)+$ made a member's excerpt check take seconds, doubling with each character. RE2 has no
    backreferences or lookarounds; such a pattern raises PatternError."""
    options = re2.Options()
    options.log_errors = False  # the reason goes to the coordinator, not to stderr
    try:
        return re2.compile(pattern, options)
    except re2.error as error:
        reason = error.args[0] if error.args else ""
        if isinstance(reason, bytes):
            reason = reason.decode(errors="replace")
        raise PatternError(reason) from None


def validate_pattern(value: str) -> None:
    try:
        compiled = compile_pattern(value)
    except PatternError as error:
        raise ValidationError(
            _(
                "This pattern cannot be used: %(error)s. Patterns are checked in linear time, "
                "so backreferences (\\1) and lookarounds ((?=...), (?<=...)) are not available."
            )
            % {"error": error}
        ) from None
    if compiled.search("") is not None:
        raise ValidationError(_("This pattern matches an empty text: it would flag everything."))


class CaseNumberPattern(models.Model):
    """A form of case or file number the members' organisations use, which the
    de-identification gate flags beside the forms it knows (the coordinators keep these)."""

    pattern = models.CharField(
        _("pattern"),
        max_length=200,
        validators=[validate_pattern],
        help_text=_(
            "A regular expression. For example JA/\\d+/K-\\d+ flags JA/77/K-19 "
            "(\\d+ is one or more digits)."
        ),
    )
    description = models.CharField(_("what it is"), max_length=200, blank=True)
    is_active = models.BooleanField(_("flagged"), default=True)

    class Meta:
        verbose_name = _("case number pattern")
        verbose_name_plural = _("case number patterns")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description or self.pattern
