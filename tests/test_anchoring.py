"""Technique anchors in rendered HTML: found however the page spaces, cases or encodes the
phrase, and only ever around text; the YAML the site writes is the pure emitter's."""

from __future__ import annotations

import yaml
from handbook import anchoring, yamlio
from handbook.model import Technique
from hypothesis import given
from hypothesis import strategies as st


def technique(anchor: str, phrase: str) -> Technique:
    return Technique(anchor, phrase, "", "prose", 1, phrase=phrase)


def test_a_phrase_is_found_across_spaces_entities_and_inline_tags() -> None:
    html = "<p>  Start here.</p>\n<p>Send   a <em>follow-up</em>\nemail&nbsp;today.</p>"
    marked, placed = anchoring.mark(html, [technique("t-send", "Send a follow-up email today")])
    assert placed == ["t-send"]
    assert '<span class="handbook-technique" id="t-send">Send   a <em>follow-up</em>\nemail&nbsp;today</span>' in marked


def test_letters_that_fold_to_two_do_not_move_the_anchor() -> None:
    """'ß' folds to 'ss' and 'İ' lowers to two characters: the page's text keeps its length,
    so the anchor wraps the phrase itself (it used to land beside it, or fail)."""
    html = "<p>Die Straße, İstanbul, STRASSE.</p><p>Thank the host.</p>"
    marked, placed = anchoring.mark(html, [technique("t-thank", "thank the HOST")])
    assert placed == ["t-thank"]
    assert '<p><span class="handbook-technique" id="t-thank">Thank the host</span>.</p>' in marked


def test_a_phrase_never_splits_a_tag() -> None:
    html = '<p><a href="x">Read the <strong>guide</strong></a> first, then ask.</p>'
    marked, _ = anchoring.mark(html, [technique("t-read", "guide first")])
    assert marked.count("<a ") == 1 and marked.count("</a>") == 1
    assert '<span class="handbook-technique" id="t-read"></span>' in marked  # an anchor, no highlight


@given(st.dictionaries(st.sampled_from(["title", "description", "note"]), st.text(max_size=40)))
def test_yaml_is_written_as_the_pure_emitter_writes_it(meta: dict[str, str]) -> None:
    options = {"sort_keys": False, "allow_unicode": True, "width": 1_000_000, "default_flow_style": False}
    assert yamlio.dump(meta, **options) == yaml.safe_dump(meta, **options)
