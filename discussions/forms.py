"""Input forms of the board (they read and validate; discussions.services writes)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import InputForm
from discussions.models import Flag, FlagReason, NotificationLevel, Post, Thread

MENTION_HINT = _(
    "Markdown works: **bold**, *italics*, > quotes, lists and links. "
    "Mention someone with @ and their name joined by hyphens: @ana-garcia."
)


def _body_field() -> forms.CharField:
    # Not required here: the service says what is wrong with an empty or overlong message, in
    # one place; the browser still asks for some text first.
    return forms.CharField(
        label=_("Message"),
        required=False,
        help_text=MENTION_HINT,
        widget=forms.Textarea(attrs={"rows": 8, "required": True}),
    )


def _submission_key_field() -> forms.UUIDField:
    # Made when the form is shown; the same form sent twice (a double click) makes one post.
    return forms.UUIDField(required=False, widget=forms.HiddenInput)


class ReplyForm(InputForm):
    body = _body_field()
    submission_key = _submission_key_field()

    class Meta:
        model = Post
        fields = ["body"]


class ThreadForm(InputForm):
    body = _body_field()
    submission_key = _submission_key_field()

    class Meta:
        model = Thread
        fields = ["title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].widget.attrs["required"] = True


class PostEditForm(InputForm):
    body = _body_field()

    class Meta:
        model = Post
        fields = ["body"]


class FlagForm(InputForm):
    reason = forms.ChoiceField(
        label=_("Why should a moderator look at this post?"),
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Flag
        fields = ["reason", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class NotificationForm(forms.Form):
    level = forms.ChoiceField(label=_("Notifications"), choices=NotificationLevel.choices)
