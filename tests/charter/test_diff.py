import time

import pytest

from charter import diff
from charter.diff import (
    Comparison,
    RightRow,
    compare_rights,
    diff_counts,
    fingerprint,
    plain_text,
    render_diff,
    word_diff,
)

LOREM = (
    "Every inhabitant of the city has the right to take part in the decisions that shape "
    "the neighbourhood where they live, to be informed in good time and in a language they "
    "understand, to be heard before a decision is taken, and to know afterwards how their "
    "views were weighed."
)


def paragraph(words: int, offset: int = 0) -> str:
    vocabulary = LOREM.split()
    return " ".join(vocabulary[(offset + i) % len(vocabulary)] for i in range(words))


def removed(text: str) -> str:
    return (
        '<del><span class="visually-hidden">[removed: </span>'
        f'{text}<span class="visually-hidden">]</span></del>'
    )


def added(text: str) -> str:
    return (
        '<ins><span class="visually-hidden">[added: </span>'
        f'{text}<span class="visually-hidden">]</span></ins>'
    )


# plain_text -----------------------------------------------------------------------------------


def test_plain_text_strips_markdown_markup():
    source = (
        "# The right to *housing*\n\n"
        "Everyone has   the right to **adequate**\nhousing, see [the text](https://example.org) "
        "and `article 11`.\n\n"
        "- _affordable_ rents\n"
        "- security of tenure\n\n"
        "1. first\n"
        "2. second\n"
    )
    assert plain_text(source) == (
        "The right to housing\n\n"
        "Everyone has the right to adequate housing, see the text and article 11.\n\n"
        "affordable rents\n\n"
        "security of tenure\n\n"
        "first\n\n"
        "second"
    )


def test_plain_text_drops_html_tags_and_script_content():
    source = (
        "<script>alert(1)</script>\n\n"
        "Water <img src=x onerror=alert(1)> for <b>all</b> <script>steal()</script>now.\n\n"
        "&lt;script&gt;alert(2)&lt;/script&gt; and `<i>code</i>`"
    )
    assert plain_text(source) == "Water for all now.\n\nalert(2) and code"


def test_plain_text_keeps_comparison_signs_that_are_not_tags():
    assert plain_text("rents < 30% of income & > 0") == "rents < 30% of income & > 0"


def test_plain_text_of_nothing_is_empty():
    assert plain_text("") == ""
    assert plain_text("  \n\n  ") == ""


# word_diff ------------------------------------------------------------------------------------


def test_word_diff_inserting_one_word_marks_only_that_word():
    assert word_diff("the right to housing", "the right to adequate housing") == [
        ("equal", "the right to "),
        ("insert", "adequate "),
        ("equal", "housing"),
    ]


def test_word_diff_one_word_changed_in_a_long_paragraph_marks_one_word():
    old = paragraph(120)
    words = old.split()
    assert len(words) == 120
    assert words[63] == "decisions"
    new = " ".join([*words[:63], "choices", *words[64:]])

    runs = word_diff(old, new)

    assert runs == [
        ("equal", " ".join(words[:63]) + " "),
        ("delete", "decisions"),
        ("insert", "choices"),
        ("equal", " " + " ".join(words[64:])),
    ]
    assert diff_counts(runs) == {"added": 1, "removed": 1}


def test_word_diff_punctuation_change_does_not_swallow_the_word():
    assert word_diff("the right to housing.", "the right to housing, water.") == [
        ("equal", "the right to housing"),
        ("insert", ", water"),
        ("equal", "."),
    ]


def test_word_diff_neighbouring_replaced_words_read_as_one_phrase():
    assert word_diff("the right to adequate housing", "the right to decent homes") == [
        ("equal", "the right to "),
        ("delete", "adequate housing"),
        ("insert", "decent homes"),
    ]


def test_word_diff_markdown_markup_is_not_a_change():
    assert word_diff("the right to **housing**", "the right to housing") == [
        ("equal", "the right to housing")
    ]
    assert word_diff("the right to\nhousing", "the right   to housing") == [
        ("equal", "the right to housing")
    ]


def test_word_diff_from_or_to_nothing_is_one_run():
    assert word_diff("", "the right to water") == [("insert", "the right to water")]
    assert word_diff("the right to water", "") == [("delete", "the right to water")]
    assert word_diff("", "") == []


# render_diff ----------------------------------------------------------------------------------


def test_render_diff_marks_changes_for_screen_readers():
    html = render_diff(word_diff("the right to adequate housing", "the right to decent homes"))
    assert html == "the right to " + removed("adequate housing") + added("decent homes")


