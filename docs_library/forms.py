"""The form a focal point fills in to add a document to the library."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from cities.models import FocusArea
from core.forms import InputForm
from core.uploads import DOCUMENTS
from docs_library.models import Document


class DocumentUploadForm(InputForm):
    """A file or a link, and what the document is; the file is checked by the model field's
    validator (type by content, size, name) before anything is stored."""

    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas"),
        queryset=FocusArea.objects.order_by("order", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Document
        fields = ["title", "summary", "kind", "language", "published_on", "author", "file",
                  "link", "visibility", "focus_areas"]  # fmt: skip
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "file": forms.FileInput(
                attrs={"accept": ",".join(ext for kind in DOCUMENTS for ext in kind.extensions)}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        file_field = self.fields["file"]
        # The uploaded name is replaced by a random one in storage: its length does not matter.
        file_field.max_length = None
        file_field.help_text = _("%(types)s, up to %(limit)s.") % {
            "types": ", ".join(kind.label for kind in DOCUMENTS),
            "limit": filesizeformat(settings.PORTAL_LIBRARY_MAX_BYTES),
        }
        self.fields["link"].help_text = _(
            "Instead of a file: the address where the document is published."
        )

    def clean(self):
        cleaned = super().clean()
        if "file" in self.errors or "link" in self.errors:
            return cleaned
        has_file, has_link = bool(cleaned.get("file")), bool(cleaned.get("link"))
        if not has_file and not has_link:
            self.add_error("file", _("Choose a file to upload, or give a link to the document."))
        elif has_file and has_link:
            self.add_error("link", _("Give a file or a link, not both."))
        return cleaned
