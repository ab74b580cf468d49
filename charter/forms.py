"""What people type on the Charter-Agenda pages: a comment, a proposed change, two versions to
compare. The services decide what is stored."""

from django import forms
from django.utils.translation import gettext_lazy as _

from charter.diff import fingerprint
from charter.models import Amendment, Comment, RightText
from core.forms import InputForm


class CommentForm(InputForm):
    """A comment on a right, or a reply (``parent``) to one of its comments."""

    def __init__(self, *args, right_text: RightText, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Comment.objects.filter(right_text=right_text)
        self.fields["parent"].required = False

    class Meta:
        model = Comment
        fields = ["body", "parent"]
        labels = {"body": _("Your comment")}
        help_texts = {"body": _("Markdown: *emphasis*, **strong**, lists and links.")}
        widgets = {
            "body": forms.Textarea(attrs={"rows": 5}),
            "parent": forms.HiddenInput,
        }


def amendment_draft(right_text: RightText) -> Amendment:
    """A proposal that starts from the right's current text (never saved)."""
    return Amendment(
        right_text=right_text,
        proposed_title=right_text.title,
        proposed_formulation=right_text.formulation,
        base_fingerprint=fingerprint(right_text.title, right_text.formulation),
    )


class AmendmentForm(InputForm):
    """A new title and/or formulation, the reasons, and the fingerprint of the text it was
    written against (hidden). An empty field keeps the current text: the service says when
    nothing would change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("proposed_title", "proposed_formulation", "base_fingerprint"):
            self.fields[name].required = False

    class Meta:
        model = Amendment
        fields = ["proposed_title", "proposed_formulation", "rationale", "base_fingerprint"]
        labels = {
            "proposed_title": _("Title"),
            "proposed_formulation": _("Formulation"),
            "rationale": _("Why this change?"),
        }
        help_texts = {
            "proposed_formulation": _("Change the words you want changed; keep the others."),
            "rationale": _("Tell the steering group what the change achieves."),
        }
        widgets = {
            "proposed_formulation": forms.Textarea(attrs={"rows": 8}),
            "rationale": forms.Textarea(attrs={"rows": 5}),
            "base_fingerprint": forms.HiddenInput,
        }


class CompareForm(forms.Form):
    """Two versions, by number, among those the person may read."""

    a = forms.TypedChoiceField(label=_("Older version"), coerce=int)
    b = forms.TypedChoiceField(label=_("Newer version"), coerce=int)

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (v.number, _("Version %(number)s (%(status)s)")
            % {"number": v.number, "status": v.get_status_display()})
            for v in versions
        ]  # fmt: skip
        for name in ("a", "b"):
            self.fields[name].choices = choices
        if len(versions) >= 2 and not self.is_bound and not self.initial:
            self.initial = {"a": versions[1].number, "b": versions[0].number}
