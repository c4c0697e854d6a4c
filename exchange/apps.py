from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(sender, using, **kwargs):
    """The shared cache's table (settings.CACHES) comes with `migrate`: sign-in's rate limits
    need it before the first request. Does nothing when the cache is Redis or the table exists."""
    call_command("createcachetable", database=using, verbosity=0)


class ExchangeConfig(AppConfig):
    name = "exchange"
    verbose_name = _("Exchange")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

        from cms.models import PracticeIndexPage
        from exchange import (
            encryption,  # noqa: F401 (registers its system check)
            tasks,  # noqa: F401 (its @scheduled jobs)
        )
        from exchange.excerpts.models import consent_changed
        from exchange.personal_data.services import before_user_delete
        from exchange.publication.services import after_consent_changed
        from exchange.reports import evidence
        from exchange.roles import forget_cached_roles, let_members_propose_practices
        from exchange.transfer.models import FollowUp, PassedOn, PracticeSeen
        from exchange.visits.models import Visit

        post_migrate.connect(create_cache_table, sender=self)
        post_save.connect(let_members_propose_practices, sender=PracticeIndexPage)
        pre_delete.connect(before_user_delete, sender=get_user_model())
        m2m_changed.connect(forget_cached_roles, sender=get_user_model().groups.through)
        consent_changed.connect(after_consent_changed)
        # A practice page's figures are worked out again when what they count changes.
        for model in (PracticeSeen, FollowUp, PassedOn, Visit):
            post_save.connect(evidence.refresh, sender=model)
            post_delete.connect(evidence.refresh, sender=model)
