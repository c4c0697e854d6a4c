"""Incomplete form submissions to Wagtail's admin answer 400, not 500.

Some of Wagtail's admin views read POST fields without checking that they were sent: a
submission that leaves one out (hand-made, a script's, a broken browser extension's) raised
deep inside the view. Such a request is the client's error, and a server error would page
whoever watches the logs. Found by the access-control matrix (tests/access), which POSTs an
empty form to every URL.
"""

from django.contrib import messages
from django.db.models import ProtectedError
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import gettext as _

# Views that fail on a missing field in a way other than MultiValueDictKeyError, and the fields
# they need (Wagtail 8.0): the external-link chooser calls str methods on a missing URL, the
# redirect import's confirmation looks up a field its form never cleaned.
REQUIRED_FIELDS = {
    "wagtailadmin_choose_page_external_link": ("url",),
    "wagtailredirects:process_import": ("import_file_name", "input_format"),
}


# Choosers whose "create" tab is switched off: Wagtail 8.0 still accepts a POST there and calls
# is_valid() on a form that does not exist.
def has_no_creation_form(view_name: str) -> bool:
    return view_name.startswith("wagtailsnippetchoosers_") and view_name.endswith(":create")


def bad_request():
    return HttpResponseBadRequest(_("The form was incomplete. Reload the page and try again."))


class IncompleteAdminFormMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST":
            return None
        name = request.resolver_match.view_name  # resolved by Django just before this hook
        if has_no_creation_form(name):
            return HttpResponseNotAllowed(["GET"])
        if any(not request.POST.get(field) for field in REQUIRED_FIELDS.get(name, ())):
            return bad_request()
        return None

    def process_exception(self, request, exception):
        # request.POST["field"] for a field that was not sent: Django's own "missing
        # parameter" error, never a fault of the server.
        if isinstance(exception, MultiValueDictKeyError):
            return bad_request()
        return None


class ProtectedDeleteMiddleware:
    """Deleting something that records still need (a challenge that applications name, an
    organisation with members) is refused by the database's PROTECT; Wagtail 8.0's delete
    views let that error through as a 500. The user is sent back to the confirmation page,
    told why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ProtectedError) or request.method != "POST":
            return None
        users = {type(obj)._meta.verbose_name_plural for obj in exception.protected_objects}
        messages.error(
            request,
            _("This cannot be deleted: %(users)s still refer to it.")
            % {"users": ", ".join(sorted(str(name) for name in users))},
        )
        return redirect(request.get_full_path())
