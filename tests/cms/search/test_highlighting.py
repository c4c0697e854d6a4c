"""Highlighting marks the words the search matched, in any form the active backend matches,
and never lets HTML through."""

from cms.search.highlighting import LENGTH, highlight


def test_words_are_marked_in_every_form_the_search_finds():
    html = highlight(["Mentoring young men after release; a mentor meets them weekly."], "mentor")
    assert html.count("<mark>") == 2
    assert "<mark>Mentoring</mark>" in html and "<mark>mentor</mark>" in html


def test_accents_and_case_are_folded_as_in_the_index():
    assert "<mark>Médiation</mark>" in highlight(["Médiation familiale à Lyon."], "mediation")


def test_the_stretch_starts_near_the_first_match_of_a_long_passage():
    filler = "Words before the match that the reader does not need. " * 20
    html = highlight([filler + "The exit programme works with families. " + filler], "exit")
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>exit</mark>" in html
    assert len(html) < LENGTH + 40


def test_one_passage_the_first_that_matches():
    passages = ["Nothing here.", "Family support.", "No match.", "Families again.", "Family 3."]
    html = highlight(passages, "family")
    assert html == "<mark>Family</mark> support."


def test_a_passage_repeated_is_shown_once():
    summary = "Family support for parents."
    html = highlight([summary, "Family  support for parents.", "Other family text."], "family")
    assert html == "<mark>Family</mark> support for parents."
    assert html.count("<mark>") == 1


def test_without_a_match_the_opening_of_the_text_is_shown():
    assert highlight(["", "A summary of the practice."], "absent") == "A summary of the practice."
    assert highlight([], "anything") == ""
    assert highlight(["Text."], "") == "Text."


def test_html_in_the_text_or_the_query_is_escaped():
    html = highlight(['<script>alert("x")</script> family & friends'], "<b>family</b>")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>family</mark> &amp; friends" in html
    assert "<b>" not in html


def test_with_the_database_backend_words_are_folded_but_not_stemmed(settings, db):
    """The database backend does not stem on SQLite: marking "Mentoring" for "mentor" would
    show a match the search did not make."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
    html = highlight(
        ["Mentoring young men; a Mentor meets them. Médiation too."], "mentor mediation"
    )
    assert "<mark>Mentor</mark>" in html and "<mark>Médiation</mark>" in html
    assert "<mark>Mentoring</mark>" not in html
