"""The yearly figures, computed in one place and only ever handed out as SafeTables
(disclosure.py): the page, the charts, the PDF, the CSV and the spreadsheet all read these, never
the raw counts. A visit belongs to the year it ends in, as its surveys do. Each figure is a few
aggregate queries, whatever the number of visits."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from wagtail import hooks

from django_countries import countries as names

from cms import plugins
from exchange.coding.models import Theme
from exchange.reflections.models import AskedOf, Phase, ReflectionEntry
from exchange.reports.disclosure import Link, SafeTable, Table, protect, protect_linked
from exchange.reports.transfer_figures import transfer_tables
from exchange.surveys.models import AnswerType, Level, Survey, SurveyAnswer
from exchange.visits.models import Visit, VisitState

TOOK_PLACE = [VisitState.COMPLETED, VisitState.REFLECTED]
SCALE_POINTS = [1, 2, 3, 4, 5]


@dataclass(frozen=True)
class Figure:
    key: str
    table: SafeTable
    # A survey question's evaluation level (Level's value): the public page says it in plain
    # words; the coordinators' preview names the model's tiers (level_label).
    level: str = ""
    scale: bool = False  # a five-point scale: its groups have a mean when fully shown

    @property
    def level_label(self) -> str:
        return str(Level(self.level).label) if self.level else ""


def figures_for(year: int) -> list[Figure]:
    """Every figure of the year's report, in the report's order."""
    visits = Visit.objects.filter(ends_on__year=year)
    took_place = visits.filter(state__in=TOOK_PLACE)
    states, cross_border, challenges = _visit_tables(visits, took_place)
    return [
        Figure("visits_by_state", states),
        Figure("countries", _countries(took_place)),
        Figure("cross_border", cross_border),
        Figure("challenges", challenges),
        Figure("reflections", _reflections(took_place)),
        *_contributed(year),
        *_surveys(year),
        *(Figure(key, table) for key, table in transfer_tables(year)),
        Figure("themes", _themes(year)),
    ]


def _contributed(year: int) -> list[Figure]:
    """Figures of the apps built on exchange (matching's rounds), through the `report_figures`
    hook: each gives counts of people, made safe here like every other figure."""
    figures = []
    for hook in hooks.get_hooks(plugins.REPORT_FIGURES):
        for part in hook(year):
            table = protect(
                part["title"], part["rows"], part["columns"], part["counts"], totals=part["totals"]
            )
            figures.append(Figure(part["key"], table))
    return figures


def _visit_tables(visits, took_place) -> list[SafeTable]:
    """Visits by state, across a border or not, and by challenge: three tables of the same
    visits, protected together. The visits that took place are the states' "completed" and
    "reflected" rows, and the grand total of each of the other two: made safe alone, a cell
    hidden in one could be worked out from another (the demo's Reflected 3 and Cancelled 2
    followed from the cross-border total)."""
    states = list(VisitState)
    by_state = dict(visits.values_list("state").annotate(n=Count("pk")).order_by())
    across = took_place.exclude(
        application__organisation__country=F("window__offer__organisation__country")
    ).count()
    total = took_place.count()
    by_challenge = list(
        took_place.values_list("application__challenge__name")
        .annotate(n=Count("pk"))
        .order_by("application__challenge__name")
    )
    tables = [
        Table(
            _("Visits by where they stand"),
            [str(state.label).capitalize() for state in states],
            [_("Visits")],
            [[by_state.get(state, 0)] for state in states],
        ),
        Table(
            _("Visits across a border"),
            [_("Across a border"), _("Within one country")],
            [_("Visits")],
            [[across], [total - across]],
        ),
        Table(
            _("Visits by the challenge they addressed"),
            [name for name, _n in by_challenge],
            [_("Visits")],
            [[n] for _name, n in by_challenge],
        ),
    ]
    took_place_by_state = tuple((0, states.index(state), 0) for state in TOOK_PLACE)
    links = [
        Link(took_place_by_state, ((1, 2, 1),)),  # the cross-border table's grand total
        Link(took_place_by_state, ((2, len(by_challenge), 1),)),  # the challenges'
    ]
    return protect_linked(tables, links)


def _countries(took_place) -> SafeTable:
    """Organisations taking part by country, as visitor and as host (each counted once per
    role, however many visits it made or received)."""
    visiting = Counter(
        country
        for country, _org in took_place.values_list(
            "application__organisation__country", "application__organisation"
        ).distinct()
    )
    hosting = Counter(
        country
        for country, _org in took_place.values_list(
            "window__offer__organisation__country", "window__offer__organisation"
        ).distinct()
    )
    countries = sorted(set(visiting) | set(hosting))
    return protect(
        _("Organisations taking part, by country"),
        [names.name(code) or code for code in countries],
        [_("As visitor"), _("As host")],
        [[visiting[code], hosting[code]] for code in countries],
        totals=False,  # an organisation can visit and host
    )


def _reflections(took_place) -> SafeTable:
    """People who wrote in each phase of their log (a person writes in several phases)."""
    counts = dict(
        ReflectionEntry.objects.filter(visit__in=took_place, submitted_at__isnull=False)
        .values_list("phase")
        .annotate(n=Count("author", distinct=True))
        .order_by()
    )
    return protect(
        _("People who wrote a reflection, by phase"),
        [str(phase.label) for phase in Phase],
        [_("People")],
        [[counts.get(phase, 0)] for phase in Phase],
        totals=False,
    )


def _surveys(year: int) -> list[Figure]:
    """Each scale and choice question of the year's surveys: its answers' distribution, for
    the visitors and for the hosts it is asked of, from submitted responses only. A survey's
    tables are protected together: everyone in a group answers each required question asked of
    them, so those tables' group totals are one number, which a reader can use as a link."""
    figures = []
    for survey in Survey.objects.filter(year=year).prefetch_related("questions"):
        questions = [
            q
            for q in survey.questions.all()
            if q.answer_type in (AnswerType.SCALE, AnswerType.CHOICE)
        ]
        answers = Counter(
            SurveyAnswer.objects.filter(
                question__in=questions, response__submitted_at__isnull=False
            ).values_list("question_id", "response__as_host", "number", "choice")
        )
        tables = [_survey_table(survey, question, answers) for question in questions]
        figures += [
            Figure(
                f"survey_{survey.kind}_{question.sort_order}",
                table,
                level=question.level,
                scale=question.answer_type == AnswerType.SCALE,
            )
            for question, table in zip(
                questions, protect_linked(tables, _respondent_links(questions, tables)), strict=True
            )
        ]
    return figures


def _groups_asked(question) -> list[bool]:
    """Each group the question is asked of, as `as_host`: the visitors, the hosts or both. A
    host's answers count only in questions asked of hosts."""
    return {AskedOf.VISITOR: [False], AskedOf.HOST: [True]}.get(question.asked_of, [False, True])


def _survey_table(survey, question, answers: Counter) -> Table:
    options = (
        [str(point) for point in SCALE_POINTS]
        if question.answer_type == AnswerType.SCALE
        else question.choice_list()
    )
    groups = _groups_asked(question)
    return Table(
        f"{survey.get_kind_display()}: {question.text_en}",
        [_("Hosts") if as_host else _("Visitors") for as_host in groups],
        options,
        [
            [_answered(answers, question, as_host, option) for option in options]
            for as_host in groups
        ],
    )


def _respondent_links(questions, tables: list[Table]) -> list[Link]:
    """The group totals of the required questions asked of one group are equal (each of its
    respondents answered every one), unless a question was made required after some answers."""
    links = []
    for as_host in (False, True):
        places = [  # (table, its row for the group)
            (n, _groups_asked(question).index(as_host))
            for n, question in enumerate(questions)
            if question.required and as_host in _groups_asked(question)
        ]
        links += [
            Link(
                ((first, row, len(tables[first].columns)),),
                ((other, other_row, len(tables[other].columns)),),
            )
            for first, row in places[:1]
            for other, other_row in places[1:]
            if sum(tables[first].counts[row]) == sum(tables[other].counts[other_row])
        ]
    return links


def _answered(answers: Counter, question, as_host: bool, option: str) -> int:
    if question.answer_type == AnswerType.SCALE:
        return answers[(question.pk, as_host, int(option), "")]
    return answers[(question.pk, as_host, None, option)]


def _themes(year: int) -> SafeTable:
    """Each theme with the excerpts of the year's visits and the visits it rests on."""
    in_year = Q(codes__spans__content_object__visit__ends_on__year=year)
    themes = (
        Theme.objects.annotate(
            excerpts=Count("codes__spans__content_object", filter=in_year, distinct=True),
            visits=Count("codes__spans__content_object__visit", filter=in_year, distinct=True),
        )
        .filter(excerpts__gt=0)
        .order_by("title")
    )
    return protect(
        _("Themes and what they rest on"),
        [theme.title for theme in themes],
        [_("Excerpts"), _("Visits")],
        [[theme.excerpts, theme.visits] for theme in themes],
        totals=False,  # an excerpt can carry the codes of several themes
    )
