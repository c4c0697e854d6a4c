"""Excerpts: passages an author proposes, from their own reflection log, for the network's
publication. Each edit, by the author or a coordinator, is a new version; the author's consent
is to one exact version and attribution, recorded in an append-only ledger by the SHA-256 of
the NFC-normalised text. Text is encrypted at rest, as reflections are."""

import hashlib
import json
import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchange import encryption
from exchange.append_only import AppendOnlyModel
from exchange.models.reflections import Phase, ReflectionEntry
from exchange.models.visits import Visit


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
        "cms.Challenge", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    goal = models.CharField(_("learning goal"), max_length=500, blank=True)
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

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
    ciphertext = models.TextField(editable=False)
    digest = models.CharField(max_length=64, editable=False)  # text_digest(text)
    attribution = models.CharField(max_length=16, choices=Attribution.choices)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Why it changed (a coordinator's note) and what the de-identification gate flagged and the
    # author kept, with their reasons: words about the text, so encrypted as the text is.
    reason_ciphertext = models.TextField(editable=False, blank=True)
    findings_ciphertext = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["excerpt", "number"]
        constraints = [
            models.UniqueConstraint(fields=["excerpt", "number"], name="one_excerpt_version_number")
        ]

    def __str__(self) -> str:
        return f"version {self.number} of excerpt {self.excerpt_id}"

    @property
    def text(self) -> str:
        return encryption.decrypt(self.ciphertext)

    @property
    def reason(self) -> str:
        return encryption.decrypt(self.reason_ciphertext) if self.reason_ciphertext else ""

    @property
    def kept_findings(self) -> list[dict]:
        if not self.findings_ciphertext:
            return []
        return json.loads(encryption.decrypt(self.findings_ciphertext))


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


def validate_pattern(value: str) -> None:
    try:
        compiled = re.compile(value)
    except re.error as error:
        raise ValidationError(
            _("This is not a valid pattern: %(error)s.") % {"error": error}
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
