"""Member views: the invitation link, sign-in (both steps) that answers 429 when allauth's limit
on failed attempts refuses it, the account page, the member's own profile and the member
directory."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from allauth.account import views as allauth_views
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.mfa.base import views as mfa_views
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession

from exchange.membership import profiles
from exchange.membership import services as invitations
from exchange.membership.forms import LanguageFormSet, ProfileForm
from exchange.membership.models import Profile
from exchange.membership.selectors import directory
from exchange.notifications import services as notification_choices
from exchange.notifications.kinds import Channel, kinds_for

MEMBERS_PER_PAGE = 24


@never_cache
def accept_invitation(request, token: str):
    try:
        invitation = invitations.usable_invitation(token)
    except invitations.InvitationError as error:
        return render(
            request, "exchange/membership/invitation_invalid.html", {"message": error}, status=410
        )
    if request.user.is_authenticated:
        return render(
            request,
            "exchange/membership/invitation_invalid.html",
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


def notification_channels(user) -> list[tuple]:
    """(a channel in words, how many kinds come by it) for the account page's summary."""
    channels = notification_choices.channels_of(user)
    counts = Counter(channels[kind.key] for kind in kinds_for(user))
    return [(label, counts[value]) for value, label in Channel.choices if counts[value]]


@require_safe
@login_required
def account_hub(request):
    """One page for everything about the account, each part linking to where it is changed:
    name and profile, e-mail addresses, password, second factor, sessions, personal data."""
    user = request.user
    factors = {authenticator.type for authenticator in Authenticator.objects.filter(user=user)}
    return render(
        request,
        "exchange/membership/account.html",
        {
            "profile": Profile.objects.filter(user=user).select_related("organisation").first(),
            "emails": EmailAddress.objects.filter(user=user).order_by("-primary", "email"),
            "factors": [
                label
                for kind, label in (
                    (Authenticator.Type.TOTP, _("authenticator app")),
                    (Authenticator.Type.WEBAUTHN, _("security key")),
                    (Authenticator.Type.RECOVERY_CODES, _("recovery codes")),
                )
                if kind in factors
            ],
            "sessions": UserSession.objects.filter(user=user).count(),
            "notification_channels": notification_channels(user),
        },
    )


@login_required
def edit_profile(request):
    profile = Profile.objects.filter(user=request.user).first()
    if profile is None:  # a coordinator's or an operator's account: say so, not "not found"
        return render(request, "exchange/membership/no_profile.html")
    form = ProfileForm(request.POST or None, instance=profile)
    languages = LanguageFormSet(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid() and languages.is_valid():
        data = form.cleaned_data
        profiles.profile_update(
            profile=profile,
            user=request.user,
            first_name=data["first_name"],
            last_name=data["last_name"],
            fields={name: data[name] for name in profiles.OWN_FIELDS},
            relations={name: data[name] for name in profiles.OWN_RELATIONS},
            languages=languages.chosen(),
        )
        messages.success(request, _("Your profile is saved."))
        return redirect("profile")
    return render(
        request,
        "exchange/membership/profile_form.html",
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
        "exchange/membership/member_directory.html",
        {"filter": members, "page_obj": page, "members": page.object_list},
    )
