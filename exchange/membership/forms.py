import copy

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from allauth.account.forms import SignupForm
from allauth.core import context
from django_countries import countries

from cms.choosers import ReaderTitles
from cms.locales import first_versions
from cms.models import OrganisationPage, PracticePage
from exchange.membership import services as invitations
from exchange.membership.models import Profile, ProfileLanguage


class NameFields(forms.Form):
    """A member's name, as peers, hosts and coordinators see it wherever a person is shown."""

    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=150)


class InvitedSignupForm(SignupForm):
    """allauth's sign-up form for the address the invitation in the session was sent to, with
    the member's name (allauth's adapter saves first_name and last_name on the account)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {**copy.deepcopy(NameFields.base_fields), **self.fields}
        request = context.request  # allauth's forms are not given the request
        self.invitation = invitations.invitation_in_session(request) if request else None
        if self.invitation:
            self.fields["email"].initial = self.invitation.email

    def clean_email(self):
        email = super().clean_email()
        if self.invitation and invitations.normalise(email) != self.invitation.email:
            raise forms.ValidationError(
                _("Sign up with the address the invitation was sent to: %(email)s.")
                % {"email": self.invitation.email}
            )
        return email


class ProfileForm(forms.ModelForm):
    """What a member says about themselves. Their organisation and whether they host for it are
    set by a coordinator: hosting gives a say over the organisation's visits."""

    class Meta:
        model = Profile
        fields = [
            "role",
            "country",
            "challenges_faced",
            "challenges_shown",
            "practices_shown",
            "biography",
        ]
        widgets = {
            "challenges_faced": forms.CheckboxSelectMultiple,
            "challenges_shown": forms.CheckboxSelectMultiple,
            "practices_shown": forms.CheckboxSelectMultiple,
            "biography": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user
        names = copy.deepcopy(NameFields.base_fields)
        names["first_name"].initial, names["last_name"].initial = user.first_name, user.last_name
        self.fields = {**names, **self.fields}
        # The practices a member can show are their organisation's.
        # One choice per practice, in the reader's language (cms/choosers.py).
        practices = self.fields["practices_shown"]
        practices.queryset = PracticePage.objects.live().filter(
            first_versions(), organisation=self.instance.organisation
        )
        practices.iterator = ReaderTitles
        # The network's countries (its organisations'), not the world's 250 territories; a
        # country already chosen stays choosable.
        codes = set(
            OrganisationPage.objects.live().exclude(country="").values_list("country", flat=True)
        ) | ({str(self.instance.country)} if self.instance.country else set())
        self.fields["country"].choices = [
            ("", "—"),
            *sorted(((code, countries.name(code)) for code in codes), key=lambda c: str(c[1])),
        ]


class BaseLanguageFormSet(forms.BaseInlineFormSet):
    # Django's own words ("Please submit at most 12 forms") are a developer's.
    default_error_messages = {
        "too_many_forms": gettext_lazy(
            "A profile lists at most %(num)d languages. Remove some, then save."
        )
    }

    def chosen(self) -> dict:
        """The languages the member keeps, with their levels (profiles.profile_update)."""
        return {
            form.cleaned_data["language"]: form.cleaned_data["level"]
            for form in self.forms
            if form.cleaned_data and form not in self.deleted_forms
        }


LanguageFormSet = forms.inlineformset_factory(
    Profile,
    ProfileLanguage,
    formset=BaseLanguageFormSet,
    fields=["language", "level"],
    extra=1,  # one empty row to add a language; saving brings the next
    max_num=12,
    # Django builds up to max_num + 1,000 rows from a posted count; more than 12 are refused
    # instead of being built and rendered.
    absolute_max=12,
    validate_max=True,
    can_delete=True,
)
