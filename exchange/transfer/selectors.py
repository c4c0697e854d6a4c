"""What the take-home page shows: the practices a visit showed, in the reader's language, with
the visitor's intention and follow-ups; the follow-ups' schedule; what was passed on; and the
practices to choose from (the host's, then a search of the library by title)."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from cms.locales import active_locale_id
from cms.models import PracticePage
from exchange.transfer import services
from exchange.transfer.models import FOLLOW_UP_MONTHS, FollowUp, PassedOn, PracticeSeen

CHOOSER_SIZE = 10


@dataclass
class Seen:
    row: PracticeSeen
    page: PracticePage | None  # the practice in the reader's language, else as chosen
    answers: dict[int, FollowUp] = field(default_factory=dict)  # by month
    form: object = None  # the visitor's intention form, on their page


@dataclass(frozen=True)
class FollowUpStep:
    month: int
    opens: date
    answered: bool
    why_closed: str

    @property
    def is_open(self) -> bool:
        return not self.answered and not self.why_closed


def in_reader_language(rows: list[PracticeSeen]) -> dict:
    """Each practice's live page in the reader's language where it has one, by key."""
    keys = {row.practice_key for row in rows}
    pages = PracticePage.objects.live().filter(translation_key__in=keys)
    return {page.translation_key: page for page in pages.one_version_each(active_locale_id())}


def practices_of(visit) -> list[Seen]:
    rows = list(visit.practices_seen.select_related("practice").prefetch_related("follow_ups"))
    pages = in_reader_language(rows)
    return [
        Seen(
            row,
            pages.get(row.practice_key) or row.practice,
            {answer.month: answer for answer in row.follow_ups.all()},
        )
        for row in rows
    ]


def follow_up_steps(visit, today: date | None = None) -> list[FollowUpStep]:
    today = today or timezone.localdate()
    answered = set(
        FollowUp.objects.filter(seen__visit=visit).values_list("month", flat=True).distinct()
    )
    return [
        FollowUpStep(
            month,
            services.opens_on(visit, month),
            month in answered,
            services.why_follow_up_closed(visit, month, today),
        )
        for month in FOLLOW_UP_MONTHS
    ]


def passed_on_of(visit, user) -> list[PassedOn]:
    return list(PassedOn.objects.filter(visit=visit, author=user).select_related("seen"))


def suggested(visit, listed: set) -> list[PracticePage]:
    """The practices the host offers with the visit, and the host organisation's others."""
    offer = visit.window.offer
    keys = set(offer.practices.values_list("translation_key", flat=True)) | set(
        PracticePage.objects.live()
        .filter(organisation=offer.organisation_id)
        .values_list("translation_key", flat=True)
    )
    return _pages(keys - listed)


def found(query: str, listed: set) -> list[PracticePage]:
    """Practices of the library whose title holds the words typed, in the reader's language."""
    words = query.split()
    if not words:
        return []
    pages = PracticePage.objects.live().one_version_each(active_locale_id())
    for word in words[:5]:
        pages = pages.filter(title__icontains=word)
    return list(pages.exclude(translation_key__in=listed).order_by("title")[:CHOOSER_SIZE])


def _pages(keys: set) -> list[PracticePage]:
    pages = PracticePage.objects.live().filter(translation_key__in=keys)
    return list(pages.one_version_each(active_locale_id()).order_by("title")[:CHOOSER_SIZE])
