"""Surveys: a short one after each visit and a follow-up on transfer into practice months later,
answered by the visitor and the host mentor, each asked their own questions (AskedOf). The
coordinators keep the questions, one version per kind and year; a question is tagged with how
far learning travelled (Kirkpatrick's levels, with the matching LTEM tiers), so the report can
show it. Responses are private: they leave only as suppressed aggregates in reports; free text
is encrypted at rest."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from exchange.encryption import EncryptedTextField
from exchange.reflections.models import AskedOf
from exchange.visits.models.visits import Visit
from exchange.wording import (
    check_choices_align,
    in_each_language,
    translation_panels,
    translations_of,
)


class SurveyKind(models.TextChoices):
    AFTER_VISIT = "after_visit", _("After the visit")
    FOLLOW_UP = "follow_up", _("Follow-up on transfer into practice")


class Level(models.TextChoices):
    """Kirkpatrick's four levels, each with the tiers of the Learning-Transfer Evaluation Model
    it spans."""

    REACTION = "reaction", _("Reaction (Kirkpatrick 1; LTEM 3: learner perceptions)")
    LEARNING = "learning", _("Learning (Kirkpatrick 2; LTEM 4-6: knowledge, decisions, tasks)")
    BEHAVIOUR = "behaviour", _("Behaviour (Kirkpatrick 3; LTEM 7: transfer)")
    RESULTS = "results", _("Results (Kirkpatrick 4; LTEM 8: effects of transfer)")


class AnswerType(models.TextChoices):
    SCALE = "scale", _("Five-point scale (1 = not at all, 5 = very much)")
    CHOICE = "choice", _("One of the choices listed")
    NUMBER = "number", _("A whole number")
    TEXT = "text", _("Free text")


SCALE = range(1, 6)


class Survey(ClusterableModel):
    kind = models.CharField(_("kind"), max_length=12, choices=SurveyKind.choices)
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Asked about the visits that end in this year."),
    )
    introduction = models.TextField(_("introduction"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="one_survey_per_kind_and_year")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.year})"


# A number answer counts people, sessions or days: a bound that keeps every answer a count,
# and within what every database stores in an integer column.
LARGEST_NUMBER = 100_000


class SurveyQuestion(Orderable):
    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="questions")
    # One column per language of settings.LANGUAGES (text_en, text_de, text_fr); `text` is the
    # reader's, else the English (exchange/wording.py). Answers keep the English choice,
    # whatever language it was chosen in.
    text = in_each_language(models.CharField(_("question"), max_length=300))
    help_text = in_each_language(models.CharField(_("hint"), max_length=300, blank=True))
    asked_of = models.CharField(
        _("asked of"), max_length=8, choices=AskedOf.choices, default=AskedOf.VISITOR
    )
    answer_type = models.CharField(_("answer"), max_length=8, choices=AnswerType.choices)
    choices = in_each_language(
        models.TextField(
            _("choices"), blank=True, help_text=_("For a choice question: one choice per line.")
        )
    )
    minimum = models.IntegerField(_("smallest number"), null=True, blank=True)
    maximum = models.IntegerField(_("largest number"), null=True, blank=True)
    level = models.CharField(_("evaluation level"), max_length=10, choices=Level.choices)
    required = models.BooleanField(_("an answer is required"), default=False)

    panels = [
        FieldPanel("text_en"),
        FieldPanel("help_text_en"),
        FieldPanel("asked_of"),
        FieldPanel("answer_type"),
        FieldPanel("choices_en"),
        FieldPanel("minimum"),
        FieldPanel("maximum"),
        FieldPanel("level"),
        FieldPanel("required"),
        *translation_panels("text", "help_text", "choices"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("survey question")

    def __str__(self) -> str:
        return self.text

    def choice_list(self) -> list[str]:
        """The English choices: what an answer keeps."""
        return lines_of(self.choices_en)

    def clean(self) -> None:
        errors = check_choices_align(
            self.choice_list(),
            {name: getattr(self, name) for name in translations_of("choices")},
        )
        # A number question counts something: never below 0, never past what is stored.
        for name in ("minimum", "maximum"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= LARGEST_NUMBER:
                errors[name] = _("Give a number from 0 to %(largest)s.") % {
                    "largest": f"{LARGEST_NUMBER:,}"
                }
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            errors["maximum"] = _("The largest number cannot be smaller than the smallest.")
        if errors:
            raise ValidationError(errors)

    def number_bounds(self) -> tuple[int, int]:
        """The smallest and largest answer a number question takes (1 to 5 on a scale)."""
        if self.answer_type == AnswerType.SCALE:
            return 1, 5
        low = self.minimum if self.minimum is not None else 0
        high = self.maximum if self.maximum is not None else LARGEST_NUMBER
        return max(low, 0), min(high, LARGEST_NUMBER)

    def choice_options(self) -> list[tuple[str, str]]:
        """(the English choice, as kept in the answer; its label in the reader's language)."""
        english = self.choice_list()
        labels = lines_of(self.choices)
        return list(zip(english, labels if len(labels) == len(english) else english, strict=True))


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class SurveyResponse(models.Model):
    """One person's answers to one survey about one visit: a draft until submitted, then final."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="survey_responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_responses"
    )
    as_host = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    submitted_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "visit", "respondent"], name="one_response_per_person"
            )
        ]

    def __str__(self) -> str:
        # Never an answer: this string reaches the admin, logs and error pages.
        return f"{self.survey} ({self.visit_id}, {self.respondent_id})"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="answers")
    number = models.IntegerField(null=True)  # a scale point or a number
    choice = models.CharField(max_length=300, blank=True)
    text = EncryptedTextField(blank=True, editable=False, db_column="text_ciphertext")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_each"),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(choice="", text=""),
                name="one_kind_of_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"answer to {self.question_id} in {self.response_id}"
