"""Importing a version's rights from a Markdown text: ``## Group`` headings, ``### 12. Title``
right headings, the paragraphs under each as its formulation.

``parse_rights`` and ``import_plan`` only read (the admin shows their preview and the errors
line by line); ``rights_import`` writes, as the services do: one transaction, the version
locked, permission and state checked on the locked row."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from charter.diff import fingerprint, plain_text
from charter.models import (
    TEXT_MAX_LENGTH,
    Amendment,
    AmendmentStatus,
    Right,
    RightText,
    Version,
    VersionStatus,
)
from core.rules import require_perm

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_NUMBERED = re.compile(r"^(\d+)\s*[.)]?(?:\s+(.*))?$")
GROUP_MAX_LENGTH = RightText._meta.get_field("group").max_length
TITLE_MAX_LENGTH = RightText._meta.get_field("title").max_length
# Kept numbers move out of the way first: two rights may swap their numbers.
_NUMBER_SHIFT = 1_000_000


@dataclass
class ParsedRight:
    """A right as read from the text; ``line`` is its heading's line (from 1)."""

    line: int
    group: str
    number: int | None
    title: str
    formulation: str = ""
    order: int = 0

    @property
    def first_words(self) -> str:
        return Truncator(" ".join(plain_text(self.formulation).split())).words(12)


def parse_rights(text: str) -> tuple[list[ParsedRight], list[str]]:
    """The rights in ``text`` in their order, and what is wrong, line by line: a right without
    a number or a title, a number used twice, a right without a formulation, text outside any
    right. Nothing is written."""
    rights: list[ParsedRight] = []
    errors: list[str] = []
    current: ParsedRight | None = None
    body: list[str] = []
    group = ""
    stray_from: int | None = None

    def close() -> None:
        if current is None:
            return
        current.formulation = "\n".join(body).strip()
        body.clear()
        if not current.formulation:
            errors.append(
                _("Line %(line)s: the right “%(title)s” has no formulation.")
                % {"line": current.line, "title": current.title}
            )
        elif len(current.formulation) > TEXT_MAX_LENGTH:
            errors.append(
                _("Line %(line)s: the formulation is longer than %(max)s characters.")
                % {"line": current.line, "max": TEXT_MAX_LENGTH}
            )

    first_line_of: dict[int, int] = {}
    for number, line in enumerate((text or "").replace("\r\n", "\n").split("\n"), start=1):
        heading = _HEADING.match(line)
        level = len(heading.group(1)) if heading else 0
        if level in (1, 2, 3):
            stray_from = None
        if level == 1:
            continue  # the document's own title
        if level == 2:
            close()
            current = None
            group = (heading.group(2) or "").strip()
            if len(group) > GROUP_MAX_LENGTH:
                errors.append(
                    _("Line %(line)s: the group's name is longer than %(max)s characters.")
                    % {"line": number, "max": GROUP_MAX_LENGTH}
                )
            continue
        if level == 3:
            close()
            current = _right_from_heading(heading.group(2) or "", number, group, errors)
            current.order = len(rights) + 1
            if current.number is not None:
                if current.number in first_line_of:
                    errors.append(
                        _("Line %(line)s: number %(number)s is used twice (also on line "
                          "%(first)s).")
                        % {"line": number, "number": current.number,
                           "first": first_line_of[current.number]}
                    )  # fmt: skip
                else:
                    first_line_of[current.number] = number
            rights.append(current)
            continue
        if current is not None:
            body.append(line)
        elif line.strip() and stray_from is None:
            stray_from = number
            errors.append(
                _("Line %(line)s: this text belongs to no right (a right starts with a line "
                  "“### 1. Title”).") % {"line": number}
            )  # fmt: skip
    close()
    if not rights:
        errors.append(_("No right found: each right starts with a line “### 1. Title”."))
    return rights, errors


def _right_from_heading(heading: str, line: int, group: str, errors: list[str]) -> ParsedRight:
    heading = heading.strip()
    numbered = _NUMBERED.match(heading)
    if numbered:
        number, title = int(numbered.group(1)), (numbered.group(2) or "").strip()
    else:
        number, title = None, heading
    if not title:
        errors.append(_("Line %(line)s: the right has no title.") % {"line": line})
    elif len(title) > TITLE_MAX_LENGTH:
        errors.append(
            _("Line %(line)s: the title is longer than %(max)s characters.")
            % {"line": line, "max": TITLE_MAX_LENGTH}
        )
    if number is None:
        errors.append(
            _("Line %(line)s: the right “%(title)s” has no number (write “### 12. %(title)s”).")
            % {"line": line, "title": title}
        )
    elif number < 1:
        errors.append(_("Line %(line)s: a right's number starts at 1.") % {"line": line})
    return ParsedRight(line=line, group=group, number=number, title=title)


# --- Which identity each right keeps ------------------------------------------------------------


@dataclass
class ImportRow:
    parsed: ParsedRight
    identity: Right | None  # None: a new right
    was: RightText | None = None  # how this version or the latest one worded it


