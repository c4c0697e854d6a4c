from django import forms
from django.utils.translation import gettext as _

from allauth.account.forms import SignupForm
from allauth.core import context

from exchange import invitations


class InvitedSignupForm(SignupForm):
    """allauth's sign-up form for the address the invitation in the session was sent to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = context.request
        token = request.session.get(invitations.SESSION_KEY) if request else None
        try:
            self.invitation = invitations.usable_invitation(token)
        except invitations.InvitationError:
            self.invitation = None
        else:
            self.fields["email"].initial = self.invitation.email

    def clean_email(self):
        email = super().clean_email()
        if self.invitation and invitations.normalise(email) != self.invitation.email:
            raise forms.ValidationError(
                _("Sign up with the address the invitation was sent to: %(email)s.")
                % {"email": self.invitation.email}
            )
        return email
