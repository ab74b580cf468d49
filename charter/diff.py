"""Comparing two versions of the Charter-Agenda right by right: the words people read, not the
markup, with every change marked in words for readers who cannot see colour or the page.

Pure Python: no models, no database. Callers turn rights into ``RightRow`` first."""

from __future__ import annotations

import difflib
import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import nh3
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from markdown_it import MarkdownIt
from markdown_it.token import Token

EQUAL, INSERT, DELETE = "equal", "insert", "delete"

ADDED = "added"
REMOVED = "removed"
RENUMBERED = "renumbered"
REGROUPED = "regrouped"
RENAMED = "renamed"
REWORDED = "reworded"
UNCHANGED = "unchanged"
CHANGE_KINDS = (ADDED, REMOVED, RENUMBERED, REGROUPED, RENAMED, REWORDED, UNCHANGED)

# Words (with their inner apostrophes), whitespace runs and single punctuation marks: a changed
# comma stays a changed comma and does not take the word next to it along.
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|\s+|[^\w\s]")
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_SILENCING_TAG = re.compile(r"<(/?)(script|style)\b", re.IGNORECASE)
# What is still tag-shaped after parsing came from entities, escapes or code spans.
_TAG_SHAPED = re.compile(r"<[A-Za-z/!?][^<>]*>")


# Plain text ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Same syntax as core.markdown, but raw HTML is recognised so that it can be dropped
    # instead of being read as words.
    return MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")


def _inline_text(children: list[Token]) -> str:
    parts: list[str] = []
    silenced = False
    for child in children:
        if child.type == "html_inline":
            # Tags are dropped; what a <script> or <style> holds is not text anyone reads.
            tag = _SILENCING_TAG.match(child.content)
            if tag:
                silenced = not tag.group(1)
        elif silenced:
            continue
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_inline_text(child.children or []))
    return "".join(parts)


def _html_text(fragment: str) -> str:
    # nh3 reads the fragment as HTML: tags go (script and style with their content), the rest
    # comes back escaped once, so unescaping once gives the text.
    return html.unescape(nh3.clean(fragment, tags=set()))


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _text_only(text: str) -> str:
    return _collapse(_TAG_SHAPED.sub("", text))


# Comparing, fingerprinting and re-viewing read the same texts again and again.
@lru_cache(maxsize=256)
def plain_text(markdown: str) -> str:
    """The text a person reads in ``markdown``: no Markdown markup, no HTML tags (not even
    tag-shaped text from entities or code spans), whitespace collapsed inside each paragraph,
    paragraphs (list items, headings) separated by a blank line. The result is text: escape it
    when it goes into a page."""
    if not markdown:
        return ""
    paragraphs: list[str] = []
    row: list[str] | None = None  # the cells of a table row read as one line
    for token in _parser().parse(unicodedata.normalize("NFC", markdown)):
        if token.type == "tr_open":
            row = []
            continue
        if token.type == "tr_close" and row is not None:
            paragraphs.append(" ".join(row))
            row = None
            continue
        if token.type == "inline":
            text = _inline_text(token.children or [])
        elif token.type in ("fence", "code_block"):
            text = token.content
        elif token.type == "html_block":
            text = _html_text(token.content)
        else:
            continue
        (row if row is not None else paragraphs).append(text)
    return "\n\n".join(kept for kept in map(_text_only, paragraphs) if kept)


@lru_cache(maxsize=512)
def _line_text(line: str) -> str:
    """Plain text of a one-line field (a title, a group): inline Markdown only, so that a title
    such as "1. Housing" or "# 5G" is not read as a list or a heading."""
    if not line:
        return ""
    tokens = _parser().parseInline(unicodedata.normalize("NFC", line))
    return _text_only("".join(_inline_text(token.children or []) for token in tokens))


# Word diff ----------------------------------------------------------------------------------


