"""The records the access-control matrix probes: two organisations, a member of each, a host
of the first, a coordinator and a platform operator (staff), and one object of every kind a URL
can name. Every id in a probed URL belongs to organisation A or to the coordinator, so that
member B, host A and member A each try records that are or are not theirs; the exception is the
visit, member B's to organisation A: its visitor is B, host A hosts it, member A (who does not
host) may not see it."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client

from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    PageViewRestriction,
    Site,
    UploadedFile,
)

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from cms.models import Challenge, Language, PracticePage, Setting, SynonymGroup, TargetGroup
from demo.factories import UserFactory, apply, make_member, make_offer
from demo.page_factories import make_library, make_organisation, make_practice, publish
from exchange.coding.models import Theme
from exchange.excerpts.models import CaseNumberPattern
from exchange.membership import services as invitations
from exchange.membership.models import Profile
from exchange.notifications import kinds, unsubscribe
from exchange.notifications.models import Notification
from exchange.roles import COORDINATORS, MEMBERS
from exchange.surveys.models import SurveyKind
from exchange.surveys.services import survey_for
from exchange.transfer import services as transfer
from exchange.transfer.models import Concern
from exchange.visits import agreements
from exchange.visits import services as visits
from exchange.visits.models import CalendarFeed
from matching.models import Exclusion, Round

ROLES = ("anonymous", "member_a", "member_b", "host_a", "coordinator", "staff")


@dataclass
class World:
    users: dict  # role → user (None for anonymous)
    ids: dict  # name → value, for the probes' URLs
    sessions: dict  # role → the session key of a sign-in (none for anonymous)


def build_world(home) -> World:
    library, organisations = make_library(home)
    org_a = make_organisation(organisations, title="Fictional Harbour Counselling", slug="org-a")
    org_b = make_organisation(organisations, title="Fictional Hill Mentors", slug="org-b")

    coordinator = UserFactory(username="coordinator")
    coordinator.groups.add(Group.objects.get(name=COORDINATORS))
    TOTP.activate(coordinator, generate_totp_secret())  # as the middleware requires
    staff = UserFactory(username="staff", is_staff=True, is_superuser=True)
    users = {
        "anonymous": None,
        "member_a": _member("member_a", org_a),
        "member_b": _member("member_b", org_b),
        "host_a": _member("host_a", org_a, hosts_visitors=True),
        "coordinator": coordinator,
        "staff": staff,
    }
    member_a = users["member_a"]

    practice = make_practice(library, title="Published practice of A", organisation=org_a)
    proposal = _proposal(library, org_a, member_a)
    workflow_state = proposal.workflow_states.get()
    task_state = workflow_state.current_task_state

    restricted = publish(home, PracticePage(**_practice_fields("Members-only page")))
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    by_password = publish(home, PracticePage(**_practice_fields("Password page")))
    password_restriction = PageViewRestriction.objects.create(
        page=by_password, restriction_type="password", password="fictional-secret"
    )

    collection = Collection.get_first_root_node().add_child(name="Members' files")
    collection_restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="login"
    )
    image = get_image_model().objects.create(
        title="Fictional photo", file=get_test_image_file(), uploaded_by_user=member_a
    )
    document = get_document_model().objects.create(
        title="Members' handbook",
        file=ContentFile(b"Fictional handbook.", name="handbook.txt"),
        collection=collection,
        uploaded_by_user=member_a,
    )
    upload = UploadedFile.objects.create(
        file=ContentFile(b"upload", name="upload.txt"), uploaded_by_user=member_a
    )
    invitation = invitations.invite("invitee@demo.example", org_a, coordinator)
    editing_session = EditingSession.objects.create(
        user=member_a,
        content_object=proposal.page_ptr,
        last_seen_at=proposal.latest_revision_created_at,
    )
    revisions = list(proposal.revisions.order_by("pk"))
    visit = _visit(org_a, users["member_b"])
    entry = _reflection(visit, users["member_b"])

    ids = {
        "home": home.pk,
        "library": library.pk,
        "org_a": org_a.pk,
        "org_a_slug": org_a.slug,
        "practice": practice.pk,
        "practice_url": practice.url,
        "proposal": proposal.pk,
        "proposal_url": proposal.url or f"/practices/{proposal.slug}/",
        "restricted_url": restricted.url,
        "by_password": by_password.pk,
        "password_restriction": password_restriction.pk,
        "collection": collection.pk,
        "collection_restriction": collection_restriction.pk,
        "image": image.pk,
        "document": document.pk,
        "document_url": document.url,
        "upload": upload.pk,
        "revision": revisions[0].pk,
        "workflow": workflow_state.workflow_id,
        "workflow_state": workflow_state.pk,
        "task": task_state.task_id,
        "task_state": task_state.pk,
        "invitation": invitation.pk,
        "profile": member_a.profile.pk,
        "user": member_a.pk,
        "group": Group.objects.get(name=MEMBERS).pk,
        "site": Site.objects.get(is_default_site=True).pk,
        # The French locale: no page or term is in it, so deleting it can go ahead.
        "locale": Locale.objects.get(language_code="fr").pk,
        "redirect": Redirect.objects.create(old_path="/old-a", redirect_link="/").pk,
        "challenge": Challenge.vocabulary.order_by("pk").first().pk,
        "synonymgroup": SynonymGroup.objects.order_by("pk").first().pk,
        "setting": Setting.vocabulary.order_by("pk").first().pk,
        "targetgroup": TargetGroup.vocabulary.order_by("pk").first().pk,
        "language": Language.vocabulary.order_by("pk").first().pk,
        "authenticator": Authenticator.objects.get(user=coordinator).pk,
        "editing_session": editing_session.pk,
        "offer": visit.window.offer_id,
        "application": visit.application_id,
        "visit": visit.pk,
        "agenda_item": visit.agenda.get().pk,
        "entry": entry.pk,
        "excerpt": (excerpt := _excerpt(entry)).pk,
        "code": _coded(excerpt, coordinator).pk,
        "theme": Theme.objects.create(title="Fictional theme").pk,
        "survey": survey_for(SurveyKind.AFTER_VISIT, 2026).pk,
        "chapter": _chapter(home).pk,
        "case_pattern": CaseNumberPattern.objects.create(pattern=r"JA/\d+", description="x").pk,
        "question": entry.question_id,
        "feed_token": CalendarFeed.objects.create(user=users["member_b"]).token,
        "notification": Notification.objects.create(
            recipient=users["member_a"], kind="visit", subject="Fictional", link="/visits/"
        ).pk,
        "unsubscribe": unsubscribe.token(users["member_b"], kinds.MESSAGE),
        "round": Round.objects.create(
            name="Fictional round",
            year=2027,
            window_from=date(2027, 1, 1),
            window_until=date(2027, 12, 31),
            created_by=coordinator,
        ).pk,
        # Host A lists A's practice on the visit's programme; member B reported a concern.
        "seen": transfer.practice_add(
            visit_id=visit.pk, user=users["host_a"], practice_id=practice.pk
        ).pk,
        "concern": Concern.objects.create(
            practice=practice,
            practice_title=practice.title,
            reporter=users["member_b"],
            text="Fictional concern.",
        ).pk,
        "exclusion": Exclusion.objects.create(
            application=visit.application, organisation=org_a, reason="Fictional conflict"
        ).pk,
    }
    return World(users=users, ids=ids, sessions=signed_in(users))


def signed_in(users: dict) -> dict:
    """A session per role, as the test client's force_login makes one: a request sends its key
    in a new client's cookie (signing in for each of some 10,000 requests cost a minute)."""
    sessions = {}
    for role, user in users.items():
        if user is not None:
            client = Client()
            client.force_login(user)
            sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions


