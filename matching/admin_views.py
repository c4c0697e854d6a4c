"""The coordinator's matching rounds in the Wagtail admin: create a round (window, weights,
rules), run it, review the proposed pairs with their explanations and the unmatched with their
reasons, pin or reject pairs and run again around them, then publish."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from exchange.visits.models import OfferWindow
from matching import services
from matching.models import Exclusion, Proposal, Round, Run
from matching.tasks import run_round


class ReviewView(
    generic.PermissionCheckedMixin, generic.base.WagtailAdminTemplateMixin, TemplateView
):
    model = Round
    permission_required = "change"
    template_name = "matching/admin/round_review.html"
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        self.round = get_object_or_404(Round, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Review: %(round)s") % {"round": self.round}

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("matching_round:index"), "label": _("Matching rounds")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        run = self.round.latest_run
        proposals, misses, windows = [], [], {}
        if run is not None:
            proposals = list(
                run.proposals.select_related(
                    "application__applicant",
                    "application__organisation",
                    "application__challenge",
                    "window__offer__organisation",
                    "swap_to__offer__organisation",
                    "visit",
                )
            )
            misses = list(
                run.misses.select_related(
                    "application__applicant",
                    "application__organisation",
                    "nearest_miss__offer__organisation",
                )
            )
            wanted = {pk for proposal in proposals for pk in proposal.alternates}
            windows = OfferWindow.objects.select_related("offer__organisation").in_bulk(wanted)
        for proposal in proposals:
            proposal.alternate_windows = [
                windows[pk] for pk in proposal.alternates if pk in windows
            ]
        to_publish = [p for p in proposals if p.decision != Proposal.Decision.REJECTED]
        return super().get_context_data(
            round=self.round,
            run=run,
            to_publish=len(to_publish),
            emails=services.publish_email_count(to_publish),
            proposals=proposals,
            misses=misses,
            decisions=[
                (Proposal.Decision.PINNED, _("Pin")),
                (Proposal.Decision.REJECTED, _("Reject")),
                (Proposal.Decision.OPEN, _("Undo")),
            ],
            **kwargs,
        )


class RoundStepView(generic.PermissionCheckedMixin, View):
    """A POST that changes the round, then back to its review page."""

    model = Round
    permission_required = "change"
    http_method_names = ["post"]

    def post(self, request, pk: int, **kwargs):
        round_ = get_object_or_404(Round, pk=pk)
        try:
            done = self.step(round_, request.user, **kwargs)
        except services.RoundError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, done)
        return redirect("matching_round:review", pk=pk)


class RunView(RoundStepView):
    def step(self, round_, user):
        run = services.round_queue(round_=round_, user=user)
        run_round.enqueue(run.pk)
        run.refresh_from_db()  # with the immediate backend, the run is over already
        if run.status == Run.Status.FAILED:
            raise services.RoundError(_("The run failed: %(error)s") % {"error": run.error})
        if not run.is_finished:
            return _("The round is queued: this page shows how far it has come.")
        return _("The round ran: its pairs are below.")


class DecideView(RoundStepView):
    def step(self, round_, user, proposal: int, decision: str):
        pair = get_object_or_404(Proposal, pk=proposal, run__round=round_)
        services.proposal_decide(proposal=pair, decision=decision, user=user)
        return _("Pair marked %(decision)s. Run the round again to fill the gaps around it.") % {
            "decision": pair.get_decision_display()
        }


class SwapView(RoundStepView):
    def step(self, round_, user, proposal: int, window: int):
        pair = get_object_or_404(Proposal, pk=proposal, run__round=round_)
        services.proposal_swap(proposal=pair, window_id=window, user=user)
        return _("Pair pinned to its alternate. Run the round again to fill the gaps around it.")


class PublishView(RoundStepView):
    def post(self, request, pk: int, **kwargs):
        if not request.POST.get("confirm"):
            messages.error(
                request, _("Tick the box to confirm how many visits and e-mails publishing makes.")
            )
            return redirect("matching_round:review", pk=pk)
        return super().post(request, pk, **kwargs)

    def step(self, round_, user):
        created = services.round_publish(round_=round_, user=user)
        return _("%(count)d visits proposed; hosts and visitors are told.") % {
            "count": len(created)
        }


class RoundIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        return [
            Button(
                _("Review"), url=reverse("matching_round:review", args=[instance.pk]), priority=5
            ),
            *super().get_list_more_buttons(instance),
        ]


class RoundCreateView(generic.CreateView):
    """A new round leads to its page, where it is run: the next step, not the list."""

    def get_success_url(self):
        return reverse("matching_round:review", args=[self.object.pk])


class RoundViewSet(ModelViewSet):
    model = Round
    name = "rounds"
    url_namespace = "matching_round"
    icon = "group"
    menu_label = gettext_lazy("Matching rounds")
    menu_order = 280
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = RoundIndexView
    add_view_class = RoundCreateView
    form_fields = [
        "name",
        "year",
        "window_from",
        "window_until",
        "allow_interpretation",
        "cross_border_required",
        *Round.WEIGHTS,
    ]
    list_display = ["name", "year", "window_from", "window_until", "published_at"]
    search_backend_name = None

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("review/<int:pk>/", ReviewView.as_view(), name="review"),
            path("run/<int:pk>/", RunView.as_view(), name="run"),
            path("publish/<int:pk>/", PublishView.as_view(), name="publish"),
            path("swap/<int:pk>/<int:proposal>/<int:window>/", SwapView.as_view(), name="swap"),
            path(
                "decide/<int:pk>/<int:proposal>/<slug:decision>/",
                DecideView.as_view(),
                name="decide",
            ),
        ]


class ExclusionViewSet(ModelViewSet):
    """Declared conflicts of interest and the coordinator's exclusions: pairs no run proposes."""

    model = Exclusion
    name = "exclusions"
    url_namespace = "matching_exclusion"
    icon = "cross"
    menu_label = gettext_lazy("Exclusions")  # conflicts of interest among them: the page says so
    menu_order = 281
    add_to_admin_menu = True
    copy_view_enabled = False
    form_fields = ["round", "application", "organisation", "reason"]
    list_display = ["application", "organisation", "round", "reason"]
    search_backend_name = None
