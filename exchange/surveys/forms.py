"""The survey as a form: one field per question, named by its id. The form shows the questions
and keeps what was typed; the service (services.clean_answer) decides what counts as an answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.surveys.models import AnswerType, SurveyQuestion, SurveyResponse

SCALE_CHOICES = [
    ("1", _("1 – not at all")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", _("5 – very much")),
]


def survey_form(
    questions: list[SurveyQuestion], response: SurveyResponse | None, data=None
) -> forms.Form:
    """The questions asked of one person (services.questions_for)."""
    form = forms.Form(data=data, label_suffix="")
    for question in questions:
        label, hint = question.text, question.help_text
        if question.answer_type == AnswerType.SCALE:
            field = forms.ChoiceField(
                choices=SCALE_CHOICES, widget=forms.RadioSelect(attrs={"class": "scale"})
            )
        elif question.answer_type == AnswerType.CHOICE:
            options = question.choice_options()
            field = forms.ChoiceField(choices=options, widget=forms.RadioSelect)
        elif question.answer_type == AnswerType.NUMBER:
            field = forms.CharField(widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
        else:
            field = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
        field.label = (
            label if question.required else _("%(question)s (optional)") % {"question": label}
        )
        field.help_text = hint
        field.required = False  # a draft may leave any question empty; submitting is checked
        form.fields[str(question.pk)] = field
    if response is not None and data is None:
        for answer in response.answers.all():
            form.initial[str(answer.question_id)] = (
                answer.text or answer.choice or ("" if answer.number is None else answer.number)
            )
    return form
