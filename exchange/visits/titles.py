"""A visit's name for the person reading: where the visitor goes, for the visitor; who comes,
and from where, for the hosts and the coordinators (the host organisation is their own)."""

from django.utils.translation import gettext as _

from exchange.visits.models import Visit


def visit_title(visit: Visit, user) -> str:
    if visit.visitor_id == user.pk:
        return _("Visit to %(organisation)s") % {"organisation": visit.host_organisation.title}
    visitor = visit.visitor
    name = (visitor.get_full_name() or visitor.email) if visitor else _("An erased member")
    return _("Visit by %(visitor)s (%(organisation)s)") % {
        "visitor": name,
        "organisation": visit.application.organisation.title,
    }
