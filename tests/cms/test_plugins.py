"""The plug-in points of cms/plugins.py: each has someone plugged in, and a point that takes one
function refuses to guess between several or none."""

from django.core.exceptions import ImproperlyConfigured

from wagtail import hooks

import pytest

from cms import plugins
from cms.listing.cards import attach_card_fields
from cms.listing.context import library_context


def test_every_plug_in_point_has_a_function_plugged_in():
    assert [name for name in plugins.ALL if not hooks.get_hooks(name)] == []


def test_the_library_and_the_cards_have_exactly_their_listing_plugged_in():
    assert plugins.the_one(plugins.LIBRARY_LISTING) is library_context
    assert plugins.the_one(plugins.PRACTICE_CARD_FIELDS) is attach_card_fields


def test_a_point_taking_one_function_refuses_none_or_two():
    with pytest.raises(ImproperlyConfigured, match="0 functions are plugged in"):
        plugins.the_one("nothing_plugged_in_here")
    with (
        hooks.register_temporarily(plugins.LIBRARY_LISTING, lambda request, params: {}),
        pytest.raises(ImproperlyConfigured, match="2 functions are plugged in"),
    ):
        plugins.the_one(plugins.LIBRARY_LISTING)


def test_sections_leave_out_the_empty_ones(rf):
    def shown(request):
        return "<p>shown</p>"

    def empty(request):
        return ""

    with hooks.register_temporarily([("test_sections", shown), ("test_sections", empty)]):
        assert plugins.sections("test_sections", rf.get("/")) == ["<p>shown</p>"]
