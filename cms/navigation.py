"""The site's sections for the header and the footer, read from the page tree: the home page's
live, public children, in the editors' order. Those marked "Show in menus" (Wagtail's own flag,
on each page's Promote tab) go in the header; the footer lists them all. A section is named as
its card on the home page names it, where the editors gave the card a shorter title than the
page's. The yearly reports are one page per year, so they appear as one section, their list
(cms.views.report_list). In another language, each section is its translation where it has one,
else the original at that language's address (which shows it with a notice).

Every page shows them, so they are read once and kept in the cache until a page is published,
unpublished, moved, renamed or deleted, or a page's view restriction changes (cms/signals.py)."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page, Site

from cms.languages import address_in
from cms.models import EvaluationReportPage, PrivacyNoticePage

CACHE_KEY = "site-sections"


@dataclass(frozen=True)
class Section:
    title: str
    url: str
    in_menu: bool
    privacy_notice: bool = False  # the page sign-up and the account link to


def _read(site: Site, request) -> tuple[list[Section], bool]:
    language = get_language()
    home = site.root_page.localized.specific
    # The cards' raw data: page ids and titles, without loading every card's page.
    card_titles = {
        card["value"].get("page"): card["value"].get("title")
        for card in getattr(getattr(home, "sections", None), "raw_data", [])
    }
    fields = (
        "title",
        "url_path",
        "show_in_menus",
        "path",
        "depth",
        "translation_key",
        "content_type",
    )
    notice = ContentType.objects.get_for_model(PrivacyNoticePage).pk
    children = list(
        Page.objects.child_of(site.root_page)
        .live()
        .public()
        .not_type(EvaluationReportPage)
        .only(*fields)
    )
    translated = {
        page.translation_key: page
        for page in Page.objects.live()
        .public()
        .filter(
            locale=Locale.get_active(),
            translation_key__in=[child.translation_key for child in children],
        )
        .exclude(pk__in=[child.pk for child in children])
        .only(*fields)
    }
    pages = []
    for original in children:
        page = translated.get(original.translation_key)
        url = page.get_url(request) if page else original.get_url(request)
        if url and not page:
            url = address_in(url, language)
        title = card_titles.get(getattr(page, "pk", None)) or card_titles.get(original.pk)
        if url:
            pages.append(
                Section(
                    title or (page or original).title,
                    url,
                    original.show_in_menus,
                    original.content_type_id == notice,
                )
            )
    return pages, EvaluationReportPage.objects.live().public().exists()


def sections(request) -> list[Section]:
    site = Site.find_for_request(request)
    if site is None:
        return []
    known = cache.get(CACHE_KEY) or {}
    key = (site.pk, get_language())
    if key not in known:
        known[key] = _read(site, request)
        cache.set(CACHE_KEY, known, None)
    pages, has_reports = known[key]
    if has_reports:  # named here, in the reader's language, not in the cache
        return [*pages, Section(_("Evaluation reports"), reverse("report_list"), True)]
    return pages


def privacy_notice_url(request) -> str:
    """The privacy notice's address in the reader's language, or "" while there is none."""
    return next((section.url for section in sections(request) if section.privacy_notice), "")


def forget(**kwargs) -> None:
    cache.delete(CACHE_KEY)


def site_sections(request) -> dict:
    """Context processor: asked only by a page that shows a header or footer."""
    return {
        "site_sections": SimpleLazyObject(lambda: sections(request)),
        "privacy_notice_url": SimpleLazyObject(lambda: privacy_notice_url(request)),
    }
