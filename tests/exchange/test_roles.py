"""Roles from the data migration: members propose practices, coordinators approve them."""

from datetime import date

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import GroupApprovalTask

import pytest

from cms.models import PracticePage
from demo.factories import UserFactory
from demo.page_factories import make_library, make_organisation
from exchange.roles import COORDINATORS, MEMBERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(home_page):
    library, organisations = make_library(home_page)
    make_organisation(organisations, title="Fictional Riverside Mentors")
    return library


def in_group(name: str, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=name))
    return user


def test_the_migration_sets_up_the_groups_and_the_approvers():
    coordinators = Group.objects.get(name=COORDINATORS)
    codenames = set(coordinators.permissions.values_list("codename", flat=True))
    assert {"access_admin", "add_invitation", "change_invitation", "change_profile"} <= codenames
    assert {"add_challenge", "change_language"} <= codenames
    members = Group.objects.get(name=MEMBERS)
    assert set(members.permissions.values_list("codename", flat=True)) == {"access_admin"}
    assert all(
        task.groups.filter(name=COORDINATORS).exists()
        for task in GroupApprovalTask.objects.filter(active=True)
    )


def test_a_member_proposes_a_practice_and_a_coordinator_approves_it(client, library):
    member = in_group(MEMBERS)
    coordinator = in_group(COORDINATORS)  # the factory gives coordinators their second factor

    # Members reach the admin's form for a new practice in the library, but cannot publish.
    client.force_login(member)
    add_url = reverse("wagtailadmin_pages:add", args=["cms", "practicepage", library.pk])
    assert client.get(add_url).status_code == 200
    proposal = PracticePage(
        title="Proposed peer mentoring",
        summary="A member's proposal.",
        description=[],
        prevention_level="at_risk",
        last_reviewed=date.today(),
        live=False,
        owner=member,
    )
    library.add_child(instance=proposal)
    assert proposal.permissions_for_user(member).can_edit()
    assert not proposal.permissions_for_user(member).can_publish()
    assert library.permissions_for_user(member).can_add_subpage()

    revision = proposal.save_revision(user=member)
    workflow_state = proposal.get_workflow().start(proposal, member)
    assert workflow_state.status == "in_progress"
    assert not PracticePage.objects.get(pk=proposal.pk).live

    task_state = workflow_state.current_task_state
    assert task_state.task.specific.user_can_access_editor(proposal, coordinator)
    assert not task_state.task.specific.get_actions(proposal, member)  # not their call
    task_state.task.specific.on_action(task_state, coordinator, "approve")

    proposal.refresh_from_db()
    assert proposal.live
    assert proposal.live_revision == revision


def test_members_cannot_publish_or_touch_other_pages(library, home_page):
    member = in_group(MEMBERS)
    assert not home_page.permissions_for_user(member).can_add_subpage()
    assert not library.permissions_for_user(member).can_publish()
    assert not member.has_perm("exchange.add_invitation")


def test_a_new_library_takes_proposals_too(home_page):
    member = in_group(MEMBERS)
    library, _ = make_library(home_page)  # created after the migration
    assert library.permissions_for_user(member).can_add_subpage()
