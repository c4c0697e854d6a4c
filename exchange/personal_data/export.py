"""A member's personal data, to download: everything the platform holds about them as a ZIP of
JSON files, in their language.

Every relation from a model to the user is a section of the export
(tests/exchange/personal_data/test_services.py fails on one that is not, so a new model cannot be
forgotten); the floors above plug in theirs (cms.plugins.PERSONAL_DATA_SECTIONS).
"""

import io
import json
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail import hooks

from cms import plugins
from exchange.excerpts import selectors as excerpts
from exchange.notifications import language_of

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class Section:
    """One JSON file of the export: `fields` of the `model` rows whose `user_field` is the user."""

    name: str
    model: str
    user_field: str
    fields: tuple[str, ...]


SECTIONS = [
    Section("email_addresses", "account.EmailAddress", "user", ("email", "verified", "primary")),
    # What the retention schedule told the member would go, and when.
    Section(
        "retention_warnings", "exchange.RetentionWarning", "owner", ("kind", "due_on", "sent_at")
    ),
    Section(
        "profile",
        "exchange.Profile",
        "user",
        ("organisation__title", "role", "country", "biography", "hosts_visitors", "updated_at"),
    ),
    Section(
        "invitation_accepted",
        "exchange.Invitation",
        "accepted_by",
        ("organisation__title", "created_at", "accepted_at"),
    ),
    # Invitations a coordinator sent: when and for which organisation, not the invitees'
    # addresses (their personal data, not the coordinator's).
    Section(
        "invitations_sent",
        "exchange.Invitation",
        "invited_by",
        ("organisation__title", "created_at", "times_sent", "accepted_at", "revoked_at"),
    ),
    Section(
        "visit_applications",
        "exchange.Application",
        "applicant",
        (
            "challenge__name",
            "challenge_statement",
            "learning_goals",
            "available_from",
            "available_until",
            "offer__title",
            "created_at",
            "withdrawn_at",
        ),
    ),
    Section(
        "visits",
        "exchange.Visit",
        "visitor",
        ("window__offer__organisation__title", "state", "starts_on", "ends_on", "reason"),
    ),
    Section("visits_proposed", "exchange.Visit", "proposed_by", ("created_at", "state")),
    Section(
        "hosting_offers_created", "exchange.HostingOffer", "created_by", ("title", "created_at")
    ),
    Section(
        "agreements_signed_as_host",
        "exchange.LearningAgreement",
        "host_signed_by",
        ("visit__starts_on", "host_signed_at"),
    ),
    Section("amendments_proposed", "exchange.Amendment", "proposed_by", ("reason", "created_at")),
    # The messages' text, decrypted for the member: export() below replaces these rows.
    Section("visit_messages", "exchange.VisitMessage", "author", ("visit_id", "created_at")),
    Section("reminders_received", "exchange.ReminderSent", "recipient", ("kind", "sent_at")),
    # The inbox, how the member chose to hear of each kind, and the digests sent to them.
    Section(
        "notifications",
        "exchange.Notification",
        "recipient",
        ("kind", "subject", "topic", "link", "created_at", "read_at", "emailed_at", "channel"),
    ),
    Section("notification_choices", "exchange.NotificationChoice", "person", ("kind", "channel")),
    Section(
        "digests_sent", "exchange.DigestSent", "person", ("period", "slot", "sent_at", "items")
    ),
    # The entries themselves, with the text of every version, their sharing and who read them:
    # reflection_log() below. Erasing the member deletes their entries (CASCADE).
    Section(
        "reflection_entries",
        "exchange.ReflectionEntry",
        "author",
        ("visit__starts_on", "phase", "question_text", "goal", "day", "created_at", "submitted_at"),
    ),
    # The excerpts' words, versions and consents: consent_receipts() below. Erasing the member
    # deletes their excerpts; the consent ledger keeps its plain ids and digests.
    Section("excerpts", "exchange.Excerpt", "author", ("visit_id", "phase", "goal", "created_at")),
    # A coordinator's suggested versions: their words and why (decrypted for them).
    Section(
        "excerpt_edits_suggested",
        "exchange.ExcerptVersion",
        "written_by",
        ("excerpt_id", "number", "text", "reason", "created_at"),
    ),
    # A coordinator's confirmations that a named quote keeping flagged words may be published.
    Section(
        "quotes_confirmed",
        "exchange.FlagsConfirmation",
        "confirmed_by",
        ("version__excerpt_id", "version__number", "confirmed_at"),
    ),
    # A coordinator's coding: which code they put on which span (the words stay the author's).
    Section(
        "spans_coded",
        "exchange.CodedSpan",
        "coded_by",
        ("content_object_id", "tag__name", "start", "end", "created_at"),
    ),
    # The member's survey responses; their answers (free text decrypted for them alone):
    # survey_answers() below. Erasing the member deletes their responses (CASCADE).
    Section(
        "survey_responses",
        "exchange.SurveyResponse",
        "respondent",
        ("survey__kind", "survey__year", "visit_id", "as_host", "created_at", "submitted_at"),
    ),
    # What the member took home from their visits: the practices, their intentions (the why
    # decrypted for them), the follow-ups and what they passed on. Erased with them (CASCADE).
    Section(
        "practices_seen",
        "exchange.PracticeSeen",
        "visitor",
        (
            "visit_id",
            "practice__title",
            "goal",
            "added_at",
            "intention",
            "intention_why",
            "intended_at",
            "latest_status",
        ),
    ),
    Section(
        "passed_on",
        "exchange.PassedOn",
        "author",
        ("visit_id", "seen__practice__title", "kind", "on", "colleagues", "note", "created_at"),
    ),
    Section(
        "practices_listed",
        "exchange.PracticeSeen",
        "added_by",
        ("visit_id", "practice__title", "added_at"),
    ),
    Section(
        "concerns_reported",
        "exchange.Concern",
        "reporter",
        ("practice_title", "text", "created_at", "handled_at"),
    ),
    Section("concerns_handled", "exchange.Concern", "handled_by", ("practice_title", "handled_at")),
    Section("calendar_feed", "exchange.CalendarFeed", "user", ("created_at",)),
    Section("second_factors", "mfa.Authenticator", "user", ("type", "created_at", "last_used_at")),
    Section(
        "sessions",
        "usersessions.UserSession",
        "user",
        ("ip", "user_agent", "created_at", "last_seen_at"),
    ),
    Section(
        "admin_preferences",
        "wagtailusers.UserProfile",
        "user",
        (
            "preferred_language",
            "current_time_zone",
            "submitted_notifications",
            "approved_notifications",
            "rejected_notifications",
            "updated_comments_notifications",
            "theme",
            "density",
            "contrast",
            "keyboard_shortcuts",
        ),
    ),
    Section("pages_owned", "wagtailcore.Page", "owner", ("title", "url_path", "live")),
    Section("pages_locked", "wagtailcore.Page", "locked_by", ("title", "locked_at")),
    Section(
        "revisions",
        "wagtailcore.Revision",
        "user",
        ("object_str", "created_at", "approved_go_live_at"),
    ),
    Section(
        "page_history",
        "wagtailcore.PageLogEntry",
        "user",
        ("action", "label", "timestamp", "page__title"),
    ),
    Section("admin_history", "wagtailcore.ModelLogEntry", "user", ("action", "label", "timestamp")),
    Section(
        "workflows_started",
        "wagtailcore.WorkflowState",
        "requested_by",
        ("workflow__name", "status", "created_at"),
    ),
    Section(
        "moderation_decisions",
        "wagtailcore.TaskState",
        "finished_by",
        ("task__name", "status", "finished_at", "comment"),
    ),
    Section("comments", "wagtailcore.Comment", "user", ("text", "created_at", "updated_at")),
    Section("comments_resolved", "wagtailcore.Comment", "resolved_by", ("text", "resolved_at")),
    Section("comment_replies", "wagtailcore.CommentReply", "user", ("text", "created_at")),
    Section(
        "page_subscriptions",
        "wagtailcore.PageSubscription",
        "user",
        ("page__title", "comment_notifications"),
    ),
    Section("images", "wagtailimages.Image", "uploaded_by_user", ("title", "file", "created_at")),
    Section(
        "documents", "wagtaildocs.Document", "uploaded_by_user", ("title", "file", "created_at")
    ),
    Section("uploads_in_progress", "wagtailcore.UploadedFile", "uploaded_by_user", ("file",)),
    Section(
        "editing_sessions", "wagtailadmin.EditingSession", "user", ("object_id", "last_seen_at")
    ),
    # Unsaved admin form contents kept for the editor: the content is exported as it is.
    Section("admin_form_states", "wagtailadmin.FormState", "user", ("data", "last_updated_at")),
    Section(
        "api_tokens",
        "wagtailcore.APIToken",
        "user",
        ("name", "prefix", "created", "revoked_at", "last_used_at"),
    ),
]

