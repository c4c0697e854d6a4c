"""Invitations: the only way into the network. Each function is one workflow step and one
transaction; a refusal raises InvitationError with a message for the person concerned."""

import csv
import io
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from allauth.account.models import EmailAddress

from cms.models import OrganisationPage
from exchange import audit
from exchange.membership.models import Invitation, InvitationState, Profile, token_digest
from exchange.roles import make_member

if TYPE_CHECKING:
    from django.contrib.auth.models import User

SESSION_KEY = "invitation_token"

logger = logging.getLogger(__name__)


class InvitationError(Exception):
    """An invitation cannot be made, used or changed; the message says why."""


def normalise(email: str) -> str:
    return (email or "").strip().lower()


def address_is_taken(email: str) -> bool:
    return (
        EmailAddress.objects.filter(email__iexact=email).exists()
        or get_user_model().objects.filter(email__iexact=email).exists()
    )


def refusal(email: str) -> str | None:
    """Why `email` (normalised) cannot be invited, or None. The database's unique constraint
    still decides a race between two coordinators."""
    try:
        validate_email(email)
    except ValidationError:
        return _("not an e-mail address")
    if address_is_taken(email):
        return _("already has an account")
    if Invitation.objects.open().filter(email__iexact=email).exists():
        return _("already has an open invitation: resend that one instead")
    return None


def invitation_in_session(request: HttpRequest) -> Invitation | None:
    """The usable invitation whose link was followed in this session (`accept_invitation`)."""
    try:
        return usable_invitation(request.session.get(SESSION_KEY))
    except InvitationError:
        return None


def invite(
    email: str, organisation: OrganisationPage, invited_by: "User | None" = None
) -> Invitation:
    """Invite `email` to join for `organisation` and send the link."""
    email = normalise(email)
    if problem := refusal(email):
        raise InvitationError(f"{email}: {problem}.")
    invitation = Invitation(email=email, organisation=organisation, invited_by=invited_by)
    token = invitation.set_new_token()
    try:
        with transaction.atomic():
            invitation.save()
            audit.record(invitation, "exchange.invitation.create", invited_by)
            _send(invitation, token)
    except IntegrityError as error:
        raise InvitationError(
            _("%(email)s already has an open invitation: resend it instead.") % {"email": email}
        ) from error
    return invitation


def resend(invitation: Invitation, *, user: "User | None" = None) -> Invitation:
    """A new link with a new expiry; the old link stops working."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_open:
            raise InvitationError(
                _("This invitation is %(state)s and cannot be sent again.")
                % {"state": invitation.get_state_display()}
            )
        token = invitation.set_new_token()
        invitation.save(update_fields=["token_digest", "expires_at"])
        audit.record(invitation, "exchange.invitation.resend", user)
        _send(invitation, token)
    return invitation


def revoke(invitation: Invitation, *, user: "User | None" = None) -> Invitation:
    with transaction.atomic():
        changed = (
            Invitation.objects.open().filter(pk=invitation.pk).update(revoked_at=timezone.now())
        )
        if not changed:
            raise InvitationError(_("Only an invitation that has not been used can be revoked."))
        audit.record(invitation, "exchange.invitation.revoke", user)
    invitation.refresh_from_db()
    return invitation


def usable_invitation(token: str | None) -> Invitation:
    """The invitation a link's token opens, or InvitationError saying why it cannot be used."""
    invitation = (
        Invitation.objects.filter(token_digest=token_digest(token)).first() if token else None
    )
    if invitation is None:
        raise InvitationError(
            _("This invitation link is not valid. Ask your coordinator for a new one.")
        )
    messages = {
        InvitationState.ACCEPTED: _("This invitation has already been used. Sign in instead."),
        InvitationState.REVOKED: _("This invitation has been withdrawn."),
        InvitationState.EXPIRED: _(
            "This invitation has expired. Ask your coordinator to send it again."
        ),
    }
    if invitation.state in messages:
        raise InvitationError(messages[invitation.state])
    return invitation


def accept(token: str, user: "User") -> Invitation:
    """Mark the invitation used by `user`; call inside the transaction that creates the user,
    so that a refused invitation leaves no account behind."""
    invitation = usable_invitation(token)
    if normalise(user.email) != invitation.email:
        raise InvitationError(
            _("Sign up with the address the invitation was sent to: %(email)s.")
            % {"email": invitation.email}
        )
    # A conditional update: of two sign-ups with one link, only the first uses it.
    used = (
        Invitation.objects.usable()
        .filter(pk=invitation.pk)
        .update(accepted_at=timezone.now(), accepted_by=user)
    )
    if not used:
        raise InvitationError(_("This invitation has already been used. Sign in instead."))
    invitation.refresh_from_db()
    audit.record(invitation, "exchange.invitation.accept", user)
    organisation = invitation.organisation
    Profile.objects.create(user=user, organisation=organisation, country=organisation.country)
    make_member(user)
    return invitation