def test_render_diff_keeps_paragraph_breaks_visible():
    html = render_diff(word_diff("Housing.", "Housing.\n\nWater."))
    assert html == "Housing." + added("<br><br>Water.")


def test_render_diff_escapes_everything_in_the_runs():
    html = render_diff(
        [
            ("equal", "<script>alert(1)</script> & "),
            ("delete", '<img src=x onerror=alert(1)>"'),
            ("insert", "<b>x</b>"),
        ]
    )
    assert html == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; "
        + removed("&lt;img src=x onerror=alert(1)&gt;&quot;")
        + added("&lt;b&gt;x&lt;/b&gt;")
    )


def test_render_diff_of_texts_with_html_shows_no_markup():
    html = render_diff(
        word_diff(
            "Water <script>alert(1)</script> for all &lt;script&gt;",
            "Water <img src=x onerror=alert(1)> for everyone `<img src=y onerror=alert(2)>`",
        )
    )
    assert html == "Water for " + removed("all") + added("everyone")
    assert "<script" not in html
    assert "<img" not in html


def test_render_diff_markers_go_through_gettext(monkeypatch):
    french = {"[removed: ": "[supprimé : ", "[added: ": "[ajouté : "}
    monkeypatch.setattr(diff, "gettext", lambda text: french[text])
    html = render_diff([("delete", "eau"), ("insert", "logement")])
    assert html == (
        '<del><span class="visually-hidden">[supprimé : </span>eau'
        '<span class="visually-hidden">]</span></del>'
        '<ins><span class="visually-hidden">[ajouté : </span>logement'
        '<span class="visually-hidden">]</span></ins>'
    )


def test_render_diff_refuses_an_unknown_op():
    with pytest.raises(ValueError):
        render_diff([("replace", "x")])


def test_diff_counts_counts_words_not_spaces_or_punctuation():
    runs = [("equal", "the "), ("delete", "right, to"), ("insert", " everyone's homes ! ")]
    assert diff_counts(runs) == {"added": 2, "removed": 2}


# compare_rights -------------------------------------------------------------------------------

EVERYONE = "Rights of everyone"


def versions() -> tuple[list[RightRow], list[RightRow]]:
    old = [
        RightRow(1, 1, EVERYONE, "Right to the city", "Everyone has the right to the city."),
        RightRow(2, 2, EVERYONE, "Right to housing", "Everyone has the right to housing."),
        RightRow(3, 3, EVERYONE, "Right to water", "Everyone has the right to water."),
        RightRow(4, 4, EVERYONE, "Right to education", "Everyone has the right to learn."),
        RightRow(5, 5, EVERYONE, "Right to work", "Everyone has the right to work."),
        RightRow(6, 6, EVERYONE, "Right to mobility", "Everyone can move freely."),
        RightRow(7, 7, EVERYONE, "Right to culture", "Everyone takes part in culture."),
    ]
    new = [
        # Emphasis and re-wrapping only: not a change.
        RightRow(1, 1, EVERYONE, "Right to the *city*", "**Everyone** has the right\nto the city."),
        RightRow(5, 2, EVERYONE, "Right to decent work", "Everyone has the right to work."),
        RightRow(3, 3, EVERYONE, "Right to clean water", "Everyone has the right to water."),
        RightRow(4, 4, EVERYONE, "Right to education", "Everyone has the right to education."),
        RightRow(2, 5, EVERYONE, "Right to housing", "Everyone has the right to housing."),
        RightRow(8, 6, EVERYONE, "Right to a healthy environment", "Everyone breathes clean air."),
        RightRow(7, 7, EVERYONE, "Right to culture", "Everyone  takes part in culture. "),
    ]  # fmt: skip
    return old, new


def test_compare_rights_gives_each_right_its_kinds_of_change():
    comparison = compare_rights(*versions())

    assert isinstance(comparison, Comparison)
    assert [(change.right_id, change.kinds) for change in comparison.changes] == [
        (1, ("unchanged",)),
        (5, ("renumbered", "renamed")),
        (3, ("renamed",)),
        (4, ("reworded",)),
        (2, ("renumbered",)),
        (8, ("added",)),
        (7, ("unchanged",)),
        (6, ("removed",)),
    ]
    assert comparison.counts == {
        "added": 1,
        "removed": 1,
        "renumbered": 2,
        "regrouped": 0,
        "renamed": 2,
        "reworded": 1,
        "unchanged": 2,
    }


