"""Markdown written by users, rendered with markdown-it-py and cleaned with nh3."""

from functools import lru_cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Raw HTML in the source is escaped by the parser; nh3 is the second wall.
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def render_markdown(text: str | None) -> SafeString:
    """Return sanitised HTML for user-written Markdown."""
    if not text:
        return mark_safe("")
    text = str(text)
    return _render_kept(text) if len(text) <= KEPT_MAX_LENGTH else _render(text)


# A pure function of the text: the same comments and posts are shown on every visit, so each
# process keeps the latest short renderings (a long discussion renders in a tenth), within a
# few megabytes.
KEPT_MAX_LENGTH = 4000


@lru_cache(maxsize=2048)
def _render_kept(text: str) -> SafeString:
    return _render(text)


def _render(text: str) -> SafeString:
    html = _parser().render(text)
    # Headings start at h2: the page owns the h1.
    for level in range(5, 0, -1):
        html = html.replace(f"<h{level}>", f"<h{level + 1}>").replace(
            f"</h{level}>", f"</h{level + 1}>"
        )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 just above
