import io
from datetime import date

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

from wagtail.models import Page, Revision

import pytest
from allauth.account.models import EmailAddress

from cms.models import EvaluationReportPage, HomePage
from demo.people import DEMO_PASSWORD
from exchange.coding.models import CodedSpan
from exchange.excerpts.models import Excerpt
from exchange.publication.models import ChapterPage, quoted_ids, shown_quotes
from exchange.reflections.models import Phase, ReflectionEntry
from exchange.visits.models import HostingOffer, OfferWindow, Visit, VisitState
from tests.worlds import shared_world

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        "pages": list(Page.objects.values_list("pk", "path", "title", "live")),
        "revisions": Revision.objects.count(),
        "users": list(get_user_model().objects.values_list("pk", "email", "password")),
        "addresses": list(EmailAddress.objects.values_list("pk", "email", "verified")),
        "windows": list(OfferWindow.objects.values_list("pk", "starts_on", "capacity", "booked")),
        "visits": list(Visit.objects.values_list("pk", "state", "visitor__email")),
    }


def seed(home) -> str:
    """The demo as `make run` seeds it, once per test process (seed_demo takes some 5 s): what
    it printed. The tests of what one run leaves behind, and of running it again, share it."""
    with override_settings(DEBUG=True):
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
    return out.getvalue()


seeded_demo = shared_world("seeded_demo", seed)


# One test reads what the seeding left (each test of this world could go to another test
# process, which would seed the demo again for it), a second runs seed_demo again on it.
def test_what_the_demo_holds(seeded_demo, client):
    coordinator_and_password_printed(seeded_demo)
    the_demo_holds_a_year_of_coded_excerpts_chapters_and_a_report()
    the_demo_is_one_dated_year()
    every_demo_offer_has_a_host_to_answer_it()
    the_demo_host_finds_the_demo_members_request(client)
    the_demo_member_has_a_reflection_log_begun_and_the_after_phase_due(client)
    the_home_page_and_its_sections_read_in_german_and_french(client)
    the_chapters_lead_to_each_other(client)
    what_the_visits_changed_shows_on_a_practice_page_and_in_the_report(client)


def what_the_visits_changed_shows_on_a_practice_page_and_in_the_report(client) -> None:
    from exchange.reports.evidence import practice_evidence
    from exchange.transfer.models import FollowUp, PracticeSeen

    # Each visit of last year saw its host's practice; the five to one host make figures.
    seen = PracticeSeen.objects.exclude(intention="").select_related("practice")
    assert seen.count() >= 14 and FollowUp.objects.filter(month=12).exists()
    shown = [
        (row.practice, evidence)
        for row in seen
        if (evidence := practice_evidence(row.practice_key)).visits
    ]
    assert shown
    practice, evidence = shown[0]
    assert evidence.colleagues
    html = client.get(practice.url).content.decode()
    assert f"{evidence.visits} visits of the network observed this practice." in html
    assert "Who to contact" in html
    # The member's own visit: the practice listed, what they will do still to say.
    mine = PracticeSeen.objects.get(visitor__username="demo-member")
    assert mine.goal and not mine.intention
    report = EvaluationReportPage.objects.live().get()
    follow_ups = next(f for f in report.figures if f["key"] == "transfer_follow_ups")
    assert any(value for row in follow_ups["cells"] for value in row)


def the_chapters_lead_to_each_other(client) -> None:
    first, second = ChapterPage.objects.live().order_by("path")
    html = client.get(first.url).content.decode()
    assert f'rel="next" href="{second.url}"' in html and 'rel="prev"' not in html
    html = client.get(second.url).content.decode()
    assert f'rel="prev" href="{first.url}"' in html and 'rel="next"' not in html


def the_home_page_and_its_sections_read_in_german_and_french(client) -> None:
    from demo.site import SECTION_TEXT
    from demo.translations import CARDS, STANDARD_PAGES

    for language in ("de", "fr"):
        home = client.get(f"/{language}/").content.decode()
        for slug, text in CARDS[language].items():
            assert text in home, (language, slug)
            assert SECTION_TEXT[slug] not in home, (language, slug)
        for slug in ("how-visits-work", "join", "privacy"):
            assert STANDARD_PAGES[slug, language]["title"] in home, (language, slug)
    german = client.get("/de/").content.decode()
    assert "How visits work" not in german and "What the network learned" not in german
    assert "Was das Netzwerk gelernt hat" in german  # the publication, named in the menu too


def coordinator_and_password_printed(out: str) -> None:
    coordinator = get_user_model().objects.get(email="coordinator@demo.example")
    assert coordinator.check_password(DEMO_PASSWORD)
    assert coordinator.is_staff
    assert EmailAddress.objects.get(user=coordinator).verified
    assert "coordinator@demo.example" in out and DEMO_PASSWORD in out


