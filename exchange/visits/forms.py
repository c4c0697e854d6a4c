"""Forms of the visit workflow. They check what a single form can (dates in order, a window of
the chosen offer); the steps (services.py, agreements.py, offers.py) check the rest inside
their transactions."""

from datetime import date, timedelta

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.models import Challenge, Language, PracticePage, Setting
from exchange.visits.models import AgendaItem, Amendment, Application, HostingOffer, OfferWindow
from exchange.visits.offers import WindowTerms

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class DatesInOrder:
    """A form mixin: `last` may not come before `first`."""

    date_pair = ("starts_on", "ends_on")

    def clean(self):
        cleaned = super().clean()
        first, last = (cleaned.get(name) for name in self.date_pair)
        if first and last and last < first:
            self.add_error(self.date_pair[1], _("This date cannot be before the first one."))
        return cleaned


class OfferForm(forms.ModelForm):
    RELATIONS = ("challenges", "practices", "work_settings", "languages")  # many-to-many

    class Meta:
        model = HostingOffer
        fields = [
            "title",
            "description",
            "challenges",
            "practices",
            "work_settings",
            "languages",
            "observation_rules",
            "client_consent_required",
            "practical_notes",
            "is_published",
        ]
        widgets = {
            "challenges": forms.CheckboxSelectMultiple,
            "work_settings": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practices"].queryset = PracticePage.objects.live().filter(
            organisation=organisation
        )
        self.fields["practices"].widget = forms.CheckboxSelectMultiple(
            choices=self.fields["practices"].choices
        )
        self.fields["challenges"].queryset = Challenge.vocabulary.all()
        self.fields["work_settings"].queryset = Setting.vocabulary.all()
        self.fields["languages"].queryset = Language.vocabulary.all()


