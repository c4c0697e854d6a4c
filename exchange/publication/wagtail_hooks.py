from wagtail import hooks

from exchange.publication.chooser import excerpt_chooser_viewset


@hooks.register("register_admin_viewset")
def register_excerpt_chooser():
    return excerpt_chooser_viewset
