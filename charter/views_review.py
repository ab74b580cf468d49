"""The steering group's review of submitted amendments, and the public record of its
decisions for each version."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from charter import selectors, services
from charter.diff import render_diff, word_diff
from charter.models import TEXT_MAX_LENGTH, Amendment, AmendmentStatus, Version, VersionStatus
from core.spreadsheets import csv_response

# The rounds whose proposals the steering group decides.
REVIEWED_VERSIONS = (VersionStatus.CONSULTATION, VersionStatus.CLOSED)

DECISION_LABELS = {
    "accept": gettext_lazy("Accept"),
    "accept_with_changes": gettext_lazy("Accept with changes"),
    "reject": gettext_lazy("Reject"),
}
DECISION_CHOICES = [(key, DECISION_LABELS[key]) for key in services.DECISIONS]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"), choices=DECISION_CHOICES, widget=forms.RadioSelect
    )
    title = forms.CharField(
        label=gettext_lazy("Title as accepted"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("Used only when you accept with changes."),
    )
    formulation = forms.CharField(
        label=gettext_lazy("Formulation as accepted"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Used only when you accept with changes."),
    )
    # Required by the service, which says so in its own words (one message, one place).
    response = forms.CharField(
        label=gettext_lazy("Public response"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("The author is e-mailed this response; everyone reads it."),
    )

    def __init__(self, *args, amendment: Amendment, **kwargs):
        kwargs.setdefault(
            "initial",
            {"title": amendment.proposed_title, "formulation": amendment.proposed_formulation},
        )
        # Many forms on one page: each field's id names its amendment.
        super().__init__(*args, auto_id=f"amendment-{amendment.pk}-%s", **kwargs)


@dataclass
class ReviewItem:
    """One proposal as the steering group reads it: the words it changes, and since when."""

    amendment: Amendment
    form: DecisionForm
    title_diff: SafeString | None
    formulation_diff: SafeString | None
    # Only when the right changed after the proposal was written: what changed since.
    moved_title_diff: SafeString | None = None
    moved_formulation_diff: SafeString | None = None


def _diff(old: str, new: str) -> SafeString | None:
    return render_diff(word_diff(old, new)) if old != new else None


def _item(amendment: Amendment, form: DecisionForm | None = None) -> ReviewItem:
    current = amendment.right_text
    item = ReviewItem(
        amendment=amendment,
        form=form or DecisionForm(amendment=amendment),
        title_diff=_diff(amendment.base_title, amendment.proposed_title),
        formulation_diff=_diff(amendment.base_formulation, amendment.proposed_formulation),
    )
    if amendment.needs_rebase:
        item.moved_title_diff = _diff(amendment.base_title, current.title)
        item.moved_formulation_diff = _diff(amendment.base_formulation, current.formulation)
    return item


def _by_right(items: list[ReviewItem]) -> list[dict]:
    return [
        {"right_text": group[0].amendment.right_text, "items": group}
        for group in (
            list(grouped)
            for _key, grouped in groupby(items, key=lambda i: i.amendment.right_text_id)
        )
    ]


def _review_queue():
    """The submitted proposals of the versions in consultation or closed, right by right."""
    return (
        Amendment.objects.filter(
            status=AmendmentStatus.SUBMITTED, right_text__version__status__in=REVIEWED_VERSIONS
        )
        .select_related("right_text__version", "author")
        .order_by(
            "right_text__version__charter_id",
            "right_text__version__number",
            "right_text__number",
            "created_at",
            "pk",
        )
    )


def _require_decider(user) -> None:
    if not user.has_perm("charter.decide_amendment"):
        raise PermissionDenied(_("Only the steering group decides amendments."))


@login_required
@require_GET
def review(request):
    _require_decider(request.user)
    items = [_item(amendment) for amendment in _review_queue()]
    return render(request, "charter/review.html", {"groups": _by_right(items), "count": len(items)})


@login_required
@require_POST
def decide(request, pk: int):
    """One decision, one service call. A refusal (decided meanwhile by someone else, no
    response) is a message and changes nothing; the typed response is kept on the page."""
    _require_decider(request.user)
    amendment = get_object_or_404(
        Amendment.objects.select_related("right_text__version", "author"), pk=pk
    )
    form = DecisionForm(request.POST, amendment=amendment)
    if form.is_valid():
        try:
            decided = services.amendment_decide(
                amendment=amendment, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("“%(title)s”: %(decision)s. The author is told by e-mail.")
                % {"title": decided.proposed_title, "decision": decided.get_status_display()},
            )
            return redirect("charter:review")
    else:
        messages.error(request, _("The decision was not saved: correct the form below."))
    amendment.refresh_from_db(fields=["status", "needs_rebase"])
    if amendment.status != AmendmentStatus.SUBMITTED:
        return redirect("charter:review")
    item = _item(amendment, form)
    return render(
        request,
        "charter/review.html",
        {"groups": _by_right([item]), "count": 1, "one_amendment": True},
        status=400,
    )


# --- The public record -------------------------------------------------------------------------


def _version_or_404(user, number: int) -> Version:
    version = selectors.version_for(number=number, user=user)
    if version is None:
        raise Http404(_("No such version of the Charter-Agenda."))
    return version


def _decided(version: Version):
    return (
        Amendment.objects.filter(right_text__version=version, status__in=AmendmentStatus.decided())
        .select_related("right_text", "author")
        .order_by("right_text__number", "decided_at", "pk")
    )


def _author_name(amendment: Amendment) -> str:
    # The public record names people, never their e-mail address.
    return amendment.author.name or _("A member")


@require_GET
def decisions(request, number: int):
    version = _version_or_404(request.user, number)
    rows = [(amendment, _author_name(amendment)) for amendment in _decided(version)]
    return render(request, "charter/decisions.html", {"version": version, "rows": rows})


DECISION_COLUMNS = [
    "right_number", "right_title", "amendment", "author", "decision", "response", "decided_at",
]  # fmt: skip


@require_GET
def decisions_csv(request, number: int):
    version = _version_or_404(request.user, number)
    rows = (
        {
            "right_number": amendment.right_text.number,
            "right_title": amendment.right_text.title,
            "amendment": amendment.proposed_title,
            "author": _author_name(amendment),
            "decision": amendment.get_status_display(),
            "response": amendment.response,
            "decided_at": timezone.localtime(amendment.decided_at).isoformat(timespec="minutes"),
        }
        for amendment in _decided(version)
    )
    return csv_response(
        filename=f"charter-v{version.number}-decisions.csv",
        fieldnames=DECISION_COLUMNS,
        rows=rows,
    )