def _send(invitation: Invitation, token: str) -> None:
    """Mail the link once the transaction commits: a batch that rolls back mails nobody. The
    invitation counts as sent when the mail server took the message; a failure is logged, and
    the coordinators see it was not sent (resend it)."""
    inviter = invitation.invited_by.get_full_name() if invitation.invited_by else ""
    context = {
        "invitation": invitation,
        # Who invites, by name (a stranger's invitation to a field whose people are targets
        # should be easy to check), and what the network is.
        "inviter": inviter or _("The network's coordinators"),
        "link": settings.BASE_URL + reverse("invitation_accept", args=[token]),
        "home": settings.BASE_URL + "/",
        "valid_days": settings.INVITATION_VALID_DAYS,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    message = EmailMessage(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
        + _("%(inviter)s invites you to join %(site)s")
        % {"inviter": context["inviter"], "site": settings.WAGTAIL_SITE_NAME},
        body=render_to_string("exchange/membership/email/invitation.txt", context),
        to=[invitation.email],
    )

    def send() -> None:
        try:
            message.send()
        except OSError:  # smtplib's errors are OSErrors
            logger.exception("Invitation %s not sent", invitation.pk)
            return
        Invitation.objects.filter(pk=invitation.pk).update(
            sent_at=timezone.now(), times_sent=F("times_sent") + 1
        )

    transaction.on_commit(send)


# --- Bulk invitations from a spreadsheet ---------------------------------------------------------


@dataclass(frozen=True)
class Row:
    line: int
    email: str
    organisation: OrganisationPage | None
    error: str = ""


def read_csv(data: bytes, default_organisation: OrganisationPage | None = None) -> list[Row]:
    """The rows of an invitation CSV (columns `email` and, unless one organisation is chosen
    for all, `organisation`: its slug or exact name), each checked; nothing is sent."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvitationError(_("The file is not UTF-8 text: save it as CSV (UTF-8).")) from error
    if "\x00" in text:  # a spreadsheet's binary file, renamed; no database stores NUL in text
        raise InvitationError(_("The file is not CSV text: save it as CSV (UTF-8)."))
    reader = csv.DictReader(io.StringIO(text))
    try:
        return _read_rows(reader, default_organisation)
    # e.g. a field over the csv module's limit of 128 KiB, on the line after the last one read
    except csv.Error as error:
        raise InvitationError(
            _("Line %(line)s of the file cannot be read as CSV (%(error)s).")
            % {"line": reader.line_num + 1, "error": error}
        ) from error


def _read_rows(reader: csv.DictReader, default_organisation: OrganisationPage | None) -> list[Row]:
    columns = {(name or "").strip().lower() for name in reader.fieldnames or []}
    if "email" not in columns:
        raise InvitationError(_("The file needs a header row with an “email” column."))
    organisations = OrganisationPage.objects.all()
    rows, seen = [], set()
    for line, raw in enumerate(reader, start=2):
        record = {(key or "").strip().lower(): (value or "").strip() for key, value in raw.items()}
        email = normalise(record.get("email", ""))
        if not email:
            continue
        organisation, error = default_organisation, ""
        name = record.get("organisation", "")
        if name:
            organisation = (
                organisations.filter(slug=name).first()
                or organisations.filter(title__iexact=name).first()
            )
            if organisation is None:
                error = _("no organisation “%(name)s”") % {"name": name}
        elif organisation is None:
            error = _("no organisation given")
        if not error and email in seen:
            error = _("listed twice")
        error = error or refusal(email) or ""
        seen.add(email)
        rows.append(Row(line, email, organisation, error))
    if not rows:
        raise InvitationError(_("The file holds no addresses."))
    return rows


def invite_rows(rows: list[Row], invited_by: "User | None" = None) -> list[Invitation]:
    """Invite every row, or none: a list with an error in it is sent back to be corrected."""
    if any(row.error for row in rows):
        raise InvitationError(_("Correct the rows marked in the list, then upload it again."))
    with transaction.atomic():
        return [
            invite(row.email, row.organisation, invited_by)
            for row in rows
            if row.organisation is not None  # a row without one has an error
        ]
