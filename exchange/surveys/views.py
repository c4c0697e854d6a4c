"""The survey pages of a visit: the visitor and the host mentor answer each survey once; a
draft can be saved and finished later. Answers are never shown to anyone else, and a person
who is not on the visit gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from exchange.surveys import services
from exchange.surveys.forms import survey_form
from exchange.surveys.models import SurveyKind
from exchange.visits.models import Visit


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey_answer(request, pk: int, kind: str):
    visit = get_object_or_404(
        Visit.objects.visible_to(request.user).select_related("agreement"), pk=pk
    )
    if kind not in SurveyKind.values or not services.answers_surveys(visit, request.user):
        raise Http404
    why_closed = services.why_closed(visit, kind, request.user)
    survey = services.survey_for(kind, visit.ends_on.year) if not why_closed else None
    questions = services.questions_for(survey, visit, request.user) if survey else []
    response = services.response_of(visit, kind, request.user)
    form = survey_form(questions, response) if survey else None
    status, error = 200, ""
    if request.method == "POST" and why_closed:
        error, status = why_closed, 409
    elif request.method == "POST":
        submit = request.POST.get("submit") == "on"
        form = survey_form(questions, response, data=request.POST)
        try:
            services.response_save(
                visit_id=visit.pk, user=request.user, kind=kind, answers=request.POST, submit=submit
            )
        except services.AnswerErrors as failed:
            form.is_valid()
            for question_id, message in failed.errors.items():
                form.add_error(str(question_id), message)
            status = 400
        except services.SurveyError as failed:
            error, status = str(failed), 409
        else:
            messages.success(
                request, _("Thank you: your answers are sent.") if submit else _("Draft saved.")
            )
            return redirect("visit_survey", pk=visit.pk, kind=kind)
    context = {
        "visit": visit,
        "kind": SurveyKind(kind),
        "survey": survey,
        "form": form,
        "response": response,
        "why_closed": why_closed,
        "error": error,
        # Once sent, the answers are read back to their respondent (to no one else).
        "answered": services.answers_in_words(response, questions)
        if response is not None and response.submitted_at
        else [],
    }
    return render(request, "exchange/surveys/answer.html", context, status=status)
