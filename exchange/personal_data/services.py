"""The erasure of a member's account (their export: exchange/personal_data/export.py).

Erasure keeps what others need, without the person: pages, revisions, workflow steps and audit
entries stay with no user; an accepted invitation loses its address. The rest goes with the
user row (the relations cascade). Each erasure is appended to a log outside the database
(settings.ERASURE_LOG), so that `manage.py replay_erasures` can erase again whoever a restored
backup brings back.
"""

import hashlib
import json
import logging
import os
from contextvars import ContextVar
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from allauth.usersessions.models import UserSession

from exchange.excerpts import selectors as excerpts
from exchange.visits import reminders

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

# True while the erasure log is replayed: an erasure it holds is not logged a second time.
REPLAYING: ContextVar[bool] = ContextVar("replaying_erasures", default=False)


# --- erasure ------------------------------------------------------------------------------------


ERASURE_KEY_SALT = "exchange.personal_data.erasure-log"


def email_digest(email: str, secret: str | None = None) -> str:
    """A keyed digest of the address (HMAC-SHA256 under SECRET_KEY, which lives in the
    environment, never in a backup): whoever holds the erasure log or a backup of it cannot
    confirm a guessed address, as a plain SHA-256 let them."""
    normalised = email.strip().lower()
    return salted_hmac(ERASURE_KEY_SALT, normalised, secret=secret, algorithm="sha256").hexdigest()


def logged_address_matches(record: dict, email: str) -> bool:
    """Whether an erasure record names this address: under the current SECRET_KEY or one of
    SECRET_KEY_FALLBACKS (so a rotated key still finds whom to erase again), or, for a record
    written before the digest was keyed, its plain SHA-256."""
    if "email_hmac" in record:
        secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
        return any(
            constant_time_compare(email_digest(email, secret), record["email_hmac"])
            for secret in secrets
        )
    legacy = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return constant_time_compare(legacy, record.get("email_sha256", ""))


def erase(user: "User") -> None:
    """Erase `user`: end their sessions, anonymise what stays, delete the rest. One
    transaction; the log entry is written first (`before_user_delete`), so an erasure is never
    done but unlogged."""
    with transaction.atomic():
        for session in UserSession.objects.filter(user=user):
            session.end()  # removes the session from the store: every device is signed out
        user.delete()
        # A host who leaves may have been their organisation's last one.
        transaction.on_commit(reminders.tell_waiting_for_host, robust=True)


def before_user_delete(sender: type, instance: "User", **kwargs: object) -> None:
    """Whatever deletes a user (the member themself, a coordinator in the admin's Users page, a
    script) logs the erasure and anonymises what stays, inside the deleting transaction."""
    if not REPLAYING.get():
        _log_erasure(instance)
    _anonymise(instance)


def _anonymise(user: "User") -> None:
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import ModelLogEntry, PageLogEntry

    from exchange.excerpts.models import Excerpt, consent_changed, live_consent
    from exchange.membership.models import Invitation
    from exchange.visits.models import Application

    # Audit entries keep what happened, not who: Wagtail keeps their user id without a key.
    for log_model in (PageLogEntry, ModelLogEntry):
        log_model.objects.filter(user=user).update(user=None)
    for invitation in Invitation.objects.filter(accepted_by=user):
        invitation.email = f"erased-{invitation.pk}@erased.invalid"
        invitation.accepted_by = None
        invitation.save(update_fields=["email", "accepted_by"])
        # The audit log labels each entry with the invitation as it was: its address.
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Invitation),
            object_id=str(invitation.pk),
        ).update(label=str(invitation))
    # Their excerpts are their words: they go (the consent ledger keeps ids and digests only),
    # and every page quoting one stops showing it. Only a quote in a final publication stays,
    # without their name (the author becomes nobody: SET_NULL).
    for excerpt in Excerpt.objects.filter(author=user):
        if excerpts.final_publication(excerpts.quoted_in(excerpt.pk)) is not None:
            continue
        consent, excerpt_id = live_consent(excerpt), excerpt.pk
        excerpt.delete()
        consent_changed.send(
            Excerpt, excerpt_id=excerpt_id, reason="erased", words=consent.text if consent else ""
        )
    # A visit's existence stays (the network's figures count it; the host's records need it):
    # its visitor becomes nobody (SET_NULL), and the applicant's own words go.
    Application.objects.filter(applicant=user).update(challenge_statement="", learning_goals="")


def _log_erasure(user: "User") -> None:
    record = {
        "user_id": user.pk,
        "email_hmac": email_digest(user.email),
        "erased_at": timezone.now().isoformat(),
    }
    path = settings.ERASURE_LOG
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as log:
        log.write(json.dumps(record) + "\n")
        log.flush()
        os.fsync(log.fileno())


def replay_erasures() -> int:
    """Erase again every logged user a restored backup brought back; the number erased."""
    path = settings.ERASURE_LOG
    if not path.exists():
        return 0
    erased = 0
    User = get_user_model()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        user = User.objects.filter(pk=record["user_id"]).first()
        # The id alone could now belong to someone else: the address must match too.
        if user is not None and logged_address_matches(record, user.email):
            token = REPLAYING.set(True)  # already in the log
            try:
                erase(user)
            finally:
                REPLAYING.reset(token)
            erased += 1
            logger.info(
                "Erased user %s again (erased first at %s)", record["user_id"], record["erased_at"]
            )
    return erased
