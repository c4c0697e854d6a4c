"""A member's own data: the page that explains it, the export (a ZIP of everything the
platform holds about them) and the deletion of their account. Both actions ask for the password
again (allauth's reauthentication)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from allauth.account.decorators import reauthentication_required

from exchange.personal_data import services as personal_data_service
from exchange.personal_data.export import export_zip
from exchange.personal_data.forms import DeleteAccountForm


@require_safe
@login_required
def personal_data(request):
    return render(
        request, "exchange/personal_data/personal_data.html", {"form": DeleteAccountForm()}
    )


@require_POST
@login_required
@reauthentication_required
def export_personal_data(request):
    response = HttpResponse(export_zip(request.user))
    response["Content-Type"] = "application/zip"
    response["Content-Disposition"] = 'attachment; filename="my-practice-exchange-data.zip"'
    return response


@require_POST
@login_required
@reauthentication_required
def delete_account(request):
    form = DeleteAccountForm(request.POST)
    if not form.is_valid():
        return render(
            request, "exchange/personal_data/personal_data.html", {"form": form}, status=400
        )
    user = request.user
    logout(request)
    personal_data_service.erase(user)
    messages.success(request, _("Your account and your personal data are deleted."))
    return redirect("/")
