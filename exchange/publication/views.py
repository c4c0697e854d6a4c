"""A chapter's authors, in the admin (coordinators): who is invited, invite a member, end an
invitation. Reached from the chapter's header ("Authors")."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from exchange.publication.authors import AuthorError, author_invite, author_remove, authors_of
from exchange.publication.models import ChapterPage
from exchange.roles import is_coordinator


class InviteForm(forms.Form):
    member = forms.ModelChoiceField(
        get_user_model().objects.none(), label=gettext_lazy("Member to invite")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        members = get_user_model().objects.filter(is_active=True, profile__isnull=False)
        self.fields["member"].queryset = members.order_by("last_name", "first_name")
        self.fields["member"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.username} · {user.profile.organisation.title}"
        )


@require_http_methods(["GET", "HEAD", "POST"])
def chapter_authors(request, pk: int):
    if not is_coordinator(request.user):
        raise PermissionDenied
    chapter = ChapterPage.objects.filter(pk=pk).first()
    if chapter is None:
        raise Http404
    form, error, status = InviteForm(), "", 200
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                member_id = int(request.POST["remove"]) if request.POST["remove"].isdigit() else 0
                author_remove(chapter_id=pk, member_id=member_id, user=request.user)
                messages.success(request, _("The invitation has ended."))
                return redirect("chapter_authors", pk=pk)
            form = InviteForm(request.POST)
            if not form.is_valid():
                raise AuthorError(_("Choose a member of the network."))
            author_invite(
                chapter_id=pk, member_id=form.cleaned_data["member"].pk, user=request.user
            )
            messages.success(request, _("Invited: they are told by e-mail."))
            return redirect("chapter_authors", pk=pk)
        except AuthorError as refusal:
            error, status = str(refusal), 400 if form.errors else 409
    title = _("Authors of “%(chapter)s”") % {"chapter": chapter.title}
    context = {
        "chapter": chapter,
        "authors": authors_of(chapter),
        "form": form,
        "error": error,
        "page_title": title,
        "header_title": title,
        "header_icon": "group",
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("wagtailadmin_pages:edit", args=[chapter.pk]), "label": chapter.title},
            {"url": "", "label": _("Authors")},
        ],
    }
    return render(request, "exchange/publication/authors.html", context, status=status)
