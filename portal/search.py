"""The site search: one box over documents, members, events, Charter-Agenda rights and news,
each group read from its own app with that app's visibility rule."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When, Window

from charter.models import RightText, Version
from cities.models import Member
from docs_library import selectors as library_selectors
from docs_library.search import Fold, fold, index_first
from events.models import Event
from newsfeed.models import NewsItem

QUERY_MAX_LENGTH = 200
GROUP_LIMIT = 5
# How many items one group shows when asked for alone (/search/?q=...&type=members).
GROUP_ALONE_LIMIT = 100
# More words than this add nothing to a site search but work for the database.
WORDS_MAX = 8

DOCUMENTS, MEMBERS, EVENTS, RIGHTS, NEWS = "documents", "members", "events", "rights", "news"
GROUPS = (DOCUMENTS, MEMBERS, EVENTS, RIGHTS, NEWS)

_WORD = re.compile(r"\w+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_query(raw: str) -> str:
    """What is searched for: control characters (a NUL would break the query) removed, cut
    to QUERY_MAX_LENGTH characters, spaces around trimmed."""
    return _CONTROL.sub("", raw or "")[:QUERY_MAX_LENGTH].strip()


@dataclass
class Group:
    kind: str
    total: int = 0
    items: list = field(default_factory=list)

    @property
    def more(self) -> bool:
        return self.total > len(self.items)


@dataclass
class SiteSearch:
    text: str
    groups: list[Group]

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)

    def __getitem__(self, kind: str) -> Group:
        # A KeyError (not StopIteration) lets templates fall back to attributes (``.total``).
        for group in self.groups:
            if group.kind == kind:
                return group
        raise KeyError(kind)


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))[:WORDS_MAX]


def _every_word(queryset: QuerySet, fields: list[str], words: list[str]) -> QuerySet:
    """Rows where each word is in one of ``fields``, accents and case ignored on both sides
    (the column folded by SQL translate(), the word by the same table in Python)."""
    folded = {f"folded_{name}": Fold(F(name)) for name in fields}
    condition = Q()
    for word in words:
        anywhere = Q()
        for alias in folded:
            anywhere |= Q(**{f"{alias}__icontains": word})
        condition &= anywhere
    return queryset.alias(**folded).filter(condition)


def _name_first(fields: list[str], words: list[str]) -> Case:
    """0 for rows where every word is in the first field (a member's name), else 1."""
    condition = Q()
    for word in words:
        condition &= Q(**{f"folded_{fields[0]}__icontains": word})
    return Case(When(condition, then=Value(0)), default=Value(1), output_field=IntegerField())


def _first(queryset: QuerySet, kind: str, limit: int) -> Group:
    """The first ``limit`` rows and how many there are in all, in one query (the count is a
    window over the whole result, computed before the LIMIT)."""
    rows = list(queryset.annotate(found_total=Window(Count("pk")))[:limit])
    return Group(kind=kind, total=rows[0].found_total if rows else 0, items=rows)


def documents_found(*, text: str, user, limit: int) -> Group:
    documents, _areas = library_selectors.search(
        library_selectors.library(user=user).prefetch_related(None), text=text
    )
    with index_first():
        group = _first(documents, DOCUMENTS, limit)
        # The passage that matched, for the documents shown only.
        snippets = library_selectors.snippets(group.items, text=text)
    for document in group.items:
        document.snippet = snippets.get(document.pk)
    return group


MEMBER_FIELDS = ["name", "description", "local_charter"]


def members_found(*, text: str) -> QuerySet[Member]:
    words = _words(text)
    return (
        _every_word(Member.objects.published(), MEMBER_FIELDS, words)
        .select_related("region")
        .annotate(name_hit=_name_first(MEMBER_FIELDS, words))
        .order_by("name_hit", "name", "pk")
    )


def events_found(*, text: str, user) -> QuerySet[Event]:
    return (
        _every_word(Event.objects.visible_to(user), ["title", "theme", "description"], _words(text))
        .select_related("parent")
        .order_by("-starts_at", "-pk")
    )


def rights_found(*, text: str) -> QuerySet[RightText]:
    """Rights of published versions (what everyone reads); a right matching in several
    versions is shown once, in the latest of them."""
    matching = _every_word(
        RightText.objects.filter(version__in=Version.objects.published()),
        ["title", "formulation", "commentary", "group"],
        _words(text),
    )
    latest = matching.order_by("right_id", "-version__number").distinct("right_id").values("pk")
    return (
        RightText.objects.filter(pk__in=latest)
        .select_related("version")
        .order_by("-version__number", "order", "number")
    )


def news_found(*, text: str, user) -> QuerySet[NewsItem]:
    return (
        _every_word(
            NewsItem.objects.about_published_members().published().visible_to(user),
            ["title", "summary"],
            _words(text),
        )
        .select_related("member")
        .order_by("-published_at", "-pk")
    )


def site_search(*, text: str, user, only: str | None = None) -> SiteSearch:
    """Each group's first items and count, for ``user``; ``only`` one group (with more of its
    items) when named. A fixed number of queries, whatever the number of results."""
    kinds = [only] if only in GROUPS else list(GROUPS)
    limit = GROUP_ALONE_LIMIT if only in GROUPS else GROUP_LIMIT
    if not _words(text):
        return SiteSearch(text=text, groups=[Group(kind=kind) for kind in kinds])
    groups = []
    for kind in kinds:
        if kind == DOCUMENTS:
            groups.append(documents_found(text=text, user=user, limit=limit))
        elif kind == MEMBERS:
            groups.append(_first(members_found(text=text), kind, limit))
        elif kind == EVENTS:
            groups.append(_first(events_found(text=text, user=user), kind, limit))
        elif kind == RIGHTS:
            groups.append(_first(rights_found(text=text), kind, limit))
        else:
            groups.append(_first(news_found(text=text, user=user), kind, limit))
    return SiteSearch(text=text, groups=groups)