def test_compare_rights_renders_only_what_changed():
    changes = {change.right_id: change for change in compare_rights(*versions()).changes}

    renamed = changes[3]
    assert renamed.title_diff == "Right to " + added("clean ") + "water"
    assert renamed.formulation_diff is None
    assert renamed.formulation_counts is None

    reworded = changes[4]
    assert reworded.title_diff is None
    assert reworded.formulation_diff == (
        "Everyone has the right to " + removed("learn") + added("education") + "."
    )
    assert reworded.formulation_counts == {"added": 1, "removed": 1}

    assert changes[1].title_diff is None
    assert changes[1].formulation_diff is None
    assert not changes[1].changed
    assert changes[8].old is None
    assert changes[8].row.title == "Right to a healthy environment"
    assert changes[6].new is None
    assert changes[6].row.title == "Right to mobility"


def test_compare_rights_notices_a_new_group():
    old = [RightRow(1, 1, "Rights of everyone", "Right to water", "Water for all.")]
    new = [RightRow(1, 1, "Rights of  *everyone*", "Right to water", "Water for all.")]
    assert compare_rights(old, new).changes[0].kinds == ("unchanged",)

    new = [RightRow(1, 1, "Rights of children", "Right to water", "Water for all.")]
    comparison = compare_rights(old, new)
    assert comparison.changes[0].kinds == ("regrouped",)
    assert comparison.counts["regrouped"] == 1


def test_compare_rights_does_not_read_a_numbered_title_as_a_list():
    old = [RightRow(1, 1, "1. Everyone", "1. Housing", "Homes.")]
    new = [RightRow(1, 1, "2. Everyone", "2. Housing", "Homes.")]
    assert compare_rights(old, new).changes[0].kinds == ("regrouped", "renamed")


def test_compare_rights_orders_ties_by_right_and_removed_by_old_number():
    old = [RightRow(9, 2, "", "B", "b"), RightRow(8, 1, "", "A", "a")]
    new = [RightRow(3, 1, "", "C", "c"), RightRow(2, 1, "", "D", "d")]
    assert [change.right_id for change in compare_rights(old, new).changes] == [2, 3, 8, 9]


def test_compare_rights_refuses_a_right_twice_in_one_version():
    rows = [RightRow(1, 1, "", "A", "a"), RightRow(1, 2, "", "A", "a")]
    with pytest.raises(ValueError):
        compare_rights(rows, [])


# fingerprint ----------------------------------------------------------------------------------


def test_fingerprint_ignores_whitespace_and_emphasis():
    assert fingerprint("Right to housing", "Everyone has the right to housing.") == fingerprint(
        " Right  to *housing*", "**Everyone** has the right\n\nto   _housing_.\n"
    )


def test_fingerprint_changes_when_a_word_changes():
    base = fingerprint("Right to housing", "Everyone has the right to housing.")
    assert fingerprint("Right to homes", "Everyone has the right to housing.") != base
    assert fingerprint("Right to housing", "Everyone has the right to a home.") != base


def test_fingerprint_keeps_title_and_formulation_apart():
    assert fingerprint("Right to", "housing") != fingerprint("Right", "to housing")


def test_fingerprint_is_sha256_hex():
    value = fingerprint("Right to water", "Water for all.")
    assert len(value) == 64
    assert int(value, 16) >= 0


# Benchmark ------------------------------------------------------------------------------------


def _timing_example(rights: int = 40, words: int = 150) -> tuple[float, Comparison]:
    """Seconds to compare two versions where every right is reworded by one word and every
    third renamed: ``manage.py shell -c "from tests.charter.test_diff import _timing_example;
    print(_timing_example()[0])"``. Not a test: timings depend on the machine."""
    old = [
        RightRow(i, i, EVERYONE, f"Right number {i}", paragraph(words, offset=i))
        for i in range(1, rights + 1)
    ]
    new = []
    for row in old:
        formulation = row.formulation.split()
        formulation[words // 2] = "changed"
        title = f"{row.title} renamed" if row.right_id % 3 == 0 else row.title
        new.append(RightRow(row.right_id, row.number, row.group, title, " ".join(formulation)))
    # Cold: nothing read before.
    diff.plain_text.cache_clear()
    diff._line_text.cache_clear()
    started = time.perf_counter()
    comparison = compare_rights(old, new)
    return time.perf_counter() - started, comparison


def test_timing_example_compares_every_right():
    _seconds, comparison = _timing_example()
    assert comparison.counts["reworded"] == 40
    assert comparison.counts["renamed"] == 13
