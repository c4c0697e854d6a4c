"""The site's sections for the header and the footer, read from the page tree: the home page's
live, public children, in the editors' order. Those marked "Show in menus" (Wagtail's own flag,
on each page's Promote tab) go in the header; the footer lists them all. A section is named as
its card on the home page names it, where the editors gave the card a shorter title than the
page's. The yearly reports are one page per year, so they appear as one section, their list
(cms.views.report_list).

Every page shows them, so they are read once and kept in the cache until a page is published,
unpublished, moved, renamed or deleted, or a page's view restriction changes (cms/signals.py)."""

from dataclasses import dataclass

from django.core.cache import cache
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from wagtail.models import Page, Site

from cms.models import EvaluationReportPage

CACHE_KEY = "site-sections"


@dataclass(frozen=True)
class Section:
    title: str
    url: str
    in_menu: bool


def _read(site: Site, request) -> tuple[list[Section], bool]:
    home = site.root_page.specific
    # The cards' raw data: page ids and titles, without loading every card's page.
    card_titles = {
        card["value"].get("page"): card["value"].get("title")
        for card in getattr(getattr(home, "sections", None), "raw_data", [])
    }
    children = (
        Page.objects.child_of(site.root_page)
        .live()
        .public()
        .not_type(EvaluationReportPage)
        .only("title", "url_path", "show_in_menus", "path", "depth")
    )
    pages = [
        Section(card_titles.get(page.pk) or page.title, url, page.show_in_menus)
        for page in children
        if (url := page.get_url(request))
    ]
    return pages, EvaluationReportPage.objects.live().public().exists()


def sections(request) -> list[Section]:
    site = Site.find_for_request(request)
    if site is None:
        return []
    known = cache.get(CACHE_KEY) or {}
    if site.pk not in known:
        known[site.pk] = _read(site, request)
        cache.set(CACHE_KEY, known, None)
    pages, has_reports = known[site.pk]
    if has_reports:  # named here, in the reader's language, not in the cache
        return [*pages, Section(_("Evaluation reports"), reverse("report_list"), True)]
    return pages


def forget(**kwargs) -> None:
    cache.delete(CACHE_KEY)


def site_sections(request) -> dict:
    """Context processor: asked only by a page that shows a header or footer."""
    return {"site_sections": SimpleLazyObject(lambda: sections(request))}
