"""The benchmarks' synthetic exchange (demo/synthetic_exchange.py), at a tiny size: what it
builds is what the workflow would leave (the constraints hold), so the benchmarks measure a
network that could exist."""

import pytest

from demo.synthetic_exchange import applications_and_offers, years_of_visits
from exchange.membership.models import Profile
from exchange.reflections.models import ReflectionEntry
from exchange.surveys.models import SurveyAnswer, SurveyResponse
from exchange.visits.models import Application, HostingOffer, OfferWindow, Visit

pytestmark = pytest.mark.django_db


def test_a_rounds_applications_and_offers():
    start = applications_and_offers(visitors=24, hosts=6, seed=3)
    assert Application.objects.count() == 24 and HostingOffer.objects.count() == 6
    assert OfferWindow.objects.filter(starts_on__gte=start).count() == 6
    # Every organisation has a host: an offer takes visitors only while someone answers for it.
    hosted = set(Profile.objects.hosts().values_list("organisation_id", flat=True))
    assert set(HostingOffer.objects.values_list("organisation_id", flat=True)) <= hosted


def test_years_of_visits_with_reflections_and_answers():
    year = years_of_visits(
        visits=40, entries=60, responses=30, years=2, organisations=3, people_per_organisation=20
    )
    assert Visit.objects.count() == 40 and ReflectionEntry.objects.count() == 60
    assert SurveyResponse.objects.count() == 30 and SurveyAnswer.objects.exists()
    assert Visit.objects.filter(ends_on__year__lte=year).exists()
