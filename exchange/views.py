"""Member views: the invitation link, sign-in (both steps) that answers 429 when allauth's limit
on failed attempts refuses it, the member's own profile, their personal data (export, account
deletion) and the member directory."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from allauth.account import views as allauth_views
from allauth.account.adapter import get_adapter
from allauth.account.decorators import reauthentication_required
from allauth.mfa.base import views as mfa_views

from exchange import invitations
from exchange import personal_data as personal_data_service
from exchange.forms import DeleteAccountForm, LanguageFormSet, ProfileForm
from exchange.members import directory
from exchange.models import Profile

MEMBERS_PER_PAGE = 24


@never_cache
def accept_invitation(request, token: str):
    try:
        invitation = invitations.usable_invitation(token)
    except invitations.InvitationError as error:
        return render(request, "exchange/invitation_invalid.html", {"message": error}, status=410)
    if request.user.is_authenticated:
        return render(
            request,
            "exchange/invitation_invalid.html",
            {
                "message": _(
                    "You are signed in as %(email)s. Sign out first to accept an invitation "
                    "for another address."
                )
                % {"email": request.user.email}
            },
            status=409,
        )
    # The token moves from the URL into the session (as allauth does with password reset keys),
    # and following the link proved the address: sign-up does not ask to verify it again.
    request.session[invitations.SESSION_KEY] = token
    get_adapter(request).stash_verified_email(request, invitation.email)
    return redirect("account_signup")


def _too_many_attempts(response, form):
    """Past allauth's limit of failed attempts (settings ACCOUNT_RATE_LIMITS) allauth refuses
    even the right password or code with a form error; the response then says so in its status
    too (429), for scripts and monitoring."""
    codes = {error.code for errors in form.errors.as_data().values() for error in errors}
    if "too_many_login_attempts" in codes:
        response.status_code = 429
        response["Retry-After"] = "300"
    return response


class LoginView(allauth_views.LoginView):
    """allauth's sign-in, answering 429 past the limit of failed attempts."""

    def form_invalid(self, form):
        return _too_many_attempts(super().form_invalid(form), form)


class SecondFactorView(mfa_views.AuthenticateView):
    """allauth's second step of sign-in (the authenticator app's code), answering 429 past the
    limit of wrong codes, as the first step does."""

    def form_invalid(self, form):
        return _too_many_attempts(super().form_invalid(form), form)


@login_required
def edit_profile(request):
    profile = Profile.objects.filter(user=request.user).first()
    if profile is None:  # a coordinator's or an operator's account: say so, not "not found"
        return render(request, "exchange/no_profile.html")
    form = ProfileForm(request.POST or None, instance=profile)
    languages = LanguageFormSet(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid() and languages.is_valid():
        with transaction.atomic():
            form.save()
            languages.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("profile")
    return render(
        request,
        "exchange/profile_form.html",
        {"form": form, "languages": languages, "profile": profile},
    )


@require_safe
@login_required
def member_directory(request):
    members = directory(request.GET)
    paginator = Paginator(members.qs, MEMBERS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "exchange/member_directory.html",
        {"filter": members, "page_obj": page, "members": page.object_list},
    )


@require_safe
@login_required
def personal_data(request):
    return render(request, "exchange/personal_data.html", {"form": DeleteAccountForm()})


@require_POST
@login_required
@reauthentication_required
def export_personal_data(request):
    response = HttpResponse(personal_data_service.export_zip(request.user))
    response["Content-Type"] = "application/zip"
    response["Content-Disposition"] = 'attachment; filename="my-practice-exchange-data.zip"'
    return response


@require_POST
@login_required
@reauthentication_required
def delete_account(request):
    form = DeleteAccountForm(request.POST)
    if not form.is_valid():
        return render(request, "exchange/personal_data.html", {"form": form}, status=400)
    user = request.user
    logout(request)
    personal_data_service.erase(user)
    messages.success(request, _("Your account and your personal data are deleted."))
    return redirect("/")
