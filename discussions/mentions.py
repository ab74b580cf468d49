"""``@mentions``: a person by their name joined with hyphens (``@ana-garcia``), or a whole group
(``@steering-group``) when a moderator writes."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.text import slugify

# Not inside a word or an e-mail address; a handle is what slugify makes of a name.
MENTION = re.compile(r"(?<![\w@.])@([a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?)", re.IGNORECASE)


def handle_of(user) -> str:
    return slugify(user.name or "")


def handles_in(text: str) -> set[str]:
    # Code is quoted text, not a call to anyone.
    text = re.sub(r"```.*?```|`[^`]*`", " ", text, flags=re.DOTALL)
    return {match.lower() for match in MENTION.findall(text)}


def mentioned_people(text: str, *, groups_allowed: bool) -> list:
    """The approved, active people a text mentions (each once), and the members of mentioned
    groups when ``groups_allowed``."""
    handles = handles_in(text)
    if not handles:
        return []
    people = {}
    for user in (
        get_user_model()
        .objects.filter(is_active=True, is_approved=True)
        .only("pk", "name", "email", "language")
    ):
        if handle_of(user) in handles:
            people[user.pk] = user
    if groups_allowed:
        for group in Group.objects.all():
            if slugify(group.name) in handles:
                for user in group.user_set.filter(is_active=True, is_approved=True):
                    people[user.pk] = user
    return list(people.values())
