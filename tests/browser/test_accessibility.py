"""axe-core audits pages in Chromium: zero WCAG 2.1 A/AA or best-practice violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from demo.factories import PASSWORD
from tests.test_accessibility import MEMBER_PAGES, PUBLIC_PAGES

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


# Wagtail's user bar (shown to editors, members who may propose practices among them) is
# Wagtail's own component, in a shadow root: its fade-in made a contrast check fail now and then
# (a CI run of 7 December), and the library's report cannot even print a shadow-root target.
OUR_PAGE = {"exclude": [["wagtail-userbar"]]}


def audit(page, path: str) -> None:
    page.goto(path)
    results = Axe().run(page, context=OUR_PAGE, options=AXE_OPTIONS)
    found = [
        f"{violation['id']}: {violation['help']} at {[n['target'] for n in violation['nodes']]}"
        for violation in results.response["violations"]
    ]
    assert not found, f"{path}\n" + "\n".join(found)
    # Nothing on the page was refused by its Content-Security-Policy.
    assert page.evaluate("window.cspViolations") == [], path


# German and French: translated pages, pages shown in their original language with a notice,
# and the member's pages with the interface in each (WCAG asks for the page's language and for
# each passage in another: axe checks that `lang` is valid wherever it is set).
IN_GERMAN_AND_FRENCH = [
    "/de/",
    "/de/practices/",
    "/de/practices/first-call-protocol/",
    "/de/practices/through-the-gate/",
    "/de/organisations/lindenhof-family-counselling/",
    "/fr/practices/groupe-de-parole-des-meres/",
    "/fr/organisations/",
    "/practices/ausstiegsbegleitung-nach-der-haft/",
]
MEMBER_PAGES_TRANSLATED = ["/dashboard/", "/visits/", "/reflections/", "/search/?q=Ausstieg"]
# At a phone's width, in each language: the pages people meet first, none wider than the screen
# (a page that scrolls sideways hides what is at its edge), and the first of them audited again
# (axe's rules hardly depend on the width: every page was audited above).
AUDITED_ON_A_PHONE = 3
ON_A_PHONE = [
    "/",
    "/dashboard/",
    "/privacy/",
    "/practices/",
    "/practices/through-the-gate/",
    "/organisations/",
    "/how-visits-work/",
    "/reports/",
    "/profile/",
    "/offers/",
    "/accounts/sessions/",
]


def test_public_and_member_pages_pass_axe(demo_site, member, page):
    """One seeded demo (some 15-20 s) for every list of pages."""
    for path in PUBLIC_PAGES + IN_GERMAN_AND_FRENCH:
        audit(page, path)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    for path in MEMBER_PAGES:
        audit(page, path)
    for language, name in (("de", "Deutsch"), ("fr", "Français")):
        page.goto("/dashboard/")
        page.get_by_role("button", name=name).click()  # the switcher: saved to the profile
        expect(page.locator("html")).to_have_attribute("lang", language)
        for path in MEMBER_PAGES_TRANSLATED:
            audit(page, path)
            assert page.locator("html").get_attribute("lang") == language, path
    page.set_viewport_size({"width": 390, "height": 844})
    for language, name in (("fr", None), ("de", "Deutsch"), ("en", "English")):
        if name:  # French is chosen already
            page.goto("/dashboard/")
            page.get_by_role("button", name=name).click()
            expect(page.locator("html")).to_have_attribute("lang", language)
        for n, path in enumerate(ON_A_PHONE):
            address = f"/{language}{path}" if language != "en" and not _member(path) else path
            if n < AUDITED_ON_A_PHONE:
                audit(page, address)
            else:
                page.goto(address)
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= 390, f"{language} {path}: {wide} pixels wide at 390"


def _member(path: str) -> bool:
    """The member's pages have one address whatever the language (the profile's choice)."""
    return path.startswith(("/dashboard/", "/profile/", "/offers/", "/accounts/"))
