"""Notifications people control: every one in the recipient's inbox, e-mailed at once, in a
digest or not at all as they chose per kind; a signed one-click unsubscribe in every e-mail;
never a word of private text."""

import re
from urllib.parse import urlsplit

from django.core import mail
from django.urls import reverse

import pytest

from demo.factories import UserFactory, advance, propose
from exchange.notifications import kinds, services, unsubscribe
from exchange.notifications.kinds import Channel
from exchange.notifications.models import Notification
from exchange.visits import messages as visit_messages

pytestmark = pytest.mark.django_db

MARKER = "marker-4e1a: the client's faith, health and record"


def inbox_of(person) -> list[Notification]:
    return list(Notification.objects.filter(recipient=person))


def test_a_step_is_kept_in_the_inbox_and_e_mailed_at_once_with_a_way_out(
    client, network, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        visit = propose(network)
    (notification,) = inbox_of(network.host)
    assert notification.kind == kinds.REQUEST.key and notification.channel == Channel.AT_ONCE
    assert notification.link == visit.get_absolute_url() and notification.emailed_at
    assert network.visitor.get_full_name() in notification.topic  # the digest's group
    (message,) = [m for m in mail.outbox if network.host.email in m.to]
    assert notification.subject in message.subject
    # RFC 8058: a one-click unsubscribe a mail program can post to, and the same link in words.
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = re.fullmatch(r"<(.+)>", message.extra_headers["List-Unsubscribe"]).group(1)
    assert link in message.body and reverse("notification_settings") in message.body

    client.force_login(network.host)
    header = client.get(reverse("dashboard")).content.decode()
    assert 'class="count-badge">1<' in header and 'aria-label="Notifications, 1 unread"' in header
    page = client.get(reverse("notifications")).content.decode()
    assert notification.subject in page and "Unread" in page
    opened = client.get(reverse("notification_open", args=[notification.pk]))
    assert opened.status_code == 302 and opened["Location"] == visit.get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_kind_only_on_the_site_or_in_a_digest_sends_no_e_mail_now(
    network, django_capture_on_commit_callbacks
):
    services.choose(network.host, {kinds.REQUEST.key: Channel.SITE})
    services.choose(network.visitor, {kinds.VISIT.key: Channel.DAILY})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        visit = propose(network)
    assert not [m for m in mail.outbox if network.host.email in m.to]
    (kept,) = inbox_of(network.host)
    assert kept.channel == Channel.SITE and kept.emailed_at is None
    from exchange.visits import services as visits

    with django_capture_on_commit_callbacks(execute=True):
        visits.visit_accept(visit_id=visit.pk, user=network.host)
    assert not [m for m in mail.outbox if network.visitor.email in m.to]
    (accepted,) = inbox_of(network.visitor)
    assert accepted.channel == Channel.DAILY and accepted.emailed_at is None


def test_the_account_kind_cannot_be_turned_off_and_says_why(client, network):
    assert services.choose(network.visitor, {kinds.ACCOUNT.key: Channel.SITE}) == []
    assert services.channels_of(network.visitor)[kinds.ACCOUNT.key] == Channel.AT_ONCE
    assert unsubscribe.read(unsubscribe.token(network.visitor, kinds.ACCOUNT)) is None
    client.force_login(network.visitor)
    page = client.get(reverse("notification_settings")).content.decode()
    assert str(kinds.ACCOUNT.fixed_because) in page
    assert f'name="{kinds.ACCOUNT.key}"' not in page


def test_choices_are_saved_from_the_settings_page_and_shown_on_the_account_page(client, network):
    client.force_login(network.visitor)
    current = services.channels_of(network.visitor)
    data = {**{key: value for key, value in current.items() if key != kinds.ACCOUNT.key}}
    data[kinds.MESSAGE.key] = Channel.WEEKLY
    data[kinds.ACCOUNT.key] = Channel.SITE  # not offered: ignored
    data["time_zone"] = "Europe/Helsinki"  # where the digests' hour is counted
    response = client.post(reverse("notification_settings"), data, follow=True)
    assert "Your choices are saved." in response.content.decode()
    from exchange.notifications.digests import zone_of

    network.visitor.refresh_from_db()
    assert zone_of(network.visitor).key == "Europe/Helsinki"
    channels = services.channels_of(network.visitor)
    assert channels[kinds.MESSAGE.key] == Channel.WEEKLY
    assert channels[kinds.ACCOUNT.key] == Channel.AT_ONCE
    account = client.get(reverse("account_hub")).content.decode()
    assert "In a weekly digest: 1 kind" in account
    # The coordinators' own kind is offered to the coordinators alone.
    assert (
        str(kinds.COORDINATION.label)
        not in client.get(reverse("notification_settings")).content.decode()
    )
    bad = client.post(reverse("notification_settings"), {kinds.MESSAGE.key: "hourly"})
    assert bad.status_code == 200 and "error-summary" in bad.content.decode()


def test_one_click_unsubscribe_moves_the_kind_to_the_site(client, network):
    token = unsubscribe.token(network.host, kinds.MESSAGE)
    url = reverse("notification_unsubscribe", args=[token])
    page = client.get(url)
    assert page.status_code == 200 and "Stop these e-mails?" in page.content.decode()
    assert services.channels_of(network.host)[kinds.MESSAGE.key] == Channel.AT_ONCE  # GET: no
    # A mail program posts the RFC 8058 body, without cookies or a CSRF token.
    done = client.post(url, "List-Unsubscribe=One-Click", content_type="text/plain")
    assert done.status_code == 200
    assert services.channels_of(network.host)[kinds.MESSAGE.key] == Channel.SITE
    for forged in (token[:-2] + "xx", "not-a-token", unsubscribe.token(network.host, "nonsense")):
        assert client.post(reverse("notification_unsubscribe", args=[forged])).status_code == 404


def test_the_inbox_is_its_recipients_alone(client, network):
    propose(network)
    (notification,) = inbox_of(network.host)
    client.force_login(network.visitor)
    assert client.get(reverse("notification_open", args=[notification.pk])).status_code == 404
    assert notification.subject not in client.get(reverse("notifications")).content.decode()
    client.force_login(network.host)
    client.post(reverse("notifications_read"))
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_notification_never_holds_private_text(network, django_capture_on_commit_callbacks):
    visit = advance(network, "accepted")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        visit_messages.message_send(visit_id=visit.pk, user=network.visitor, text=MARKER)
    assert mail.outbox
    kept = Notification.objects.filter(recipient=network.host, kind=kinds.MESSAGE.key).get()
    for value in (kept.subject, kept.topic, kept.link):
        assert "marker-4e1a" not in value
    assert all("marker-4e1a" not in m.body for m in mail.outbox)


def test_a_link_off_the_site_is_never_followed(client):
    person = UserFactory()
    stored = Notification.objects.create(
        recipient=person, kind="visit", subject="Fictional", link="//evil.example/", channel="site"
    )
    client.force_login(person)
    response = client.get(reverse("notification_open", args=[stored.pk]))
    assert urlsplit(response["Location"]).path == reverse("notifications")


def test_a_reflection_shared_is_told_to_the_partner_in_the_daily_digest_without_its_text(
    network, django_capture_on_commit_callbacks
):
    from exchange.reflections import services as reflections
    from exchange.reflections.models import Audience
    from tests.exchange.conftest import after_visit_answer

    entry = after_visit_answer(network, MARKER)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reflections.entry_share(entry_id=entry.pk, user=network.visitor, audience=Audience.PARTNER)
    (told,) = Notification.objects.filter(kind=kinds.SHARED.key)
    assert told.recipient == network.host and told.channel == Channel.DAILY
    assert told.link == reverse("reflection_entry", args=[entry.pk])
    assert not mail.outbox  # the daily digest will carry it
    assert "marker-4e1a" not in told.subject + told.topic


def test_a_digests_unsubscribe_moves_every_kind_it_gathers_to_the_site(client, network):
    services.choose(network.host, {kinds.MESSAGE.key: Channel.DAILY})
    url = reverse("notification_unsubscribe", args=[unsubscribe.token(network.host, "daily")])
    assert "Your daily digest" in client.get(url).content.decode()
    client.post(url, "List-Unsubscribe=One-Click", content_type="text/plain")
    channels = services.channels_of(network.host)
    assert channels[kinds.MESSAGE.key] == channels[kinds.SHARED.key] == Channel.SITE
    assert channels[kinds.VISIT.key] == Channel.AT_ONCE  # not in the digest: unchanged


def test_notifications_go_after_their_retention_period(settings):
    import datetime as dt

    from django.utils import timezone

    from exchange.personal_data import retention

    person = UserFactory()
    old = Notification.objects.create(
        recipient=person,
        kind="visit",
        subject="Fictional",
        channel="site",
        created_at=timezone.now() - dt.timedelta(days=settings.RETENTION_DAYS["notification"] + 1),
    )
    recent = Notification.objects.create(
        recipient=person, kind="visit", subject="Fictional", channel="site"
    )
    retention.apply()
    assert not Notification.objects.filter(pk=old.pk).exists()
    assert Notification.objects.filter(pk=recent.pk).exists()


def test_a_coordinator_is_offered_the_coordinators_kind(client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("notification_settings")).content.decode()
    assert str(kinds.COORDINATION.label) in page


@pytest.mark.parametrize("kind", [kind for kind in kinds.KINDS if not kind.fixed_because])
def test_each_channel_of_each_kind_does_what_it_says(kind, django_capture_on_commit_callbacks):
    from exchange import notifications

    person = UserFactory()
    for channel in Channel.values:
        services.choose(person, {kind.key: channel})
        mail.outbox.clear()
        message = notifications.email(
            person,
            "Fictional subject",
            "exchange/notifications/email/footer.txt",
            {"kind": kind, "links": {}, "link": "/visits/"},
            kind=kind,
        )
        with django_capture_on_commit_callbacks(execute=True):
            notifications.send_after_commit([message])
        kept = Notification.objects.filter(recipient=person).latest("pk")
        assert (kept.kind, kept.channel, kept.link) == (kind.key, channel, "/visits/")
        if channel == Channel.AT_ONCE:
            (sent,) = mail.outbox
            assert "List-Unsubscribe" in sent.extra_headers and kept.emailed_at
        else:
            assert not mail.outbox and kept.emailed_at is None


def test_an_unsubscribe_link_outlives_a_key_rotation(client, settings, network):
    token = unsubscribe.token(network.host, kinds.MESSAGE)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-fictional-key-" * 3
    url = reverse("notification_unsubscribe", args=[token])
    assert client.post(url).status_code == 200
    assert services.channels_of(network.host)[kinds.MESSAGE.key] == Channel.SITE
    settings.SECRET_KEY_FALLBACKS = []  # the old key retired: its links stop working
    assert client.post(url).status_code == 404
