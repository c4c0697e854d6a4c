"""Tagged, accessible PDFs (PDF/UA-1) from the site's own templates, with WeasyPrint: the final
themes publication now, the yearly evaluation report next. One engine, so both read alike.

The HTML is rendered by Django as for any page; WeasyPrint lays it out with the print
stylesheet below and fetches nothing: no stylesheet, image or font over the network, so a
link in an editor's rich text can never make the server request a URL."""

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

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


def pdf_response(template: str, context: dict, *, filename: str, request=None) -> HttpResponse:
    """A template rendered to PDF and sent as a download, or a plain explanation (503) when this
    server cannot make PDFs."""
    html = render_to_string(template, context, request=request)
    try:
        pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/") if request else None)
    except PdfUnavailable:
        return HttpResponse(
            _("PDFs cannot be made on this server right now. Please try again later."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
