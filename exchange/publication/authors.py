"""Practitioners write the chapters together: a coordinator invites member authors to a chapter.
An invited author may edit the chapter (Wagtail's "change" permission on that page, through a
group of its own) and submit it to the coordinators through the moderation workflow; publishing
stays with the coordinators. From the publication's freeze date nobody is invited any more."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import GroupPagePermission

from exchange import audit
from exchange.notifications import kinds, mail_after_commit
from exchange.publication.models import ChapterPage, PublicationPage
from exchange.roles import is_coordinator

if TYPE_CHECKING:
    from django.contrib.auth.models import User

INVITED_SUBJECT = gettext_lazy("You are invited to write the chapter “%(chapter)s”")


class AuthorError(Exception):
    """A step that cannot be taken; the message says why, and nothing changed."""


def group_name(chapter: ChapterPage) -> str:
    return f"Chapter authors: {chapter.pk}"


def authors_of(chapter: ChapterPage) -> list["User"]:
    return list(
        get_user_model()
        .objects.filter(groups__name=group_name(chapter))
        .order_by("last_name", "first_name", "pk")
    )


def _chapter(chapter_id: int, user: "User") -> ChapterPage:
    if not is_coordinator(user):
        raise AuthorError(_("Only the coordinators invite chapter authors."))
    chapter = ChapterPage.objects.filter(pk=chapter_id).first()
    if chapter is None:
        raise AuthorError(_("This chapter does not exist."))
    publication = PublicationPage.objects.ancestor_of(chapter).first()
    if publication is not None and publication.is_frozen():
        raise AuthorError(_("The publication is final: its chapters stay as they are."))
    return chapter


def _group(chapter: ChapterPage) -> Group:
    group, created = Group.objects.get_or_create(name=group_name(chapter))
    if created:
        GroupPagePermission.objects.create(
            group=group,
            page=chapter,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename="change_page"
            ),
        )
    return group


def author_invite(*, chapter_id: int, member_id: int, user: "User") -> None:
    with transaction.atomic():
        chapter = _chapter(chapter_id, user)
        member = (
            get_user_model()
            .objects.filter(pk=member_id, is_active=True, profile__isnull=False)
            .first()
        )
        if member is None:
            raise AuthorError(_("Choose a member of the network."))
        group = _group(chapter)
        if group.user_set.filter(pk=member.pk).exists():
            raise AuthorError(
                _("%(name)s is already an author.") % {"name": member.get_full_name()}
            )
        group.user_set.add(member)
        audit.record(chapter, "exchange.chapter.invite", user, member=member.pk)
        mail_after_commit(
            [member],
            INVITED_SUBJECT,
            "exchange/publication/email/invited.txt",
            {
                "chapter": chapter.title,
                "link": settings.BASE_URL + reverse("wagtailadmin_pages:edit", args=[chapter.pk]),
            },
            kind=kinds.PUBLICATION,
        )


def author_remove(*, chapter_id: int, member_id: int, user: "User") -> None:
    with transaction.atomic():
        chapter = _chapter(chapter_id, user)
        group = Group.objects.filter(name=group_name(chapter)).first()
        if group is None or not group.user_set.filter(pk=member_id).exists():
            raise AuthorError(_("This member is not an author of the chapter."))
        group.user_set.remove(member_id)
        audit.record(chapter, "exchange.chapter.uninvite", user, member=member_id)