def the_demo_holds_a_year_of_coded_excerpts_chapters_and_a_report() -> None:
    home = HomePage.objects.get(locale__language_code="en")
    assert home.hero_text and home.intro and len(home.sections) == 6  # the last: the publication
    # A year of excerpts from six visits by six practitioners, coded, in two themes.
    coded = Excerpt.objects.filter(codes__isnull=False).distinct()
    assert coded.count() == 14
    assert len({excerpt.visit_id for excerpt in coded}) == 6
    assert len({excerpt.author_id for excerpt in coded}) == 6
    assert CodedSpan.objects.values("content_object").distinct().count() == 14
    # A chapter per theme, each quoting what its authors consented to publish, and nothing else.
    chapters = {page.theme.title: page for page in ChapterPage.objects.live()}
    assert sorted(chapters) == ["Families first", "The first contact"]
    assert "own words aloud before any assessment" in chapters["Families first"].quoted_text()
    for chapter in chapters.values():
        quoted = quoted_ids(chapter.body)
        assert len(quoted) >= 3 and set(shown_quotes(quoted)) == quoted
    assert "plan in months" not in " ".join(c.quoted_text() for c in chapters.values())
    # Last year's evaluation report, published and frozen in January, with real figures, the
    # hosts' among them, and the small counts hidden.
    report = EvaluationReportPage.objects.live().get()
    assert report.year == date.today().year - 1 and report.frozen_at
    assert report.frozen_at.date() > date(report.year, 12, 31)
    figures = {f["key"]: f for f in report.figures}
    assert figures["cross_border"]["cells"][0][0] == 16
    values = [value for f in report.figures for row in f["cells"] for value in row]
    shown = [value for value in values if value]
    assert len(shown) >= 40 and values.count(None) >= 20
    assert all(value >= 5 for value in shown)
    hosts = [f for f in report.figures if f["rows"] == ["Hosts"]]
    assert hosts and any(value for f in hosts for row in f["cells"] for value in row)


def the_demo_is_one_dated_year() -> None:
    """Each visit lived at its own dates: asked for before it, in a window that holds it, the
    agreement signed before it began, confirmed once it took place, reflected on afterwards."""
    visits = Visit.objects.select_related("application", "window", "agreement")
    assert visits.count() >= 25
    for visit in visits:
        assert visit.window.starts_on <= visit.starts_on <= visit.ends_on <= visit.window.ends_on
        assert visit.application.created_at <= visit.created_at
        assert visit.created_at.date() < visit.starts_on
        agreement = getattr(visit, "agreement", None)
        if agreement is not None and agreement.host_signed_at:
            assert agreement.host_signed_at.date() < visit.starts_on
            assert agreement.visitor_signed_at.date() < visit.starts_on
        if visit.state in (VisitState.COMPLETED, VisitState.REFLECTED):
            assert visit.state_changed_at.date() >= visit.ends_on
    after = ReflectionEntry.objects.filter(phase=Phase.AFTER).select_related("visit")
    assert after and all(entry.submitted_at.date() > entry.visit.ends_on for entry in after)


def every_demo_offer_has_a_host_to_answer_it() -> None:
    offers = HostingOffer.objects.all()
    assert offers.count() == 4
    assert set(HostingOffer.objects.taking_visitors()) == set(offers)
    hosts = get_user_model().objects.filter(username__startswith="demo-host-")
    assert hosts and not any(host.has_usable_password() for host in hosts)


def test_seed_demo_again_changes_nothing_and_never_overwrites_an_editors_work(
    seeded_demo, settings, capsys
):
    first = snapshot()
    # Without DEBUG it runs only when told this is a demo (test_seed_demo_refuses_without_debug).
    settings.DEBUG = False
    call_command("seed_demo", "--i-know-this-is-a-demo")
    assert "coordinator@demo.example" in capsys.readouterr().out
    assert snapshot() == first
    settings.DEBUG = True
    call_command("seed_demo")
    assert snapshot() == first

    home = HomePage.objects.get(locale__language_code="en")
    home.hero_text = "Written by the coordinator."
    home.save_revision().publish()
    coordinator = get_user_model().objects.get(email="coordinator@demo.example")
    coordinator.set_password("the-coordinators-own-secret")
    coordinator.save()
    capsys.readouterr()

    call_command("seed_demo")

    assert (
        HomePage.objects.get(locale__language_code="en").hero_text == "Written by the coordinator."
    )
    coordinator.refresh_from_db()
    assert coordinator.check_password("the-coordinators-own-secret")
    [line] = [line for line in capsys.readouterr().out.splitlines() if "coordinator@" in line]
    assert DEMO_PASSWORD not in line and "(changed since seeding)" in line


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--i-know-this-is-a-demo"):
        call_command("seed_demo")
    assert not get_user_model().objects.exists()


def the_demo_host_finds_the_demo_members_request(client) -> None:
    visit = Visit.objects.get(state="proposed")
    assert visit.visitor.email == "member@demo.example"
    client.force_login(get_user_model().objects.get(email="host@demo.example"))
    dashboard = client.get("/dashboard/").content.decode()
    assert visit.get_absolute_url() in dashboard
    assert client.get(visit.get_absolute_url()).status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_seed_demo_prints_the_accounts_and_no_email(settings, capsys):
    """The demo request notifies the fictional host after the commit: nothing is printed."""
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "host@demo.example" in out
    assert "Subject:" not in out and "Content-Type:" not in out
    assert Visit.objects.exists()


def the_demo_member_has_a_reflection_log_begun_and_the_after_phase_due(client) -> None:
    visit = Visit.objects.get(state="completed", visitor__username="demo-member")
    client.force_login(visit.visitor)
    dashboard = client.get("/dashboard/").content.decode()
    assert "Write your reflection: After the visit" in dashboard
    log = client.get(f"/visits/{visit.pk}/reflections/").content.decode()
    assert "Completed" in log  # the before phase
    client.force_login(get_user_model().objects.get(username="demo-host"))
    shared = client.get(f"/visits/{visit.pk}/reflections/").content.decode()
    assert "What did you observe today?" in shared
    # The member's excerpt of that note, with a coordinator's suggestion waiting for consent.
    excerpt = visit.excerpts.get(phase=Phase.DURING)
    client.force_login(visit.visitor)
    page = client.get(f"/excerpts/{excerpt.pk}/").content.decode()
    assert "A coordinator suggests an edit" in page and "Consent to this version" in page


def test_browsers_asking_for_favicon_ico_get_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/favicon.svg"
