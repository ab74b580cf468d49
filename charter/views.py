"""The Charter-Agenda pages: a version, a right with its comments and amendments, proposing a
change, comparing two versions, one's own contributions, and a version's exports."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charter import forms, selectors, services
from charter.diff import (
    ADDED,
    REGROUPED,
    REMOVED,
    RENAMED,
    RENUMBERED,
    REWORDED,
    UNCHANGED,
    compare_rights,
    diff_counts,
    render_diff,
    word_diff,
)
from charter.models import Amendment, RightText, Version
from core.timezones import viewer_zone, zone_abbreviation

CHANGE_LABELS = [
    (ADDED, gettext_lazy("Added")),
    (REMOVED, gettext_lazy("Removed")),
    (RENUMBERED, gettext_lazy("Renumbered")),
    (REGROUPED, gettext_lazy("Regrouped")),
    (RENAMED, gettext_lazy("Renamed")),
    (REWORDED, gettext_lazy("Reworded")),
    (UNCHANGED, gettext_lazy("Unchanged")),
]


# --- Helpers ---------------------------------------------------------------------------------


def _version_or_404(request, number: int) -> Version:
    version = selectors.version_for(number=number, user=request.user)
    if version is None:
        raise Http404("No such version")
    return version


def _when(request, moment) -> dict | None:
    """A moment in the viewer's zone (else the site's), for people to read: "30 June 2025,
    17:00 CEST"."""
    if moment is None:
        return None
    local = timezone.localtime(moment, viewer_zone(request) or timezone.get_current_timezone())
    # Translators: Django's date format for when a consultation round closes.
    text = dateformat.format(local, pgettext("charter round closing", "j F Y, G:i"))
    return {"iso": moment.isoformat(), "text": f"{text} {zone_abbreviation(local)}"}


@lru_cache(maxsize=512)
def _diff(old: str, new: str):
    """The word diff from ``old`` to ``new`` as HTML, or None when the words are the same
    (a pure function of the two texts, so recent ones are kept)."""
    runs = word_diff(old, new)
    return render_diff(runs) if any(op != "equal" for op, _text in runs) else None


def _by_group(rights) -> list[dict]:
    """Rights under their group, groups in the order of their first right."""
    groups: dict[str, list] = {}
    for text in rights:
        groups.setdefault(text.group, []).append(text)
    return [{"name": name, "rights": texts} for name, texts in groups.items()]


# --- A version -------------------------------------------------------------------------------


@require_GET
def version_current(request):
    version = selectors.current_version(user=request.user)
    if version is None:
        return render(request, "charter/no_version.html")
    return redirect(version)


@require_GET
def version_detail(request, number: int):
    version = _version_or_404(request, number)
    rights = list(selectors.version_rights(version=version))
    return render(
        request,
        "charter/version.html",
        {
            "version": version,
            "parts": version.parts.all(),
            "groups": _by_group(rights),
            "rights_count": len(rights),
            "round_is_open": version.round_is_open(),
            "opens_at": _when(request, version.round_opens_at),
            "closes_at": _when(request, version.round_closes_at),
            "adopted_at": _when(request, version.adopted_at),
        },
    )


@require_GET
def version_markdown(request, number: int):
    version = _version_or_404(request, number)
    text = render_to_string(
        "charter/version.md",
        {
            "version": version,
            "parts": version.parts.all(),
            "groups": _by_group(selectors.version_texts(version=version)),
        },
        request=request,
    )
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="charter-agenda-v{version.number}.md"'
    return response


@require_GET
def version_json(request, number: int):
    version = _version_or_404(request, number)
    return JsonResponse(
        {
            "number": version.number,
            "title": version.title,
            "status": version.status,
            "parts": [
                {"kind": part.kind, "title": part.title, "text": part.text}
                for part in version.parts.all()
            ],
            "rights": [
                {
                    "key": text.right.key,
                    "number": text.number,
                    "group": text.group,
                    "title": text.title,
                    "formulation": text.formulation,
                }
                for text in selectors.version_texts(version=version)
            ],
        },
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )


# --- A right: reading and commenting ---------------------------------------------------------


def _right_page_or_404(version: Version, right_number: int) -> RightText:
    text = selectors.right_page(version=version, number=right_number)
    if text is None:
        raise Http404("No such right in this version")
    return text


def _amendment_rows(text: RightText) -> list[dict]:
    """Each amendment with the diffs its page shows: from the text it was written against to
    the proposal, and, when the right changed since ("needs rebase"), to the current text."""
    rows = []
    for amendment in text.amendment_list:
        rows.append(
            {
                "amendment": amendment,
                "title_diff": _diff(amendment.base_title, amendment.proposed_title),
                "formulation_diff": _diff(
                    amendment.base_formulation, amendment.proposed_formulation
                ),
                "current_title_diff": _diff(amendment.base_title, text.title),
                "current_formulation_diff": _diff(amendment.base_formulation, text.formulation),
            }
        )
    return rows


COMMENTS_PER_PAGE = 50


def _render_right(request, version: Version, text: RightText, comment_form, *, status=200):
    # Fifty conversations a page (with their replies): a long consultation stays readable on a
    # phone, and the page stays fast.
    conversations = selectors.right_comments(text=text)
    page = Paginator(conversations, COMMENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "charter/right.html",
        {
            "version": version,
            "text": text,
            "comments": page.object_list,
            "page": page,
            "comment_count": text.comment_count,
            "amendments": _amendment_rows(text),
            "practices": text.right.published_practices,
            "comment_form": comment_form,
            "closes_at": _when(request, version.round_closes_at),
        },
        status=status,
    )