@dataclass
class ImportPlan:
    rows: list[ImportRow]
    removed: list[RightText]  # this version's rights that the text leaves out
    errors: list[str] = field(default_factory=list)


def _title_key(title: str) -> str:
    return " ".join(title.split()).casefold()


def import_plan(*, version: Version, rights: list[ParsedRight]) -> ImportPlan:
    """Pair each parsed right with an existing right of the charter: by number first, then by
    title, as this version words the rights (or, for a right it does not have, as the latest
    version that has it). Rights of this version left out are removed, unless people's
    comments or amendments hang on them."""
    latest: dict[int, RightText] = {}
    texts = (
        RightText.objects.filter(version__charter_id=version.charter_id)
        .select_related("right", "version")
        .annotate(
            kept_comments=Count("comments", distinct=True),
            kept_amendments=Count("amendments", distinct=True),
        )
    )
    for text in sorted(texts, key=lambda t: (t.version_id != version.pk, -t.version.number)):
        latest.setdefault(text.right_id, text)
    by_number: dict[int, RightText] = {}
    by_title: dict[str, RightText] = {}
    for text in latest.values():
        by_number.setdefault(text.number, text)
        by_title.setdefault(_title_key(text.title), text)

    rows = [ImportRow(parsed=parsed, identity=None) for parsed in rights]
    used: set[int] = set()
    for lookup, key in ((by_number, "number"), (by_title, "title")):
        for row in rows:
            if row.identity is not None:
                continue
            value = row.parsed.number if key == "number" else _title_key(row.parsed.title)
            match = lookup.get(value)
            if match is not None and match.right_id not in used:
                used.add(match.right_id)
                row.identity, row.was = match.right, match

    removed = [t for t in latest.values() if t.version_id == version.pk and t.right_id not in used]
    errors = [
        _("“%(right)s” is left out, but people's comments or amendments are on it: keep it in "
          "the text (its number, title and group may change).") % {"right": text}
        for text in removed
        if text.kept_comments or text.kept_amendments
    ]  # fmt: skip
    return ImportPlan(rows=rows, removed=sorted(removed, key=lambda t: t.number), errors=errors)


def _new_key(title: str, taken: set[str]) -> str:
    base = slugify(title)[:100].strip("-") or "right"
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    taken.add(key)
    return key


def require_drafting(version: Version) -> None:
    if version.status != VersionStatus.DRAFTING:
        raise ValidationError(
            _("Version %(number)s is no longer being drafted (%(status)s): its rights are "
              "changed by amendments now, not by an import.")
            % {"number": version.number, "status": version.get_status_display()}
        )  # fmt: skip


def rights_import(*, version: Version, by, rights: list[ParsedRight]) -> list[RightText]:
    """Replace the rights of a version being drafted with ``rights``: each keeps the identity
    (and so the comments, amendments and practices) of the existing right it matches (see
    ``import_plan``); the others become new rights. Pending amendments on a right whose words
    change are marked "needs rebase"."""
    require_perm(
        by, "charter.manage_version", message=_("Only the secretariat manages the Charter.")
    )
    if not rights:
        raise ValidationError(_("No right found: each right starts with a line “### 1. Title”."))
    numbers = [parsed.number for parsed in rights]
    if None in numbers or len(set(numbers)) != len(numbers):
        raise ValidationError(_("Each right needs its own number."))
    with transaction.atomic():
        version = Version.objects.select_for_update(of=("self",)).get(pk=version.pk)
        require_drafting(version)
        plan = import_plan(version=version, rights=rights)
        if plan.errors:
            raise ValidationError(plan.errors)
        RightText.objects.filter(pk__in=[text.pk for text in plan.removed]).delete()
        version.rights.update(number=F("number") + _NUMBER_SHIFT)
        here = {text.right_id: text for text in version.rights.all()}
        taken = set(
            Right.objects.filter(charter_id=version.charter_id).values_list("key", flat=True)
        )
        saved: list[RightText] = []
        for row in plan.rows:
            parsed, identity = row.parsed, row.identity
            if identity is None:
                identity = Right(charter_id=version.charter_id, key=_new_key(parsed.title, taken))
                identity.full_clean()
                identity.save()
            text = here.get(identity.pk) or RightText(version=version, right=identity)
            text.group, text.number, text.title = parsed.group, parsed.number, parsed.title
            text.formulation, text.order = parsed.formulation, parsed.order
            text.full_clean()
            text.save()
            saved.append(text)
        _mark_needs_rebase(saved)
    return saved


def _mark_needs_rebase(texts: list[RightText]) -> None:
    by_pk = {text.pk: text for text in texts}
    pending = Amendment.objects.filter(
        right_text__in=texts, status=AmendmentStatus.SUBMITTED, needs_rebase=False
    ).only("pk", "right_text_id", "base_fingerprint")
    stale = [
        a.pk
        for a in pending
        if a.base_fingerprint
        != fingerprint(by_pk[a.right_text_id].title, by_pk[a.right_text_id].formulation)
    ]
    if stale:
        Amendment.objects.filter(pk__in=stale).update(needs_rebase=True, updated_at=timezone.now())