def _visit(organisation, visitor):
    """Member B's scheduled visit to organisation A (host A hosts it), with an amendment
    waiting for host A's confirmation."""
    offer = make_offer(organisation)
    # A second host, who signs for A: host A is then not the visitor's partner in the log.
    host = make_member(organisation, hosts=True)
    visit = apply(visitor, offer.windows.get()).visits.get()
    visits.visit_accept(visit_id=visit.pk, user=host)
    terms = {
        "goals": "Goals.",
        "tasks": "Tasks.",
        "host_mentor": "Fictional mentor",
        "observation_rules": "Rules.",
        "starts_on": visit.starts_on,
        "ends_on": visit.ends_on,
    }
    agreements.agreement_update(visit_id=visit.pk, user=host, terms=terms)
    agreements.agreement_sign(visit_id=visit.pk, user=host)
    agreements.agreement_sign(visit_id=visit.pk, user=visitor)
    visits.agenda_add(
        visit_id=visit.pk, user=host, item={"day": visit.starts_on, "activity": "Meet"}
    )
    agreements.amendment_propose(
        visit_id=visit.pk, user=visitor, reason="Later start.", changes={"tasks": "More tasks."}
    )
    return visit


def _reflection(visit, visitor):
    """Member B's submitted answer about the visit, shared with the coordinators only (host A
    is not B's partner: the second host signed for A)."""
    from exchange.reflections import services as reflections
    from exchange.reflections.models import Phase, ReflectionQuestion

    question = ReflectionQuestion.objects.filter(phase=Phase.BEFORE, per_goal=False).first()
    entry = reflections.entry_save(
        visit_id=visit.pk,
        user=visitor,
        phase=Phase.BEFORE,
        question_id=question.pk,
        text="Fictional expectations.",
        submit=True,
    )
    reflections.entry_share(entry_id=entry.pk, user=visitor, audience="coordinators")
    return entry


def _excerpt(entry):
    """Member B's excerpt of that answer, consented to."""
    from exchange.excerpts import services as excerpts

    return excerpts.excerpt_propose(
        entry_id=entry.pk,
        user=entry.author,
        text="Fictional words for the publication.",
        attribution="anonymous",
        reasons={},
        checklist=set(excerpts.CHECKLIST),
    )


def _chapter(home):
    """A publication with one chapter, not yet final."""
    from exchange.publication.models import ChapterPage, PublicationPage

    publication = home.add_child(
        instance=PublicationPage(title="Fictional themes", year=2026, freeze_date=date(2099, 1, 1))
    )
    return publication.add_child(instance=ChapterPage(title="Fictional chapter"))


def _coded(excerpt, coordinator):
    """A code on the excerpt's first word, by the coordinator."""
    from exchange.coding import services as coding

    [span] = coding.span_code(
        excerpt_id=excerpt.pk, user=coordinator, passage="Fictional", start=0, codes="words"
    )
    return span.tag


def _member(username: str, organisation, **profile) -> object:
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=MEMBERS))
    Profile.objects.create(user=user, organisation=organisation, **profile)
    return user


def _practice_fields(title: str) -> dict:
    return {
        "title": title,
        "summary": title,
        "description": [],
        "prevention_level": "at_risk",
        "last_reviewed": date.today(),
    }


def _proposal(library, organisation, member) -> PracticePage:
    """Member A's practice proposal, a draft waiting in the moderation workflow."""
    proposal = PracticePage(
        **_practice_fields("Proposal of A"), organisation=organisation, live=False, owner=member
    )
    library.add_child(instance=proposal)
    proposal.save_revision(user=member)
    proposal.get_workflow().start(proposal, member)
    return proposal
