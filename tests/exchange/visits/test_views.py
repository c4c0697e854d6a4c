"""The visit workflow through its pages, as members use it."""

import re
from datetime import timedelta

from django.urls import reverse

import pytest

from cms.models import Challenge, Language
from demo.factories import apply, make_member
from exchange.visits.models import Application, HostingOffer, Visit, VisitState


def signed_in(client, user):
    client.force_login(user)
    return client


def post_step(client, visit, step, **data):
    return client.post(reverse("visit_step", args=[visit.pk, step]), data)


@pytest.mark.django_db
def test_a_host_publishes_an_offer_with_windows(client, network):
    signed_in(client, network.host)
    start = network.window.starts_on
    response = client.post(
        reverse("offer_create"),
        {
            "title": "Exit work in prisons (fictional)",
            "description": "Mentoring sessions with inmates who want to leave a group.",
            "challenges": [Challenge.vocabulary.first().pk],
            "languages": [Language.vocabulary.first().pk],
            "observation_rules": "No phones in the prison.",
            "client_consent_required": "on",
            "is_published": "on",
            "windows-TOTAL_FORMS": "1",
            "windows-INITIAL_FORMS": "0",
            "windows-0-starts_on": start.isoformat(),
            "windows-0-ends_on": (start + timedelta(days=5)).isoformat(),
            "windows-0-capacity": "3",
        },
    )
    offer = HostingOffer.objects.get(title="Exit work in prisons (fictional)")
    assert response.status_code == 302 and offer.organisation == network.host_org
    assert offer.windows.get().capacity == 3
    assert client.get(reverse("offer_detail", args=[offer.pk])).status_code == 200


@pytest.mark.django_db
def test_an_offer_window_that_ends_before_it_starts_is_refused(client, network):
    signed_in(client, network.host)
    start = network.window.starts_on
    response = client.post(
        reverse("offer_edit", args=[network.offer.pk]),
        {
            "title": network.offer.title,
            "description": "x",
            "challenges": [Challenge.vocabulary.first().pk],
            "languages": [Language.vocabulary.first().pk],
            "observation_rules": "x",
            "windows-TOTAL_FORMS": "1",
            "windows-INITIAL_FORMS": "0",
            "windows-0-starts_on": start.isoformat(),
            "windows-0-ends_on": (start - timedelta(days=1)).isoformat(),
            "windows-0-capacity": "1",
        },
    )
    assert response.status_code == 400
    assert "cannot be before the first one" in response.content.decode()
    # Summarised at the top, each problem a link to its window's row.
    html = response.content.decode()
    assert html.index("There is a problem") < html.index('id="windows"')
    assert (
        '<a href="#windows-0">Window 1: ' in html
        or '<a href="#id_windows-0-ends_on">Window 1' in html
    )


@pytest.mark.django_db
def test_a_new_offer_has_room_for_several_windows_each_a_labelled_row(client, network):
    page = signed_in(client, network.host).get(reverse("offer_create")).content.decode()
    assert page.count('<div class="window-row') == 3
    for field in ("starts_on", "ends_on", "capacity"):
        assert f'<label for="id_windows-2-{field}">' in page
    assert "Remove" not in page.split('id="windows"', 1)[1]  # nothing saved to remove yet


@pytest.mark.django_db
def test_only_hosts_publish_offers_and_unpublished_offers_stay_with_them(client, network):
    assert signed_in(client, network.visitor).get(reverse("offer_create")).status_code == 403
    HostingOffer.objects.filter(pk=network.offer.pk).update(is_published=False)
    assert client.get(reverse("offer_detail", args=[network.offer.pk])).status_code == 404
    assert network.offer.title not in client.get(reverse("offer_list")).content.decode()
    signed_in(client, network.host)
    assert client.get(reverse("offer_detail", args=[network.offer.pk])).status_code == 200


