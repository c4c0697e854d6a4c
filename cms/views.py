"""Views outside the page tree: the site search and its autocomplete, the list of yearly reports."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from cms.models import EvaluationReportPage
from cms.search.site import autocomplete, search_context


@require_GET
def search(request):
    return render(request, "cms/search.html", search_context(request))


@require_GET
@cache_control(max_age=60, public=True)
def search_autocomplete(request):
    return JsonResponse({"results": autocomplete(request.GET.get("q"))})


@require_GET
def report_list(request):
    """The yearly evaluation reports, newest first: one page per year, published once."""
    reports = EvaluationReportPage.objects.live().public().order_by("-year")
    return render(request, "cms/report_list.html", {"reports": reports})
