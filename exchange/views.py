"""Member views: the invitation link, sign-in that answers 429 when allauth's limit on failed
attempts refuses it, the member's own profile and the member directory."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from allauth.account import views as allauth_views
from allauth.account.adapter import get_adapter

from exchange import invitations
from exchange.forms import LanguageFormSet, ProfileForm
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


class LoginView(allauth_views.LoginView):
    """allauth's sign-in. Past the limit of failed attempts for an account (settings
    ACCOUNT_RATE_LIMITS) allauth refuses even the right password with a form error; the
    response then says so in its status too, for scripts and monitoring."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        refusals = form.non_field_errors().as_data()
        if any(error.code == "too_many_login_attempts" for error in refusals):
            response.status_code = 429
            response["Retry-After"] = "300"
        return response


@login_required
def edit_profile(request):
    profile = get_object_or_404(Profile, user=request.user)
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
