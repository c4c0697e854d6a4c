"""Excerpts and the consent ledger. Each function is one step and one transaction; a refused
step raises ExcerptError with the reason and changes nothing.

An author proposes a passage of their own submitted entry through the de-identification gate
(every flag edited away or kept with a reason, and the checklist confirmed); proposing is
consenting to that exact text and attribution. Any later edit is a new version: the author's
own counts at once (they consent as they write it), a coordinator's waits for the author's
approval. Consent binds to the SHA-256 of the NFC-normalised text (models.text_digest), and
`live_consent` checks the words themselves against it whenever a quote is to be shown."""

import json
from collections.abc import Mapping, Set
from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exchange import audit
from exchange.excerpts import deidentify, selectors
from exchange.excerpts.models import (
    Attribution,
    CaseNumberPattern,
    Consent,
    ConsentEvent,
    ConsentKind,
    Excerpt,
    ExcerptVersion,
    FlagsConfirmation,
    PatternError,
    compile_pattern,
    consent_changed,
    live_consent,
    text_digest,
)
from exchange.notifications import kinds
from exchange.reflections.models import ReflectionEntry
from exchange.roles import is_coordinator
from exchange.visits import mail
from exchange.visits.mail import VisitMail

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_LENGTH = 1_500  # characters: a quote, not an entry

# To the author, when a coordinator suggests an edit: it leads to the excerpt, never quotes it.
SUGGESTED = VisitMail(
    "excerpt_suggested",
    gettext_lazy("A coordinator suggests an edit to your excerpt"),
    template="exchange/excerpts/email/suggested.txt",
    link_label=gettext_lazy("Your excerpt:"),
    notice=kinds.EXCERPT,
)

# What the author confirms before any text leaves their log (the gate's checklist).
CHECKLIST = {
    "no_names": gettext_lazy("No client, relative or colleague can be recognised by name."),
    "no_details": gettext_lazy(
        "No date of birth, address, phone number, e-mail or case number is left in."
    ),
    "no_traits": gettext_lazy(
        "No rare detail (an age, a town, an event) would let someone who knows the client "
        "recognise them."
    ),
    "own_words": gettext_lazy("These are my words, and I agree to the attribution chosen."),
}


class ExcerptError(Exception):
    """A step that cannot be taken; the message says why, and nothing changed."""


class GateError(ExcerptError):
    """The text still holds what looks like personal data the author has not decided on."""

    def __init__(self, findings: list[deidentify.Finding]):
        super().__init__(
            _("Edit away or keep, with a reason, each passage marked below.")
            if findings
            else _("Confirm each point of the checklist.")
        )
        self.findings = findings


def finding_key(finding: deidentify.Finding) -> str:
    """How the author's decision on a finding is named in a form: its kind and words, which
    stay the same while the text around them changes."""
    return f"{finding.kind}:{finding.text}"


def case_patterns() -> list:
    """The coordinators' own forms of case number, compiled by RE2 (a pattern saved before RE2
    checked them, which it cannot compile, is left out rather than stopping every excerpt)."""
    compiled = []
    for pattern in CaseNumberPattern.objects.filter(is_active=True).values_list(
        "pattern", flat=True
    ):
        try:
            compiled.append(compile_pattern(pattern))
        except PatternError:
            continue
    return compiled


def findings(text: str) -> list[deidentify.Finding]:
    return deidentify.find(text, case_patterns())


def flags_with_reasons(consent: Consent) -> list[tuple[str, str, str | None]]:
    """What the gate flags in the consented words, each with the reason its author gave for
    keeping it (None: flagged now, not when the author proposed it), then what the author kept
    that the gate no longer flags: (words, kind, reason)."""
    kept = {
        (flag["kind"], flag["text"]): flag.get("reason", "")
        for flag in consent.version.kept_findings
    }
    flags = [
        (finding.text, finding.kind, kept.pop((finding.kind, finding.text), None))
        for finding in findings(consent.text)
    ]
    return flags + [(text, kind, reason) for (kind, text), reason in kept.items()]


def unresolved(text: str, reasons: Mapping[str, str]) -> list[deidentify.Finding]:
    """The findings in `text` that the author has neither edited away nor kept with a reason."""
    return [f for f in findings(text) if not reasons.get(finding_key(f), "").strip()]


