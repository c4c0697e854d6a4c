"""The interface in English, German and French: chosen from the browser, switched on every page,
remembered on the browser and, for a member, in their profile."""

from django.conf import settings

from wagtail.users.models import UserProfile

import pytest

from demo.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_the_browsers_language_chooses_the_interface(client, home_page):
    # The home page's address in each language (it has one in each, /de/ and /fr/ falling back
    # to the English original until it is translated).
    redirect = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9,en;q=0.5")
    assert redirect.status_code == 302 and redirect["Location"] == "/de/"
    assert {"Accept-Language", "Cookie"} <= set(redirect["Vary"].replace(" ", "").split(","))
    german = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9,en;q=0.5", follow=True)
    french = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-BE,fr;q=0.9", follow=True)
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="pl,en;q=0.5")
    unknown = client.get("/", HTTP_ACCEPT_LANGUAGE="pl")

    assert '<html lang="de">' in german.text and "Zum Hauptinhalt springen" in german.text
    assert '<html lang="fr">' in french.text and "Aller au contenu principal" in french.text
    for response in (english, unknown):
        assert '<html lang="en">' in response.text and "Skip to main content" in response.text
    assert german["Content-Language"] == "de"
    assert "Cookie" in german["Vary"]


def test_every_page_offers_the_other_languages_each_named_in_itself(client, home_page):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="de", follow=True).text
    assert '<span aria-current="true" lang="de">Deutsch</span>' in page
    assert 'lang="en" hreflang="en" rel="nofollow">English</a>' in page
    assert "/language/?language=fr&amp;next=/de/" in page


def test_a_visitors_choice_is_remembered_on_the_browser_over_its_languages(client, home_page):
    response = client.get("/language/", {"language": "fr", "next": "/practices/?page=2"})
    # A page of the site's content: back to the same page, at its French address.
    assert response.status_code == 302 and response["Location"] == "/fr/practices/?page=2"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "fr" and cookie["samesite"] == "Lax"

    page = client.get("/search/", {"q": "mentoring"}, HTTP_ACCEPT_LANGUAGE="de", follow=True)
    assert page.redirect_chain == [("/fr/search/?q=mentoring", 302)]
    assert '<html lang="fr">' in page.text
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="de", follow=True)
    assert page.redirect_chain == [("/fr/", 302)] and '<html lang="fr">' in page.text


@pytest.mark.parametrize(
    "query",
    [
        {"language": "xx", "next": "/practices/"},
        {"language": "", "next": "/practices/"},
        {"next": "/practices/"},
        {"language": "de-at", "next": "/practices/"},  # a variant the site has no list for
    ],
)
def test_a_language_the_site_does_not_speak_changes_nothing(client, home_page, query):
    response = client.get("/language/", query)
    assert response.status_code == 302 and response["Location"] == "/practices/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.parametrize(
    "next_url", ["https://elsewhere.example/", "//elsewhere.example/", "javascript:alert(1)", ""]
)
def test_the_switcher_never_sends_a_reader_to_another_site(client, home_page, next_url):
    response = client.get("/language/", {"language": "de", "next": next_url})
    assert response.status_code == 302 and response["Location"] == "/de/"  # the home page


def test_a_members_choice_is_saved_to_their_profile_and_follows_them(client, member, home_page):
    page = client.get("/dashboard/").text
    assert '<form method="post" action="/language/">' in page  # a member's switcher is a form

    client.post("/language/", {"language": "de", "next": "/dashboard/"})
    assert UserProfile.objects.get(user=member).preferred_language == "de"

    client.cookies.clear()  # another browser: the saved choice comes first, over its languages
    client.force_login(member)
    page = client.get("/dashboard/", HTTP_ACCEPT_LANGUAGE="fr")
    assert '<html lang="de">' in page.text


def test_a_link_cannot_change_a_members_saved_language(client, member, home_page):
    client.get("/language/", {"language": "fr", "next": "/"})
    assert not UserProfile.objects.filter(user=member, preferred_language="fr").exists()


def test_a_switch_without_the_csrf_token_is_refused_for_a_member(member, home_page):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    response = strict.post("/language/", {"language": "fr", "next": "/"})
    assert response.status_code == 403
    assert not UserProfile.objects.filter(user=member, preferred_language="fr").exists()


def test_the_switcher_keeps_a_pages_filters_but_never_a_searchs_words(client, home_page):
    filtered = client.get("/", {"page": "2"}).text
    assert "next=/%3Fpage%3D2" in filtered
    searched = client.get("/search/", {"q": "kitchen table"}).text
    switcher = searched[searched.index("language-switcher") :]
    switcher = switcher[: switcher.index("</nav>")]
    assert "next=/search/" in switcher and "kitchen" not in switcher
