"""Tagged, accessible PDFs (PDF/UA-1) from the site's own templates, with WeasyPrint: the final
themes publication and the yearly evaluation report. One engine, so both read alike.

Making one takes seconds, so it leaves the request: a page that offers a PDF defines
`pdf_document()` (the template, its context and the file's name), and `pdf_for_page` answers
with the stored PDF, or queues `render_pdf` and answers with a page that reloads itself until it
is ready. A page's PDFs are stored in the shared cache under one key per page, each with the
page cache's generation it was made in (cms/page_cache.py): whatever changes the site's content
(a withdrawn quote, an erasure, a republished chapter) makes the next request render it again,
never serve the old one, and the new one takes the old one's place. Where words must not stay
even in a stale copy (a consent withdrawn, an author erased), `forget_pdfs` deletes them.

The HTML is rendered by Django as for any page; WeasyPrint lays it out with the print
stylesheet below and fetches nothing: no stylesheet, image or font over the network, so a
link in an editor's rich text can never make the server request a URL."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from wagtail.models import Page

from django_tasks import TaskResultStatus, task

from cms import page_cache

PRINT_STYLESHEET = "css/print.css"


class PdfUnavailable(RuntimeError):
    """WeasyPrint cannot run here: Pango, which draws its text, is missing (`make system-deps`)."""


def _refuse_fetch(url: str, *args, **kwargs):
    raise ValueError(f"The PDF engine fetches nothing: {url} left out")


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """The PDF of a whole HTML document, tagged for PDF/UA-1: a structure tree, the document's
    language and title, and bookmarks from its headings. `base_url` makes the page's relative
    links absolute, so they still lead to the site from a downloaded file."""
    try:
        import weasyprint
    except OSError as error:  # the Python package is installed; its system library is not
        raise PdfUnavailable(str(error)) from error
    stylesheet = weasyprint.CSS(filename=finders.find(PRINT_STYLESHEET))
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=_refuse_fetch)
    return document.write_pdf(stylesheets=[stylesheet], pdf_variant="pdf/ua-1")


# A stored PDF outlives its generation by at most this long; a queued one is asked for again
# after PENDING_S if its task has not run.
STORED_S = 24 * 60 * 60
PENDING_S = 5 * 60


def stored_key(page_id: int) -> str:
    """Where a page's PDFs are kept: {variant: {"version", "pdf", "filename"}}."""
    return f"pdf:{page_id}"


def forget_pdfs(page_ids) -> None:
    """Delete the pages' stored PDFs now (the cache table's rows go, not only their keys)."""
    caches["default"].delete_many([stored_key(page_id) for page_id in page_ids])


def stored_pdf(page_id: int, variant: str, version: str) -> dict | None:
    stored = (caches["default"].get(stored_key(page_id)) or {}).get(variant)
    return stored if stored and stored["version"] == version else None


def template_to_pdf(template: str, context: dict) -> bytes:
    """A template rendered as for a page, then as a PDF whose relative links lead to the site."""
    return html_to_pdf(render_to_string(template, context), base_url=settings.BASE_URL + "/")


@task()
def render_pdf(page_id: int, variant: str, version: str) -> int:
    """Render the page's PDF for the content generation `version` and store it in the page's
    entry, replacing that variant's older one; its size in bytes."""
    page = Page.objects.get(pk=page_id).specific
    template, context, filename = page.pdf_document()
    pdf = template_to_pdf(template, context)
    key = stored_key(page_id)
    stored = {
        name: kept
        for name, kept in (caches["default"].get(key) or {}).items()
        if kept["version"] == version  # another variant of the same content stays
    }
    stored[variant] = {"version": version, "pdf": pdf, "filename": filename}
    caches["default"].set(key, stored, STORED_S)
    caches["default"].delete(_pending_key(page_id, variant, version))
    return len(pdf)


def _pending_key(page_id: int, variant: str, version: str) -> str:
    return f"pdf-pending:{page_id}:{variant}:{version}"


def pdf_for_page(request, page, *, variant: str = "") -> HttpResponse:
    """The page's PDF if it is made for the site as it is now; otherwise it is queued, and the
    answer is a page that says so and reloads itself (or a 503 where PDFs cannot be made).
    `variant` names what changes the PDF without a save (a date passing)."""
    version = page_cache.version()
    if version is None:  # this process holds a change not yet committed: made afresh, not kept
        template, context, filename = page.pdf_document()
        try:
            return pdf_download(template_to_pdf(template, context), filename)
        except PdfUnavailable:
            return cannot_make_pdfs()
    stored = stored_pdf(page.pk, variant, version)
    pending = _pending_key(page.pk, variant, version)
    if stored is None and caches["default"].add(pending, True, PENDING_S):
        result = render_pdf.enqueue(page.pk, variant, version)  # at once by the default backend
        if result.status == TaskResultStatus.FAILED:  # the backend logged why
            caches["default"].delete(pending)
            return cannot_make_pdfs()
        stored = stored_pdf(page.pk, variant, version)
    if stored is None:
        response = TemplateResponse(request, "pdf_pending.html", {"page": page}, status=202)
        add_never_cache_headers(response)
        return response
    return pdf_download(stored["pdf"], stored["filename"])


def pdf_download(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def cannot_make_pdfs() -> HttpResponse:
    return HttpResponse(
        _("PDFs cannot be made on this server right now. Please try again later."),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
