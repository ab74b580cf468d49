"""Personal sections of the news digest, supplied by the apps above the newsfeed.

The newsfeed knows nothing of those apps (DESIGN.md): each one registers a section in its
``AppConfig.ready()``, and the digest asks every registered section for each person. A section
reads in one query what concerns that person in the period (threads they follow, decisions on
their proposals ...) and returns short lines: titles, counts and links, never text that could
since have been hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils import translation


@dataclass(frozen=True)
class DigestLine:
    """One line of a section: a title, a link (absolute, or a path on the portal), a short
    summary in the person's language, and how many things it stands for."""

    title: str
    link: str = ""
    summary: str = ""
    count: int = 1


@dataclass(frozen=True)
class DigestSection:
    """``lines(user, period_start, period_end)`` returns the person's lines (one query, at
    most); ``heading`` is translated in the person's language when the digest is written."""

    key: str
    heading: str
    lines: Callable[[object, datetime, datetime], list[DigestLine]]


@dataclass(frozen=True)
class FilledSection:
    """A section with the lines of one person and period, ready for the templates."""

    key: str
    heading: str
    lines: list[DigestLine]


_sections: dict[str, DigestSection] = {}


def register(section: DigestSection) -> DigestSection:
    """Add a section (or replace the one of the same key: ``ready()`` may run again)."""
    _sections[section.key] = section
    return section


def registered() -> list[DigestSection]:
    return list(_sections.values())


def sections_for(*, user, period_start: datetime, period_end: datetime) -> list[FilledSection]:
    """The non-empty sections of one person's digest, in the order they were registered,
    written in the person's language."""
    filled = []
    with translation.override(user.language):
        for section in registered():
            lines = list(section.lines(user, period_start, period_end))
            if lines:
                filled.append(
                    FilledSection(key=section.key, heading=str(section.heading), lines=lines)
                )
    return filled
