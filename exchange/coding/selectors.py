"""What the coding workbench reads: the excerpts that may be coded (any consent in force, "not
for publication" included), filtered as the coordinators ask, and the codebook with its counts
and co-occurrences. Read-only."""

from collections import Counter
from dataclasses import dataclass, field

from django import forms
from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from django_countries import countries

from cms.models import Challenge
from exchange.coding.models import Code, CodedSpan, Theme
from exchange.excerpts.models import Excerpt, consented
from exchange.reflections.models import Phase


class WorkbenchFilters(forms.Form):
    """The workbench's filters (GET). A value that matches nothing is refused by the form and
    the filter is left out, never an error."""

    year = forms.TypedChoiceField(label=_("Visit year"), required=False, coerce=int)
    challenge = forms.ModelChoiceField(Challenge.vocabulary.all(), required=False)
    country = forms.ChoiceField(label=_("Country visited"), required=False)
    phase = forms.ChoiceField(label=_("Phase"), required=False)
    code = forms.ModelChoiceField(Code.objects.all(), required=False, to_field_name="slug")
    theme = forms.ModelChoiceField(Theme.objects.all(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        excerpts = consented()
        years = excerpts.dates("visit__starts_on", "year", order="DESC")
        self.fields["year"].choices = [("", _("All years"))] + [(d.year, d.year) for d in years]
        # Without the excerpts' ordering, which DISTINCT would count: a country once.
        visited = (
            excerpts.order_by()
            .values_list("visit__window__offer__organisation__country", flat=True)
            .distinct()
        )
        self.fields["country"].choices = [("", _("All countries"))] + sorted(
            ((code, countries.name(code)) for code in visited if code),
            key=lambda choice: str(choice[1]),
        )
        self.fields["phase"].choices = [("", _("All phases")), *Phase.choices]
        self.fields["challenge"].empty_label = _("All challenges")
        self.fields["code"].empty_label = _("All codes")
        self.fields["theme"].empty_label = _("All themes")

    def filter(self, excerpts: QuerySet[Excerpt]) -> QuerySet[Excerpt]:
        if not self.is_valid():
            return excerpts
        data = self.cleaned_data
        if data.get("year"):
            excerpts = excerpts.filter(visit__starts_on__year=data["year"])
        if data.get("challenge"):
            excerpts = excerpts.filter(challenge=data["challenge"])
        if data.get("country"):
            excerpts = excerpts.filter(visit__window__offer__organisation__country=data["country"])
        if data.get("phase"):
            excerpts = excerpts.filter(phase=data["phase"])
        if data.get("code"):
            excerpts = excerpts.filter(coded_spans__tag=data["code"])
        if data.get("theme"):
            excerpts = excerpts.filter(coded_spans__tag__themes=data["theme"])
        return excerpts.distinct()


def workbench(filters: WorkbenchFilters) -> QuerySet[Excerpt]:
    excerpts = (
        consented()
        .select_related("challenge", "visit__window__offer__organisation")
        .prefetch_related("coded_spans__tag")
    )
    return filters.filter(excerpts).order_by("-visit__starts_on", "-pk")


@dataclass
class CodebookRow:
    code: Code
    excerpts: int
    visits: int
    together: list[tuple[Code, int]] = field(default_factory=list)  # codes on the same excerpts
    themes: list[Theme] = field(default_factory=list)


def codebook() -> list[CodebookRow]:
    """Every code, with how many excerpts and visits carry it, which codes occur on the same
    excerpts (and how often), and its themes. Three queries."""
    codes = Code.objects.annotate(
        excerpt_count=Count("spans__content_object", distinct=True),
        visit_count=Count("spans__content_object__visit", distinct=True),
    ).prefetch_related("themes")
    codes_on: dict[int, set[int]] = {}
    for excerpt_id, code_id in CodedSpan.objects.values_list("content_object_id", "tag_id"):
        codes_on.setdefault(excerpt_id, set()).add(code_id)
    pairs: Counter = Counter()
    for on_one in codes_on.values():
        for a in on_one:
            for b in on_one - {a}:
                pairs[(a, b)] += 1
    by_id = {code.pk: code for code in codes}
    rows = []
    for code in codes:
        together = sorted(
            ((by_id[b], n) for (a, b), n in pairs.items() if a == code.pk and b in by_id),
            key=lambda pair: (-pair[1], pair[0].name.lower()),
        )
        rows.append(
            CodebookRow(
                code, code.excerpt_count, code.visit_count, together, list(code.themes.all())
            )
        )
    return rows