ACCOUNT_FIELDS = ("username", "email", "first_name", "last_name", "date_joined", "last_login")


def sections() -> list[Section]:
    """Exchange's sections, then those the floors above plug in (matching's rounds)."""
    plugged = hooks.get_hooks(plugins.PERSONAL_DATA_SECTIONS)
    return [*SECTIONS, *(section for hook in plugged for section in hook())]


def _rows(section: Section, user: "User") -> list[dict]:
    model = apps.get_model(section.model)
    rows = model._base_manager.filter(**{section.user_field: user}).order_by("pk")
    return list(rows.values(*section.fields))


def export(user: "User") -> dict[str, object]:
    """Everything about `user`, by file name."""
    account = {field: getattr(user, field) for field in ACCOUNT_FIELDS}
    account["groups"] = sorted(user.groups.values_list("name", flat=True))
    data: dict[str, object] = {"account": account}
    for section in sections():
        data[section.name] = _rows(section, user)
    data["reflection_log"] = reflection_log(user)
    data["survey_answers"] = survey_answers(user)
    # Answers about the practices the member saw (theirs through the practice: no user field).
    data["follow_ups"] = list(
        apps.get_model("exchange.FollowUp")
        .objects.filter(seen__visitor=user)
        .order_by("pk")
        .values(
            "seen__visit_id",
            "seen__practice__title",
            "month",
            "status",
            "helped",
            "hindered",
            "note",
            "answered_at",
        )
    )
    data["visit_messages"] = [
        {"visit_id": message.visit_id, "created_at": message.created_at, "text": message.text}
        for message in apps.get_model("exchange.VisitMessage").objects.filter(author=user)
    ]
    data["consent_receipts"] = [receipt.as_dict() for receipt in excerpts.receipts(user)]
    # Every version of the member's excerpts, with the flags they kept and their reasons.
    data["excerpt_versions"] = [
        {
            "excerpt_id": version.excerpt_id,
            "number": version.number,
            "text": version.text,
            "attribution": version.attribution,
            "written_by_you": version.written_by_id == user.pk,
            "reason": version.reason,
            "flags_kept": version.kept_findings,
            "created_at": version.created_at,
        }
        for version in apps.get_model("exchange.ExcerptVersion")
        .objects.filter(excerpt__author=user)
        .order_by("excerpt_id", "number")
    ]
    profile = getattr(user, "profile", None)
    if profile is not None:
        data["profile_languages"] = list(profile.languages.values("language__name", "level"))
        data["profile_challenges_faced"] = list(
            profile.challenges_faced.values_list("name", flat=True)
        )
        data["profile_challenges_shown"] = list(
            profile.challenges_shown.values_list("name", flat=True)
        )
        data["profile_practices_shown"] = list(
            profile.practices_shown.values_list("title", flat=True)
        )
    return data


