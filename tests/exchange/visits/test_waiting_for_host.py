"""A request needs a host to answer it. An offer takes visitors only while its organisation has
someone hosting for it; when the organisation loses its last host, its open requests go to the
coordinators (the admin home, the visit list, an e-mail) and their visitors are told, once."""

from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

import pytest

from demo.factories import UserFactory, apply, make_member
from exchange.membership.models import Profile
from exchange.personal_data import services as personal_data
from exchange.roles import COORDINATORS
from exchange.visits import services as visits
from exchange.visits.models import HostingOffer, Visit
from matching import services as matching

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    user = UserFactory(second_factor=True)
    user.groups.add(Group.objects.get(name=COORDINATORS))
    return user


def stop_hosting(user):
    Profile.objects.filter(user=user).update(hosts_visitors=False)


def subjects_to(user) -> list[str]:
    return [message.subject for message in mail.outbox if message.to == [user.email]]


def test_an_offer_without_a_host_takes_no_visitors(client, network):
    stop_hosting(network.host)
    assert not HostingOffer.objects.taking_visitors().exists()
    client.force_login(network.visitor)
    assert client.get(reverse("offer_list")).content.decode().count(network.offer.title) == 0
    assert client.get(reverse("offer_detail", args=[network.offer.pk])).status_code == 404
    assert client.get(reverse("application_create"), {"offer": network.offer.pk}).status_code == 404
    with pytest.raises(visits.VisitError, match="does not take visitors"):
        apply(network.visitor, network.window)
    assert not Visit.objects.exists()


def test_a_matching_round_offers_no_window_without_a_host(network):
    from matching.models import Round

    round_ = Round(window_from=network.window.starts_on, window_until=network.window.ends_on)
    assert list(matching.open_windows(round_)) == [network.window]
    stop_hosting(network.host)
    assert list(matching.open_windows(round_)) == []


def test_a_coordinator_removing_the_last_host_tells_the_visitor_and_the_coordinators(
    client, network, coordinator, django_capture_on_commit_callbacks
):
    visit = apply(network.visitor, network.window).visits.get()
    mail.outbox.clear()
    client.force_login(coordinator)
    edit = reverse("exchange_profile:edit", args=[network.host.profile.pk])
    form = {"organisation": network.host_org.pk, "role": "Counsellor", "country": "NL"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(edit, form).status_code == 302  # hosts_visitors unticked
    assert subjects_to(network.visitor) == [
        "[Practice Exchange] Your visit request to Fictional Harbour Counselling waits for a host"
    ]
    assert subjects_to(coordinator) == [
        "[Practice Exchange] A visit request to Fictional Harbour Counselling has nobody to "
        "answer it"
    ]
    assert "Practitioner profiles" in mail.outbox[-1].body
    assert subjects_to(network.host) == []

    # The coordinators see the request on the admin home and in the visit list.
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Requests waiting for a host" in home
    assert reverse("exchange_visit:inspect", args=[visit.pk]) in home
    listing = client.get(reverse("exchange_visit:index"), {"waiting_for_host": "true"})
    assert reverse("exchange_visit:inspect", args=[visit.pk]) in listing.content.decode()

    # The visitor reads it on the visit's page and the dashboard, and may cancel.
    client.force_login(network.visitor)
    page = client.get(visit.get_absolute_url()).content.decode()
    assert "Waiting for a host" in page and "nobody hosting visitors" in page
    assert reverse("visit_step", args=[visit.pk, "cancel"]) in page
    assert "Waiting for a host" in client.get(reverse("dashboard")).content.decode()

    # Told once: saving again, or the daily run, sends nothing more.
    mail.outbox.clear()
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, form)
    call_command("send_reminders", verbosity=0)
    assert mail.outbox == []

    # A new host takes the request over: it no longer waits for one, and they hear of it once.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, {**form, "hosts_visitors": "on"})
    assert not Visit.objects.waiting_for_host().exists()
    visitor = network.visitor.get_full_name()
    assert subjects_to(network.host) == [
        f"[Practice Exchange] A visit request from {visitor} waits for your answer"
    ]
    call_command("send_reminders", verbosity=0)
    assert len(subjects_to(network.host)) == 1
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Requests waiting for a host" not in home


def test_a_member_of_staff_sees_the_panel_only_with_the_permission_to_view_visits(client, network):
    apply(network.visitor, network.window)
    stop_hosting(network.host)
    editor = UserFactory(is_staff=True, second_factor=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Requests waiting for a host" not in response.content.decode()


def test_the_last_host_erasing_their_account_tells_the_visitor(
    network, coordinator, django_capture_on_commit_callbacks
):
    apply(network.visitor, network.window)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        personal_data.erase(network.host)
    assert len(subjects_to(network.visitor)) == 1
    assert len(subjects_to(coordinator)) == 1


def test_a_host_deactivated_elsewhere_is_caught_by_the_daily_run(network, coordinator):
    apply(network.visitor, network.window)
    second_host = make_member(network.host_org, hosts=True)
    type(network.host).objects.filter(pk=network.host.pk).update(is_active=False)
    call_command("send_reminders", verbosity=0)
    assert subjects_to(network.visitor) == []  # another host can still answer
    type(network.host).objects.filter(pk=second_host.pk).update(is_active=False)
    mail.outbox.clear()
    call_command("send_reminders", verbosity=0)
    call_command("send_reminders", verbosity=0)
    assert len(subjects_to(network.visitor)) == 1
    assert len(subjects_to(coordinator)) == 1


def test_one_rule_says_who_hosts_for_an_organisation_everywhere(network):
    """The flag, on an active account: the profile, the hosts' list, the mail's recipients, the
    visit steps' rules and the visits a host sees all read it the same way."""
    from exchange.membership.selectors import hosts_by_organisation
    from exchange.visits.rules import hosted_organisation_id

    visit = apply(network.visitor, network.window).visits.get()
    host, org = network.host, network.host_org

    def says_host() -> list[bool]:
        host.refresh_from_db()
        return [
            host.profile.hosts_now,
            Profile.objects.hosts().filter(user=host).exists(),
            host in hosts_by_organisation([org.pk]).get(org.pk, []),
            hosted_organisation_id(host) == org.pk,
            Visit.objects.for_host(host).filter(pk=visit.pk).exists(),
        ]

    assert says_host() == [True] * 5
    host.is_active = False
    host.save()
    assert says_host() == [False] * 5
    host.is_active = True
    host.save()
    Profile.objects.filter(user=host).update(hosts_visitors=False)
    assert says_host() == [False] * 5
