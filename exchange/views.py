"""Account views around allauth's: the invitation link, and sign-in that answers 429 when
allauth's limit on failed attempts refuses it."""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from allauth.account import views as allauth_views
from allauth.account.adapter import get_adapter

from exchange import invitations


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
            {"message": invitations.signed_in_message(request.user)},
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