def _diff_tokens(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    # What both texts share at the start and the end is set aside first: a one-word change
    # in a long paragraph then costs the matcher almost nothing.
    shortest = min(len(old), len(new))
    start = 0
    while start < shortest and old[start] == new[start]:
        start += 1
    end = 0
    while end < shortest - start and old[-1 - end] == new[-1 - end]:
        end += 1
    old_middle, new_middle = old[start : len(old) - end], new[start : len(new) - end]

    ops: list[tuple[str, str]] = [(EQUAL, "".join(old[:start]))]
    # No autojunk: in a long paragraph it would treat spaces and "the" as noise.
    matcher = difflib.SequenceMatcher(None, old_middle, new_middle, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append((EQUAL, "".join(old_middle[i1:i2])))
            continue
        ops.append((DELETE, "".join(old_middle[i1:i2])))
        ops.append((INSERT, "".join(new_middle[j1:j2])))
    ops.append((EQUAL, "".join(old[len(old) - end :])))
    return _readable(ops)


def _readable(ops: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Group the changes: deletions before insertions, and two replaced words separated by a
    space become one replaced phrase rather than a patchwork of markers."""
    items: list[list[str]] = []  # ["equal", text] or ["change", deleted, inserted]
    for op, text in ops:
        if not text:
            continue
        if op == EQUAL:
            if items and items[-1][0] == EQUAL:
                items[-1][1] += text
            else:
                items.append([EQUAL, text])
            continue
        if not items or items[-1][0] == EQUAL:
            items.append(["change", "", ""])
        items[-1][1 if op == DELETE else 2] += text

    merged: list[list[str]] = []
    for item in items:
        if (
            item[0] == "change"
            and len(merged) >= 2
            and merged[-1][0] == EQUAL
            and merged[-1][1].isspace()
            and merged[-2][0] == "change"
            and all(merged[-2][1:])
            and all(item[1:])
        ):
            space = merged.pop()[1]
            merged[-1][1] += space + item[1]
            merged[-1][2] += space + item[2]
        else:
            merged.append(item)

    runs: list[tuple[str, str]] = []
    for item in merged:
        if item[0] == EQUAL:
            runs.append((EQUAL, item[1]))
            continue
        if item[1]:
            runs.append((DELETE, item[1]))
        if item[2]:
            runs.append((INSERT, item[2]))
    return runs


def _diff_plain(old: str, new: str) -> list[tuple[str, str]]:
    return list(_diff_plain_kept(old, new))


# A pure function of the two texts: comparisons and amendment pages are read far more often than
# the texts change, so the process keeps the latest diffs.
@lru_cache(maxsize=512)  # a comparison and a right's amendments, within a few megabytes
def _diff_plain_kept(old: str, new: str) -> tuple[tuple[str, str], ...]:
    return tuple(_diff_tokens(_TOKEN.findall(old), _TOKEN.findall(new)))


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word by word, what it takes to go from ``old`` to ``new`` (both read as plain text):
    runs of ("equal" | "delete" | "insert", text); a deletion comes before the insertion that
    replaces it and no two neighbouring runs have the same op."""
    return _diff_plain(plain_text(old), plain_text(new))


def _escaped_text(text: str) -> SafeString:
    # Paragraph breaks stay visible without any stylesheet.
    return mark_safe(escape(text).replace("\n", "<br>"))  # noqa: S308 - escaped just before


def render_diff(runs: list[tuple[str, str]]) -> SafeString:
    """HTML for a word diff: changed runs in <del> and <ins>, each with a visually hidden
    "[removed: ...]" / "[added: ...]" so that screen readers announce them and the change is
    readable without colour. Everything from the runs is escaped."""
    hidden = '<span class="visually-hidden">{}</span>'
    opening = {
        # Translators: read by screen readers before words removed from a text; keep the space.
        DELETE: format_html("<del>" + hidden, gettext("[removed: ")),
        # Translators: read by screen readers before words added to a text; keep the space.
        INSERT: format_html("<ins>" + hidden, gettext("[added: ")),
    }
    closing = {
        DELETE: format_html(hidden + "</del>", "]"),
        INSERT: format_html(hidden + "</ins>", "]"),
    }
    parts: list[str] = []
    for op, text in runs:
        if op == EQUAL:
            parts.append(_escaped_text(text))
        elif op in opening:
            parts.append(opening[op] + _escaped_text(text) + closing[op])
        else:
            raise ValueError(f"unknown diff op {op!r}")
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


def diff_counts(runs: list[tuple[str, str]]) -> dict[str, int]:
    """How many words a diff adds and removes: {"added": n, "removed": n}."""
    counts = {"added": 0, "removed": 0}
    for op, text in runs:
        if op != EQUAL:
            counts["added" if op == INSERT else "removed"] += len(_WORD.findall(text))
    return counts


# Fingerprint --------------------------------------------------------------------------------


def fingerprint(title: str, formulation: str) -> str:
    """sha256 of the words of a right's title and formulation: re-formatting, re-wrapping or
    re-emphasising the text keeps it, changing a word does not."""
    # NUL cannot occur in parsed Markdown (CommonMark replaces it), so the join is unambiguous.
    words = f"{_line_text(title)}\0{_collapse(plain_text(formulation))}"
    return hashlib.sha256(words.encode()).hexdigest()


# Comparing versions -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RightRow:
    """A right as one version words it."""

    right_id: int
    number: int
    group: str
    title: str
    formulation: str


@dataclass(frozen=True, slots=True)
class RightChange:
    """One right across two versions; ``old`` is None when added, ``new`` when removed."""

    right_id: int
    old: RightRow | None
    new: RightRow | None
    kinds: tuple[str, ...]
    title_diff: SafeString | None = None
    formulation_diff: SafeString | None = None
    formulation_counts: dict[str, int] | None = None

    @property
    def row(self) -> RightRow:
        """The right as the newer version has it, or as the older one had it when removed."""
        return self.new or self.old  # type: ignore[return-value]

    @property
    def changed(self) -> bool:
        return self.kinds != (UNCHANGED,)


@dataclass(frozen=True, slots=True)
class Comparison:
    changes: list[RightChange]
    counts: dict[str, int]  # rights per kind of change; every kind is present


def _by_right(rows: list[RightRow]) -> dict[int, RightRow]:
    by_right: dict[int, RightRow] = {}
    for row in rows:
        if row.right_id in by_right:
            raise ValueError(f"right {row.right_id} appears twice in one version")
        by_right[row.right_id] = row
    return by_right


def _compare_pair(old: RightRow, new: RightRow) -> RightChange:
    kinds: list[str] = []
    if old.number != new.number:
        kinds.append(RENUMBERED)
    if _line_text(old.group) != _line_text(new.group):
        kinds.append(REGROUPED)
    title_diff = formulation_diff = formulation_counts = None
    old_title, new_title = _line_text(old.title), _line_text(new.title)
    if old_title != new_title:
        kinds.append(RENAMED)
        title_diff = render_diff(_diff_plain(old_title, new_title))
    old_text, new_text = plain_text(old.formulation), plain_text(new.formulation)
    # Moving a paragraph break is formatting, as for the fingerprint.
    if _collapse(old_text) != _collapse(new_text):
        kinds.append(REWORDED)
        runs = _diff_plain(old_text, new_text)
        formulation_diff, formulation_counts = render_diff(runs), diff_counts(runs)
    return RightChange(
        right_id=new.right_id,
        old=old,
        new=new,
        kinds=tuple(kinds) or (UNCHANGED,),
        title_diff=title_diff,
        formulation_diff=formulation_diff,
        formulation_counts=formulation_counts,
    )


def compare_rights(old: list[RightRow], new: list[RightRow]) -> Comparison:
    """Pair the rights of two versions by identity and say what changed for each: the newer
    version's rights in its order, then the removed ones in the older version's order."""
    old_by_right, new_by_right = _by_right(old), _by_right(new)
    changes: list[RightChange] = []
    for row in sorted(new_by_right.values(), key=lambda row: (row.number, row.right_id)):
        before = old_by_right.get(row.right_id)
        if before is None:
            changes.append(RightChange(row.right_id, None, row, (ADDED,)))
        else:
            changes.append(_compare_pair(before, row))
    for row in sorted(old_by_right.values(), key=lambda row: (row.number, row.right_id)):
        if row.right_id not in new_by_right:
            changes.append(RightChange(row.right_id, row, None, (REMOVED,)))

    counts = dict.fromkeys(CHANGE_KINDS, 0)
    for change in changes:
        for kind in change.kinds:
            counts[kind] += 1
    return Comparison(changes=changes, counts=counts)