@pytest.mark.django_db
def test_offers_are_for_signed_in_members_only(client, network):
    response = client.get(reverse("offer_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_the_lifecycle_through_the_pages(client, network):
    visitor, host = network.visitor, network.host
    window = network.window
    signed_in(client, visitor)
    response = client.post(
        reverse("application_create") + f"?offer={network.offer.pk}",
        {
            "challenge": Challenge.vocabulary.first().pk,
            "challenge_statement": "Parents ask for help after their son's arrest.",
            "learning_goals": "How the team works with parents.",
            "languages": [Language.vocabulary.first().pk],
            "available_from": window.starts_on.isoformat(),
            "available_until": window.ends_on.isoformat(),
            "window": window.pk,
            "visit_starts_on": window.starts_on.isoformat(),
            "visit_ends_on": (window.starts_on + timedelta(days=2)).isoformat(),
        },
    )
    application = Application.objects.get(applicant=visitor)
    assert response.status_code == 302
    visit = application.visits.get()
    assert client.get(reverse("visit_detail", args=[visit.pk])).status_code == 200

    signed_in(client, host)
    assert (
        "Accept the visit" in client.get(reverse("visit_detail", args=[visit.pk])).content.decode()
    )
    assert post_step(client, visit, "accept").status_code == 302
    terms = {
        "goals": "How the team works with parents.",
        "tasks": "Observe a parents' group; meet the prison liaison.",
        "host_mentor": "Fictional senior counsellor",
        "observation_rules": "No notes in sessions.",
        "starts_on": visit.starts_on.isoformat(),
        "ends_on": visit.ends_on.isoformat(),
    }
    assert client.post(reverse("agreement_edit", args=[visit.pk]), terms).status_code == 302
    assert post_step(client, visit, "agreement_sign").status_code == 302
    signed_in(client, visitor)
    assert post_step(client, visit, "agreement_sign").status_code == 302
    visit.refresh_from_db()
    assert visit.state == VisitState.AGREED

    signed_in(client, host)
    item = {"day": visit.starts_on.isoformat(), "starts_at": "09:00", "activity": "Team meeting"}
    assert client.post(reverse("agenda_add", args=[visit.pk]), item).status_code == 302
    assert post_step(client, visit, "schedule").status_code == 302
    amendment = {"reason": "A hearing moved.", "tasks": "Attend the hearing too."}
    assert client.post(reverse("amendment_propose", args=[visit.pk]), amendment).status_code == 302
    signed_in(client, visitor)
    page = client.get(reverse("visit_detail", args=[visit.pk])).content.decode()
    assert "Confirm this amendment" in page
    assert client.post(reverse("amendment_confirm", args=[visit.pk, 1])).status_code == 302
    page = client.get(reverse("visit_detail", args=[visit.pk])).content.decode()
    assert "Attend the hearing too." in page and "as originally signed" in page

    Visit.objects.filter(pk=visit.pk).update(starts_on=visit.starts_on - timedelta(days=40))
    signed_in(client, host)
    assert post_step(client, visit, "complete").status_code == 302
    visit.refresh_from_db()
    assert visit.state == VisitState.COMPLETED


@pytest.mark.django_db
def test_a_forbidden_step_answers_409_with_the_reason(client, network):
    visit = apply(network.visitor, network.window).visits.get()
    response = post_step(signed_in(client, network.visitor), visit, "accept")
    assert response.status_code == 409
    assert (
        "Only a host of the organisation can mark this visit accepted." in response.content.decode()
    )
    visit.refresh_from_db()
    assert visit.state == VisitState.PROPOSED


@pytest.mark.django_db
def test_declining_without_a_reason_is_refused(client, network):
    visit = apply(network.visitor, network.window).visits.get()
    response = post_step(signed_in(client, network.host), visit, "decline", reason="")
    assert response.status_code == 400
    visit.refresh_from_db()
    assert visit.state == VisitState.PROPOSED


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["colleague", "outsider"])
def test_a_visit_is_hidden_from_everyone_but_its_people(client, network, who):
    """The visitor, the host organisation's hosts and coordinators: a colleague who does not
    host and a member of another organisation get 404, as for a visit that does not exist."""
    visit = apply(network.visitor, network.window).visits.get()
    signed_in(client, getattr(network, who))
    assert client.get(reverse("visit_detail", args=[visit.pk])).status_code == 404
    assert post_step(client, visit, "cancel", reason="x").status_code == 404
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert network.visitor.get_full_name() not in dashboard


@pytest.mark.django_db
def test_bad_application_input_gives_a_clear_message(client, network):
    signed_in(client, network.visitor)
    window = network.window
    response = client.post(
        reverse("application_create") + f"?offer={network.offer.pk}",
        {
            "challenge": Challenge.vocabulary.first().pk,
            "challenge_statement": "x",
            "learning_goals": "y",
            "languages": [Language.vocabulary.first().pk],
            "available_from": window.starts_on.isoformat(),
            "available_until": window.ends_on.isoformat(),
            "window": window.pk,
            "visit_starts_on": (window.ends_on - timedelta(days=1)).isoformat(),
            "visit_ends_on": (window.ends_on + timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "must fall inside the window" in response.content.decode()
    assert not Application.objects.exists()
    assert client.get(reverse("application_create") + "?offer=abc").status_code == 404


@pytest.mark.django_db
def test_the_dashboard_shows_each_side_its_next_step(client, network):
    visit = apply(network.visitor, network.window).visits.get()
    page = signed_in(client, network.visitor).get(reverse("dashboard")).content.decode()
    assert "Waiting for the host" in page
    page = signed_in(client, network.host).get(reverse("dashboard")).content.decode()
    assert "Visitors to your organisation" in page
    assert reverse("visit_detail", args=[visit.pk]) in page
    # The host's move: its tag says what to do, in the colour of a task waiting for them.
    assert re.search(r'status-tag--progress">Accept or decline the request<', page)


def offer_post(network, **windows) -> dict:
    data = {
        "title": network.offer.title,
        "description": "Sessions with relatives.",
        "challenges": [Challenge.vocabulary.first().pk],
        "languages": [Language.vocabulary.first().pk],
        "observation_rules": "No notes.",
        "is_published": "on",
        "windows-TOTAL_FORMS": "1",
        "windows-INITIAL_FORMS": "1",
        "windows-0-id": str(network.window.pk),
        "windows-0-starts_on": network.window.starts_on.isoformat(),
        "windows-0-ends_on": network.window.ends_on.isoformat(),
        "windows-0-capacity": str(network.window.capacity),
    }
    data.update({f"windows-0-{key}": value for key, value in windows.items()})
    return data


@pytest.mark.django_db
def test_more_windows_than_an_offer_takes_are_refused_without_building_them(client, network):
    """A posted row count is not believed past 52 windows (a year of weekly ones): Django would
    build, check and render a form for each of up to 2,000 rows."""
    signed_in(client, network.host)
    data = {**offer_post(network), "windows-TOTAL_FORMS": "1999"}
    response = client.post(f"/offers/{network.offer.pk}/edit/", data)
    assert response.status_code == 400
    assert "An offer has at most 52 date windows. Remove some, then save." in response.text
    assert response.text.count("windows-51-starts_on") and not response.text.count("windows-52-")
    network.window.refresh_from_db()
    assert network.offer.windows.count() == 1


@pytest.mark.django_db
def test_a_host_cannot_shrink_a_window_below_its_booked_places_or_remove_it(client, network):
    from exchange.visits import services as visits

    for _ in range(2):
        visit = apply(make_member(network.visitor_org), network.window).visits.get()
        visits.visit_accept(visit_id=visit.pk, user=network.host)
    signed_in(client, network.host)
    url = reverse("offer_edit", args=[network.offer.pk])
    response = client.post(url, offer_post(network, capacity="1"))
    assert response.status_code == 409 and "2 places of the window" in response.content.decode()
    response = client.post(url, offer_post(network, DELETE="on"))
    assert response.status_code == 400 and "at least one date window" in response.content.decode()
    with_a_second_window = {
        **offer_post(network, DELETE="on"),
        "windows-TOTAL_FORMS": "2",
        "windows-1-starts_on": network.window.starts_on.isoformat(),
        "windows-1-ends_on": network.window.ends_on.isoformat(),
        "windows-1-capacity": "1",
    }
    response = client.post(url, with_a_second_window)
    assert response.status_code == 409 and "has visits" in response.content.decode()
    html = response.content.decode()  # the refusal is summarised above the long form
    assert html.index("has visits") < html.index('<form method="post" novalidate>')
    network.window.refresh_from_db()
    assert (network.window.capacity, network.window.booked) == (2, 2)


@pytest.mark.django_db
def test_the_dashboard_does_not_query_per_visit(client, network, django_assert_max_num_queries):
    for _ in range(6):
        apply(make_member(network.visitor_org), network.window)
    signed_in(client, network.host)
    client.get("/")  # the header's sections, read once and then cached (cms/navigation.py)
    # 17 for the header's unread notifications, the visits, the reflections due (none: the host
    # keeps no log yet) and the cached sections; 4 for the first steps
    # (exchange/visits/onboarding.py); 2 for the challenges' names in the reader's language
    # (cms/templatetags/terms.py: the vocabularies' token, and the vocabularies the first time
    # this process reads them), once for the whole page.
    with django_assert_max_num_queries(24):
        response = client.get(reverse("dashboard"))
    assert response.content.decode().count("/visits/") >= 6


@pytest.mark.django_db
def test_private_pages_are_never_kept_by_a_cache(client, network):
    visit = apply(network.visitor, network.window).visits.get()
    anonymous_home = client.get("/")
    assert "no-store" not in anonymous_home.get("Cache-Control", "")
    signed_in(client, network.host)
    organisation_page = network.host_org.url  # with contact persons, for members
    for url in [
        reverse("visit_detail", args=[visit.pk]),
        reverse("member_directory"),
        reverse("dashboard"),
        reverse("offer_list"),
        organisation_page,
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        cache_control = response["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, url


@pytest.mark.django_db
def test_a_member_is_not_offered_a_visit_to_their_own_organisation(client, network):
    signed_in(client, network.colleague)  # a member of the host organisation who does not host
    page = client.get(reverse("offer_detail", args=[network.offer.pk])).content.decode()
    assert "Ask for a visit" not in page and "your organisation's offer" in page
    response = client.get(reverse("application_create") + f"?offer={network.offer.pk}")
    assert response.status_code == 403
    signed_in(client, network.visitor)
    page = client.get(reverse("offer_detail", args=[network.offer.pk])).content.decode()
    assert "Ask for a visit" in page


@pytest.mark.django_db
def test_before_deciding_the_host_reads_the_whole_application(client, network):
    application = apply(network.visitor, network.window)
    visit = application.visits.get()
    page = signed_in(client, network.host).get(reverse("visit_detail", args=[visit.pk]))
    page = page.content.decode()
    assert application.learning_goals in page
    assert str(application.languages.get()) in page
    assert f"{application.available_from:%-d %b %Y}" in page


@pytest.mark.django_db
def test_the_dashboards_next_steps_take_no_query_per_visit(client, network):
    """Each visit's next step depends on its amendments and agenda: loaded for all at once."""
    import dataclasses

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from demo.factories import advance, make_offer

    window = make_offer(network.host_org, windows=((10, 30, 6),)).windows.get()

    def queries_with(agreed: int) -> int:
        while Visit.objects.filter(window=window, state=VisitState.AGREED).count() < agreed:
            visitor = make_member(network.visitor_org)
            visit = apply(visitor, window).visits.get()
            advance(dataclasses.replace(network, visitor=visitor), "agreed", visit)
        signed_in(client, network.host).get(reverse("dashboard"))  # the session settles
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("dashboard"))
        page = response.content.decode()
        assert len(re.findall(r'href="/visits/\d+/"', page)) == agreed
        assert page.count("/reflections/before/") == agreed  # the host mentor's log, due
        return len(captured)

    assert queries_with(1) == queries_with(4)


def test_every_step_of_the_visit_page_is_taken_by_the_function_registered_for_it():
    from exchange.visits import agreements, services, steps

    assert {
        "accept": services.visit_accept,
        "decline": services.visit_decline,
        "agreement_sign": agreements.agreement_sign,
        "schedule": services.visit_schedule,
        "complete": services.visit_complete,
        "cancel": services.visit_cancel,
    } == steps.PAGE_SERVICES
    assert set(steps.PAGE_SERVICES) == set(steps.PAGE_STEPS)
    with pytest.raises(ValueError, match="not a step the visit page takes"):
        steps.taken_from_the_page("agenda_add")


@pytest.mark.django_db
def test_the_visit_page_names_where_the_visitor_goes_and_who_comes_to_the_host(client, network):
    visit = apply(network.visitor, network.window).visits.get()
    page = reverse("visit_detail", args=[visit.pk])
    signed_in(client, network.visitor)
    html = client.get(page).content.decode()
    assert "<h1>Visit to Fictional Harbour Counselling</h1>" in html
    # The host is told who comes, and from where: not the name of their own organisation.
    signed_in(client, network.host)
    html = client.get(page).content.decode()
    visitor = network.visitor.get_full_name()
    assert f"<h1>Visit by {visitor} (Fictional Hill Mentors)</h1>" in html
    assert f"<title>Visit by {visitor} (Fictional Hill Mentors)" in html
    client.cookies["django_language"] = "de"
    assert (
        f"<h1>Besuch von {visitor} (Fictional Hill Mentors)</h1>"
        in client.get(page).content.decode()
    )
