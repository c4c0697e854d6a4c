"""What the excerpt pages, the account and the personal-data export show. Read-only; texts are
decrypted here for the excerpt's author and the coordinators only (services.may_read)."""

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.urls import reverse

from cms import plugins
from exchange.excerpts.models import Attribution, ConsentEvent, ConsentKind, Excerpt

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class Receipt:
    """A consent's receipt: what text, which attribution, when, and how to withdraw it."""

    excerpt_id: int
    version: int
    text: str
    attribution: str
    digest: str
    given_at: datetime
    ended: str  # "" while in force, else "superseded" or "withdrawn"
    withdraw_at: str  # the page where it is withdrawn
    language: str = ""  # the language the words were written in

    @property
    def attribution_label(self) -> str:
        return str(Attribution(self.attribution).label)

    def as_dict(self) -> dict:
        return {
            "excerpt": self.excerpt_id,
            "version": self.version,
            "text": self.text,
            "attribution": self.attribution,
            "sha256_of_nfc_text": self.digest,
            "given_at": self.given_at,
            "ended": self.ended,
            "withdraw_at": self.withdraw_at,
            "language": self.language,
        }


def receipts(user: "User") -> list[Receipt]:
    """Every consent `user` gave, newest first, each with how it ended, if it did."""
    excerpts = {
        excerpt.pk: excerpt
        for excerpt in Excerpt.objects.filter(author=user).prefetch_related("versions")
    }
    events = ConsentEvent.objects.filter(excerpt_id__in=excerpts).order_by("at", "pk")
    found: list[Receipt] = []
    ends: dict[tuple[int, int], str] = {}
    for event in events:
        if event.kind != ConsentKind.GRANTED:
            ends[(event.excerpt_id, event.version)] = event.kind
    for event in events:
        if event.kind != ConsentKind.GRANTED:
            continue
        versions = {v.number: v for v in excerpts[event.excerpt_id].versions.all()}
        version = versions.get(event.version)
        found.append(
            Receipt(
                excerpt_id=event.excerpt_id,
                version=event.version,
                text=version.text if version else "",
                attribution=event.attribution,
                digest=event.digest,
                given_at=event.at,
                ended=ends.get((event.excerpt_id, event.version), ""),
                withdraw_at=reverse("excerpt_detail", args=[event.excerpt_id]),
                language=excerpts[event.excerpt_id].language,
            )
        )
    return found[::-1]


def quoted_in(excerpt_id: int) -> list[tuple]:
    """The live chapters quoting the excerpt, each with its publication: the publication plugs
    the answer in (cms/plugins.py), since the excerpts sit below it."""
    return plugins.the_one(plugins.EXCERPT_QUOTED_IN)(excerpt_id)


def final_publication(quoted: list[tuple]):
    """Of the publications quoting an excerpt (quoted_in), one that is final, if any."""
    return next((publication for _chapter, publication in quoted if publication.is_frozen()), None)
