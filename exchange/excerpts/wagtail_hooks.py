from wagtail import hooks

from exchange.excerpts.admin import CaseNumberPatternViewSet


@hooks.register("register_admin_viewset")
def register_case_number_patterns():
    return CaseNumberPatternViewSet()