@require_GET
def right_detail(request, number: int, right_number: int):
    version = _version_or_404(request, number)
    text = _right_page_or_404(version, right_number)
    return _render_right(request, version, text, forms.CommentForm(right_text=text))


@login_required
@require_POST
def comment(request, number: int, right_number: int):
    if not request.user.has_perm("core.see_members_content"):
        raise PermissionDenied(_("Approved members comment on the Charter."))
    version = _version_or_404(request, number)
    text = _right_page_or_404(version, right_number)
    form = forms.CommentForm(request.POST, right_text=text)
    if form.is_valid():
        try:
            posted = services.comment_post(
                right_text=text,
                by=request.user,
                body=form.answers["body"],
                parent=form.answers.get("parent"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your comment is published."))
            return redirect(f"{text.get_absolute_url()}#comment-{posted.pk}")
    return _render_right(request, version, text, form, status=400)


# --- Proposing a change ----------------------------------------------------------------------


def _right_or_404(version: Version, right_number: int) -> RightText:
    text = selectors.right_in_version(version=version, number=right_number)
    if text is None:
        raise Http404("No such right in this version")
    return text


def _preview(text: RightText, answers: dict) -> dict:
    """The proposal against the current text, as the service would read it (an empty field
    keeps the current words)."""
    title = answers.get("proposed_title", "").strip() or text.title
    formulation = answers.get("proposed_formulation", "").strip() or text.formulation
    runs = word_diff(text.formulation, formulation)
    title_diff, counts = _diff(text.title, title), diff_counts(runs)
    return {
        "title_diff": title_diff,
        "formulation_diff": render_diff(runs),
        "counts": counts,
        "unchanged": title_diff is None and not any(counts.values()),
    }


@login_required
@require_http_methods(["GET", "POST"])
def propose(request, number: int, right_number: int):
    version = _version_or_404(request, number)
    text = _right_or_404(version, right_number)
    if not request.user.has_perm("charter.propose", version):
        if not request.user.has_perm("core.see_members_content"):
            raise PermissionDenied(_("Approved members propose amendments."))
        messages.error(request, _("The consultation on this version is not open."))
        return redirect(text)
    form = forms.AmendmentForm(request.POST or None, instance=forms.amendment_draft(text))
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = _preview(text, form.answers)
        else:
            try:
                amendment = services.amendment_submit(
                    right_text=text,
                    by=request.user,
                    title=form.answers["proposed_title"],
                    formulation=form.answers["proposed_formulation"],
                    rationale=form.answers["rationale"],
                    base_fingerprint=form.answers["base_fingerprint"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Your proposal is submitted. The steering group will respond.")
                )
                return redirect(f"{text.get_absolute_url()}#amendment-{amendment.pk}")
    return render(
        request,
        "charter/propose.html",
        {
            "version": version,
            "text": text,
            "form": form,
            "preview": preview,
            "closes_at": _when(request, version.round_closes_at),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def withdraw(request, number: int, right_number: int, pk: int):
    version = _version_or_404(request, number)
    amendment = selectors.amendment_of(version=version, right_number=right_number, pk=pk)
    if amendment is None:
        raise Http404("No such amendment")
    try:
        services.amendment_withdraw(amendment=amendment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your proposal is withdrawn."))
    return redirect(f"{amendment.right_text.get_absolute_url()}#amendment-{amendment.pk}")


# --- Comparing two versions ------------------------------------------------------------------


def _whole(text: str, *, removed: bool = False):
    """A right's whole text marked as added (or removed)."""
    return render_diff(word_diff(text, "") if removed else word_diff("", text))


@require_GET
def compare(request, a: int, b: int):
    old, new = _version_or_404(request, a), _version_or_404(request, b)
    comparison = compare_rights(
        selectors.right_rows(version=old), selectors.right_rows(version=new)
    )
    applied: dict[int, list[Amendment]] = defaultdict(list)
    for amendment in selectors.amendments_applied_in(version=new):
        applied[amendment.right_text.right_id].append(amendment)
    changes = [
        {
            "change": change,
            "amendments": applied.get(change.right_id, []),
            "added_text": _whole(change.new.formulation) if change.old is None else None,
            "removed_text": _whole(change.old.formulation, removed=True)
            if change.new is None
            else None,
        }
        for change in comparison.changes
        if change.changed
    ]
    return render(
        request,
        "charter/compare.html",
        {
            "old": old,
            "new": new,
            "counts": [
                {"kind": kind, "label": label, "count": comparison.counts[kind]}
                for kind, label in CHANGE_LABELS
            ],
            "changes": changes,
            "change_labels": CHANGE_LABELS,
            "form": forms.CompareForm(
                initial={"a": old.number, "b": new.number},
                versions=selectors.readable_versions(user=request.user),
            ),
        },
    )


@require_GET
def compare_form(request):
    versions = selectors.readable_versions(user=request.user)
    form = forms.CompareForm(request.GET or None, versions=versions)
    if form.is_bound and form.is_valid():
        return redirect("charter:compare", a=form.cleaned_data["a"], b=form.cleaned_data["b"])
    return render(request, "charter/compare_form.html", {"form": form, "versions": versions})


# --- One's own contributions -----------------------------------------------------------------


@login_required
@require_GET
def my_contributions(request):
    contributions = selectors.my_contributions(user=request.user)
    return render(
        request,
        "charter/my_contributions.html",
        {"comments": contributions.comments, "amendments": contributions.amendments},
    )