class WindowForm(DatesInOrder, forms.ModelForm):
    class Meta:
        model = OfferWindow
        fields = ["starts_on", "ends_on", "capacity"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def clean_capacity(self):
        # Whether the places already taken fit is checked when the offer is saved
        # (offers.offer_save): an accept may commit between reading this form and saving it.
        capacity = self.cleaned_data["capacity"]
        if capacity < 1:
            raise forms.ValidationError(_("At least one visitor."))
        return capacity


class BaseWindowFormSet(forms.BaseInlineFormSet):
    # Django's own words ("Please submit at most 52 forms") are a developer's.
    default_error_messages = {
        "too_many_forms": gettext_lazy(
            "An offer has at most %(num)d date windows. Remove some, then save."
        )
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.extra = 3  # a new offer: room for a few windows at once (empty rows are left out)

    def clean(self):
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data and f not in self.deleted_forms]
        if not kept:
            raise forms.ValidationError(_("An offer needs at least one date window."))

    def terms(self) -> list[WindowTerms]:
        """What the host asks for, window by window, for offers.offer_save."""
        return [
            WindowTerms(
                starts_on=form.cleaned_data.get("starts_on"),
                ends_on=form.cleaned_data.get("ends_on"),
                capacity=form.cleaned_data.get("capacity"),
                window_id=form.instance.pk,
                remove=form in self.deleted_forms,
            )
            for form in self.forms
            if form.cleaned_data and (form.instance.pk or form not in self.deleted_forms)
        ]


WINDOWS_AT_MOST = 52

WindowFormSet = forms.inlineformset_factory(
    HostingOffer,
    OfferWindow,
    form=WindowForm,
    formset=BaseWindowFormSet,
    extra=1,
    # A posted row count is believed up to absolute_max (2,000 by default): each row is a form
    # built, checked and rendered again. A year of weekly windows is the most an offer needs.
    max_num=WINDOWS_AT_MOST,
    absolute_max=WINDOWS_AT_MOST,
    validate_max=True,
    can_delete=True,
)


class ApplicationForm(DatesInOrder, forms.ModelForm):
    """An application; choosing one of an offer's windows makes it a direct request."""

    date_pair = ("available_from", "available_until")

    window = forms.ModelChoiceField(
        queryset=OfferWindow.objects.none(),
        required=False,
        label=gettext_lazy("Window of the offer"),
    )
    visit_starts_on = forms.DateField(
        label=gettext_lazy("First day of the visit"), required=False, widget=DATE
    )
    visit_ends_on = forms.DateField(
        label=gettext_lazy("Last day of the visit"), required=False, widget=DATE
    )

    class Meta:
        model = Application
        fields = [
            "challenge",
            "challenge_statement",
            "learning_goals",
            "languages",
            "available_from",
            "available_until",
        ]
        widgets = {
            "available_from": DATE,
            "available_until": DATE,
            "languages": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, offer: HostingOffer | None = None, profile=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer = offer
        self.fields["challenge"].queryset = Challenge.vocabulary.all()
        self.fields["languages"].queryset = Language.vocabulary.all()
        self.fields["learning_goals"].help_text = _(
            "Two or three things you want to see or try, in a sentence each."
        )
        if offer is None:
            for name in ("window", "visit_starts_on", "visit_ends_on"):
                del self.fields[name]
        else:
            # A direct request asks for the visit's days once: they are also when the visitor
            # is available.
            del self.fields["available_from"], self.fields["available_until"]
            self.fields["window"].queryset = offer.windows.all()
            self.fields["window"].required = True
            self.fields["window"].help_text = _("The visit's days must fall inside it.")
            self.fields["window"].empty_label = None
        if profile is not None and not self.is_bound:
            self._start_from(profile)

    def _start_from(self, profile) -> None:
        """Fill in what the member's profile already says: their working languages, and the
        challenge they face (one the offer shows, where there is one)."""
        self.initial.setdefault("languages", [row.language_id for row in profile.languages.all()])
        faced = list(profile.challenges_faced.values_list("pk", flat=True))
        if self.offer is not None:
            shown = set(self.offer.challenges.values_list("pk", flat=True))
            faced = [pk for pk in faced if pk in shown] or sorted(shown)
        if faced:
            self.initial.setdefault("challenge", faced[0])

    def clean(self):
        cleaned = super().clean()
        if self.offer is None:
            return cleaned
        window = cleaned.get("window")
        first, last = cleaned.get("visit_starts_on"), cleaned.get("visit_ends_on")
        if not first or not last:
            self.add_error("visit_starts_on", _("Give the first and last day of the visit."))
        elif last < first:
            self.add_error("visit_ends_on", _("The last day cannot be before the first day."))
        elif window is not None and not window.contains(first, last):
            self.add_error(
                "visit_starts_on",
                _("The visit must fall inside the window: %(window)s.") % {"window": window},
            )
        cleaned["available_from"], cleaned["available_until"] = first, last
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        help_text=gettext_lazy("Required. The other side reads it."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={
            "required": gettext_lazy("Give a reason, so that the other side knows why.")
        },
    )


class AgreementForm(DatesInOrder, forms.Form):
    goals = forms.CharField(
        label=gettext_lazy("Learning goals"), widget=forms.Textarea, max_length=4000
    )
    tasks = forms.CharField(
        label=gettext_lazy("Tasks"),
        widget=forms.Textarea,
        max_length=4000,
        help_text=gettext_lazy("What the visitor will do and observe."),
    )
    host_mentor = forms.CharField(label=gettext_lazy("Host mentor"), max_length=160)
    observation_rules = forms.CharField(
        label=gettext_lazy("Observation and confidentiality rules"),
        widget=forms.Textarea,
        max_length=4000,
    )
    starts_on = forms.DateField(label=gettext_lazy("First day"), widget=DATE)
    ends_on = forms.DateField(label=gettext_lazy("Last day"), widget=DATE)


class AmendmentForm(forms.ModelForm):
    """Only the terms that change; the service checks new dates against those in force."""

    class Meta:
        model = Amendment
        fields = ["reason", *Amendment.TERMS]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "reason": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "tasks": forms.Textarea(attrs={"rows": 3}),
            "observation_rules": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {name: gettext_lazy("Leave empty to keep.") for name in Amendment.TERMS}


class AgendaItemForm(forms.ModelForm):
    """An activity on one of the visit's days: the day is chosen among them, not typed."""

    class Meta:
        model = AgendaItem
        fields = ["day", "starts_at", "ends_at", "activity", "place"]
        widgets = {"starts_at": TIME, "ends_at": TIME}

    def __init__(self, *args, visit, **kwargs):
        super().__init__(*args, **kwargs)
        days = [
            visit.starts_on + timedelta(days=n)
            for n in range((visit.ends_on - visit.starts_on).days + 1)
        ]
        self.fields["day"] = forms.TypedChoiceField(
            label=self.fields["day"].label,
            choices=[
                (day.isoformat(), f"{date_format(day, 'l')}, {date_format(day, 'DATE_FORMAT')}")
                for day in days
            ],
            coerce=date.fromisoformat,
        )


class MessageForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your message"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=gettext_lazy(
            "For the other side of the visit only. They get an e-mail saying a message waits, "
            "without its text. Never name a client."
        ),
    )