def reflection_log(user: "User") -> list[dict]:
    """The member's reflection entries: every version's text (decrypted for them alone), the
    sharing history, and each read by someone else."""
    from exchange.reflections.models import EntryRead, ReflectionEntry

    entries = ReflectionEntry.objects.filter(author=user).prefetch_related("versions", "shares")
    reads: dict[int, list[dict]] = {}
    for read in EntryRead.objects.filter(author_id=user.pk).order_by("read_at"):
        reads.setdefault(read.entry_id, []).append(
            {"version": read.version, "reader_id": read.reader_id, "read_at": read.read_at}
        )
    return [
        {
            "visit": entry.visit_id,
            "phase": entry.phase,
            "question": entry.question_text,
            "goal": entry.goal,
            "day": entry.day,
            "versions": [
                {
                    "number": v.number,
                    "submitted": v.submitted,
                    "saved_at": v.saved_at,
                    "text": v.text,
                }
                for v in entry.versions.all()
            ],
            "shared": [
                {"with": s.audience, "shared_at": s.shared_at, "withdrawn_at": s.withdrawn_at}
                for s in entry.shares.all()
            ],
            "read_by_others": reads.get(entry.pk, []),
        }
        for entry in entries
    ]


def survey_answers(user: "User") -> list[dict]:
    """Each answer the member gave, with the question as asked."""
    from exchange.surveys.models import SurveyAnswer

    answers = SurveyAnswer.objects.filter(response__respondent=user).select_related(
        "question", "response__survey"
    )
    return [
        {
            "survey": str(answer.response.survey),
            "visit": answer.response.visit_id,
            "question": answer.question.text_en,
            "answer": answer.text or answer.choice or answer.number,
        }
        for answer in answers.order_by("response_id", "question__sort_order")
    ]


def export_zip(user: "User") -> bytes:
    """The export as a ZIP: a JSON file for each kind of data that holds something about the
    person (none for the kinds that hold nothing), and a README that lists them."""
    buffer = io.BytesIO()
    held = {name: content for name, content in export(user).items() if content}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in held.items():
            text = json.dumps(content, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
            archive.writestr(f"{name}.json", text)
        archive.writestr("README.txt", _readme(user, sorted(held)))
    return buffer.getvalue()


def _readme(user: "User", names: list[str]) -> str:
    with translation.override(language_of(user)):
        lines = [
            _("Everything %(site)s holds about you, on %(date)s.")
            % {"site": settings.WAGTAIL_SITE_NAME, "date": timezone.localdate().isoformat()},
            "",
            _("One JSON file for each kind of data that holds something about you:"),
            *(f"- {name}.json" for name in names),
            "",
            _(
                "Encrypted texts (reflections, messages, excerpts, free-text answers) are "
                "here in clear: keep this file safe."
            ),
        ]
    return "\n".join(str(line) for line in lines) + "\n"