def _clean(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ExcerptError(_("An excerpt needs some words."))
    if "\x00" in text:
        raise ExcerptError(_("The text holds a character that cannot be saved (NUL)."))
    if len(text) > MAX_LENGTH:
        raise ExcerptError(
            _("An excerpt holds at most %(max)s characters; this one has %(length)s.")
            % {"max": f"{MAX_LENGTH:,}", "length": f"{len(text):,}"}
        )
    return text


def _gate(text: str, reasons: Mapping[str, str], checklist: Set[str]) -> list[dict]:
    """Pass the gate, or raise GateError; returns the findings kept, with their reasons."""
    undecided = unresolved(text, reasons)
    if undecided or not set(CHECKLIST) <= set(checklist):
        raise GateError(undecided)
    return [
        {"kind": f.kind, "text": f.text, "reason": reasons[finding_key(f)].strip()[:300]}
        for f in findings(text)
    ]


def _attribution(value: str) -> str:
    if value not in Attribution.values:
        raise ExcerptError(_("Choose how the excerpt may be attributed."))
    return value


def _new_version(
    excerpt: Excerpt,
    text: str,
    attribution: str,
    user: "User",
    reason: str = "",
    kept_findings: list[dict] | None = None,
) -> ExcerptVersion:
    number = excerpt.versions.count() + 1
    return ExcerptVersion.objects.create(
        excerpt=excerpt,
        number=number,
        text=text,
        digest=text_digest(text),
        attribution=attribution,
        written_by=user,
        reason=reason,
        findings=json.dumps(kept_findings) if kept_findings else "",
    )


def _grant(excerpt: Excerpt, version: ExcerptVersion, user: "User") -> None:
    live = live_consent(excerpt)
    if live is not None:
        ConsentEvent.objects.create(
            excerpt_id=excerpt.pk,
            version=live.version.number,
            kind=ConsentKind.SUPERSEDED,
            digest=live.version.digest,
            attribution=live.attribution,
            actor_id=user.pk,
        )
    ConsentEvent.objects.create(
        excerpt_id=excerpt.pk,
        version=version.number,
        kind=ConsentKind.GRANTED,
        digest=version.digest,
        attribution=version.attribution,
        actor_id=user.pk,
    )
    audit.record(excerpt, "exchange.consent.grant", user, version=version.number)
    # A chapter quoting the excerpt shows the new words now, or nothing if it is no longer for
    # publication: its editors hear of it, and the index forgets the old words.
    reason = "withdrawn" if version.attribution == Attribution.PRIVATE else "superseded"
    consent_changed.send(
        Excerpt, excerpt_id=excerpt.pk, reason=reason, words=live.text if live else ""
    )


def refuse_if_final(excerpt: Excerpt) -> None:
    """From its freeze date a publication is final: the excerpts its pages quote stay as they
    are, and the author is told why."""
    publication = selectors.final_publication(selectors.quoted_in(excerpt.pk))
    if publication is not None:
        raise ExcerptError(
            _(
                "This excerpt is quoted in “%(publication)s”, which is final since %(date)s: "
                "its pages stay as they are, so the quote can no longer be changed or "
                "withdrawn. Erasing your account would still take your name off it."
            )
            % {
                "publication": publication.title,
                "date": date_format(publication.freeze_date),
            }
        )


def excerpt_propose(
    *,
    entry_id: int,
    user: "User",
    text: str,
    attribution: str,
    reasons: Mapping[str, str],
    checklist: Set[str],
) -> Excerpt:
    text, attribution = _clean(text), _attribution(attribution)
    with transaction.atomic():
        entry = (
            ReflectionEntry.objects.select_related("visit__application")
            .filter(pk=entry_id, author=user, submitted_at__isnull=False)
            .first()
        )
        if entry is None:
            raise ExcerptError(_("Excerpts come from your own submitted answers."))
        kept = _gate(text, reasons, checklist)
        excerpt = Excerpt.objects.create(
            entry=entry,
            author=user,
            visit=entry.visit,
            challenge_id=entry.visit.application.challenge_id,
            goal=entry.goal,
            phase=entry.phase,
            language=entry.language,
        )
        version = _new_version(excerpt, text, attribution, user, kept_findings=kept)
        audit.record(excerpt, "exchange.excerpt.propose", user)
        _grant(excerpt, version, user)
    return excerpt


def excerpt_revise(
    *,
    excerpt_id: int,
    user: "User",
    text: str,
    attribution: str,
    reasons: Mapping[str, str],
    checklist: Set[str],
) -> ExcerptVersion:
    """The author's own edit (of the words, the attribution or both): a new version, consented
    to as it is written."""
    text, attribution = _clean(text), _attribution(attribution)
    with transaction.atomic():
        excerpt = _own(excerpt_id, user)
        refuse_if_final(excerpt)
        live = live_consent(excerpt)
        if live and live.version.digest == text_digest(text) and live.attribution == attribution:
            raise ExcerptError(_("Nothing changed: you already consented to these words."))
        kept = _gate(text, reasons, checklist)
        version = _new_version(excerpt, text, attribution, user, kept_findings=kept)
        audit.record(excerpt, "exchange.excerpt.revise", user, version=version.number)
        _grant(excerpt, version, user)
    return version


def flags_confirm(*, excerpt_id: int, user: "User") -> FlagsConfirmation:
    """A coordinator confirms that the version consented to, attributed by name and keeping
    flags that name someone or reach them, may be published: until then no page shows it."""
    with transaction.atomic():
        if not is_coordinator(user):
            raise ExcerptError(_("Only the coordinators confirm what an author kept."))
        excerpt = Excerpt.objects.select_for_update().filter(pk=excerpt_id).first()
        live = live_consent(excerpt) if excerpt is not None else None
        if excerpt is None or live is None:
            raise ExcerptError(_("There is no consented version of this excerpt to confirm."))
        if not live.version.asks_for_confirmation:
            raise ExcerptError(_("This version keeps nothing that needs a confirmation."))
        confirmation, created = FlagsConfirmation.objects.get_or_create(
            version=live.version, defaults={"confirmed_by": user}
        )
        if not created:
            raise ExcerptError(_("This version is confirmed already."))
        audit.record(excerpt, "exchange.excerpt.confirm_flags", user, version=live.version.number)
    return confirmation


def excerpt_suggest(*, excerpt_id: int, user: "User", text: str, reason: str) -> ExcerptVersion:
    """A coordinator's edit (shortening, removing a detail): it counts once the author
    approves it; until then the version consented to stands."""
    text = _clean(text)
    reason = (reason or "").strip()
    if not reason:
        raise ExcerptError(_("Say why you suggest the edit: the author reads it."))
    with transaction.atomic():
        if not is_coordinator(user):
            raise ExcerptError(_("Only the coordinators suggest edits to excerpts."))
        excerpt = Excerpt.objects.select_for_update().filter(pk=excerpt_id).first()
        if excerpt is None:
            raise ExcerptError(_("This excerpt does not exist."))
        refuse_if_final(excerpt)
        if live_consent(excerpt) is None:
            raise ExcerptError(
                _("The author has withdrawn their consent: there is nothing to suggest an edit to.")
            )
        last = excerpt.versions.order_by("-number").first()
        if last is not None and last.digest == text_digest(text):
            raise ExcerptError(_("The text is the same as the last version."))
        attribution = last.attribution if last else Attribution.ANONYMOUS
        version = _new_version(excerpt, text, attribution, user, reason=reason[:500])
        audit.record(excerpt, "exchange.excerpt.suggest", user, version=version.number)
        if excerpt.author is not None and excerpt.author.is_active:
            # The author decides; the e-mail says so and leads to the excerpt, never quoting it.
            mail.send_after_commit(
                excerpt.visit,
                SUGGESTED,
                [excerpt.author],
                path=reverse("excerpt_detail", args=[excerpt.pk]),
            )
    return version


def excerpt_approve(
    *,
    excerpt_id: int,
    user: "User",
    number: int,
    digest: str,
    reasons: Mapping[str, str],
    checklist: Set[str],
) -> ExcerptVersion:
    """The author consents to a version someone else wrote: the one they read, proved by its
    digest, and only while it is still the latest."""
    with transaction.atomic():
        excerpt = _own(excerpt_id, user)
        refuse_if_final(excerpt)
        version = excerpt.versions.filter(number=number).first()
        latest = excerpt.versions.order_by("-number").first()
        if version is None or latest is None:
            raise ExcerptError(_("This version does not exist."))
        if version.pk != latest.pk:
            raise ExcerptError(_("This version has since changed: read the latest one."))
        if digest != version.digest or text_digest(version.text) != version.digest:
            raise ExcerptError(_("The text you approved is not this version's: reload the page."))
        live = live_consent(excerpt)
        if live is not None and live.version.pk == version.pk:
            raise ExcerptError(_("You already consented to this version."))
        _gate(version.text, reasons, checklist)
        _grant(excerpt, version, user)
    return version


def excerpt_withdraw(*, excerpt_id: int, user: "User") -> None:
    with transaction.atomic():
        excerpt = _own(excerpt_id, user)
        live = live_consent(excerpt)
        if live is None:
            raise ExcerptError(_("There is no consent to withdraw: it was withdrawn already."))
        refuse_if_final(excerpt)
        ConsentEvent.objects.create(
            excerpt_id=excerpt.pk,
            version=live.version.number,
            kind=ConsentKind.WITHDRAWN,
            digest=live.version.digest,
            attribution=live.attribution,
            actor_id=user.pk,
        )
        audit.record(excerpt, "exchange.consent.withdraw", user, version=live.version.number)
        consent_changed.send(Excerpt, excerpt_id=excerpt.pk, reason="withdrawn", words=live.text)


def may_read(excerpt: Excerpt, user: "User") -> bool:
    """Its author, and the coordinators; nobody else reads an excerpt before it is published."""
    return user.is_authenticated and (excerpt.author_id == user.pk or is_coordinator(user))


def _own(excerpt_id: int, user: "User") -> Excerpt:
    excerpt = Excerpt.objects.select_for_update().filter(pk=excerpt_id).first()
    if excerpt is None or excerpt.author_id != user.pk:
        raise ExcerptError(_("This excerpt does not exist, or is not yours."))
    return excerpt
