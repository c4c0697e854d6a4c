"""Reflection logs: the questions of each phase (the coordinators' to edit), and each person's
entries around a visit, with every version kept, encrypted at rest (exchange/encryption.py),
shared entry by entry, and every read by someone other than the author logged for good."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchange.append_only import AppendOnlyModel
from exchange.encryption import EncryptedTextField
from exchange.visits.models.visits import Visit
from exchange.wording import in_each_language


class Phase(models.TextChoices):
    BEFORE = "before", _("Before the visit")
    DURING = "during", _("During the visit")
    AFTER = "after", _("After the visit")
    FOLLOW_UP = "follow_up", _("Follow-up")


class AskedOf(models.TextChoices):
    """Who a question is for: a host mentor who is shadowed learns other things than the
    visitor who shadows, and is asked about them."""

    VISITOR = "visitor", _("the visitor")
    HOST = "host", _("the host mentor")
    BOTH = "both", _("both")

    @classmethod
    def including(cls, role: str) -> tuple[str, str]:
        """The values of the questions a person in `role` (visitor or host) is asked."""
        return (role, cls.BOTH)


class ReflectionQuestion(models.Model):
    """A question of one phase. An answer keeps the question's text as it was asked: editing a
    question later changes no answer already written."""

    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices)
    # One column per language of settings.LANGUAGES (text_en, text_de, text_fr); `text` is the
    # reader's, else the English (exchange/wording.py).
    text = in_each_language(models.CharField(_("question"), max_length=300))
    help_text = in_each_language(models.CharField(_("help text"), max_length=500, blank=True))
    asked_of = models.CharField(
        _("asked of"), max_length=8, choices=AskedOf.choices, default=AskedOf.VISITOR
    )
    per_goal = models.BooleanField(
        _("asked once per learning goal"),
        default=False,
        help_text=_("The question is asked for each goal of the signed learning agreement."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("asked"), default=True)

    class Meta:
        verbose_name = _("reflection question")
        verbose_name_plural = _("reflection questions")
        ordering = ["phase", "sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.get_phase_display()}: {self.text}"


class ReflectionEntry(models.Model):
    """One answer of one person's log about one visit. Its text lives in its versions."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="reflections")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices)
    question = models.ForeignKey(
        ReflectionQuestion, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    question_text = models.CharField(_("question as asked"), max_length=300)
    goal = models.CharField(_("learning goal"), max_length=500, blank=True)
    day = models.DateField(_("day"), null=True, blank=True)
    # The language the answer is written in: its author's interface language when they began
    # it. Shown with it (the lang attribute), whatever the reader's language.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    submitted_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        verbose_name = _("reflection entry")
        verbose_name_plural = _("reflection entries")
        ordering = ["visit", "author", "created_at", "pk"]
        # One entry per answer: per question, goal and (in the during phase) day.
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "author", "phase", "question", "goal"],
                condition=Q(day__isnull=True),
                name="one_entry_per_answer",
            ),
            models.UniqueConstraint(
                fields=["visit", "author", "phase", "question", "goal", "day"],
                condition=Q(day__isnull=False),
                name="one_entry_per_answer_and_day",
            ),
        ]

    def __str__(self) -> str:
        # Never the text: this string reaches the admin, logs and error pages.
        return f"{self.get_phase_display()} ({self.visit_id}, {self.author_id})"

    @property
    def is_draft(self) -> bool:
        return self.submitted_at is None


class EntryVersion(models.Model):
    """One version of an entry's text, encrypted. A submitted version is never changed: what a
    partner read stays what they read. Only the draft after the last submitted version is saved
    over as its author types."""

    entry = models.ForeignKey(ReflectionEntry, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = EncryptedTextField(editable=False, db_column="ciphertext")
    saved_at = models.DateTimeField(default=timezone.now, editable=False)
    submitted = models.BooleanField(default=False)

    class Meta:
        ordering = ["entry", "number"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="one_version_number"),
            models.UniqueConstraint(
                fields=["entry"], condition=Q(submitted=False), name="one_draft_per_entry"
            ),
        ]

    def __str__(self) -> str:
        return f"version {self.number} of entry {self.entry_id}"


class Audience(models.TextChoices):
    PARTNER = "partner", _("the visit partner")
    COORDINATORS = "coordinators", _("the coordinators")


class EntryShare(models.Model):
    """The author shared an entry with an audience; withdrawn when `withdrawn_at` is set."""

    entry = models.ForeignKey(ReflectionEntry, on_delete=models.CASCADE, related_name="shares")
    audience = models.CharField(max_length=12, choices=Audience.choices)
    shared_at = models.DateTimeField(default=timezone.now, editable=False)
    withdrawn_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "audience"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_open_share_per_audience",
            )
        ]

    def __str__(self) -> str:
        return f"entry {self.entry_id} → {self.audience}"


class EntryRead(AppendOnlyModel):
    """A read of an entry by someone other than its author. Append-only: the model and the
    database refuse to change or delete a row (exchange/append_only.py). Plain ids, no foreign
    keys, so that erasing a member (who deletes their entries) does not take the record of reads
    with it."""

    entry_id = models.PositiveBigIntegerField(db_index=True)
    author_id = models.PositiveBigIntegerField(db_index=True)
    version = models.PositiveIntegerField()
    reader_id = models.PositiveBigIntegerField()
    read_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-read_at", "-pk"]

    def __str__(self) -> str:
        return f"entry {self.entry_id} v{self.version} read by {self.reader_id}"
