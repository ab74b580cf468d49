"""CSV import and export of members for the secretariat (django-import-export)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget

from cities.models import FocusArea, Member, Network, Region
from core.spreadsheets import FormulaSafeResourceMixin


class MemberResource(FormulaSafeResourceMixin, resources.ModelResource):
    region = fields.Field(
        attribute="region", column_name="region", widget=ForeignKeyWidget(Region, field="slug")
    )
    networks = fields.Field(
        attribute="networks",
        column_name="networks",
        widget=ManyToManyWidget(Network, field="slug", separator=" "),
    )
    focus_areas = fields.Field(
        attribute="focus_areas",
        column_name="focus_areas",
        widget=ManyToManyWidget(FocusArea, field="slug", separator=" "),
    )

    class Meta:
        model = Member
        import_id_fields = ("slug",)
        fields = (
            "name", "slug", "kind", "country", "region", "inhabitants", "latitude", "longitude",
            "website", "networks", "focus_areas", "joined_on", "representative_name",
            "representative_title", "political_structure", "has_observatory", "has_ombudsman",
            "has_human_rights_office", "local_charter", "local_charter_year", "description",
            "language", "is_published",
        )  # fmt: skip
        export_order = fields
        # Each row is validated like an admin form (ranges, both coordinates, country codes,
        # unique names); one bad row and the whole import is rolled back.
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True
        report_skipped = True

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._row_of_slug = {}  # slug -> the first row that has it
        if "slug" not in (dataset.headers or []):
            dataset.wipe()  # no row can be matched to a member: import none of them
            raise ValidationError(
                _(
                    "The file has no “slug” column: each row needs the slug of the member "
                    "it creates or updates."
                )
            )

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        # Without this, a second row with the same slug silently overwrites the first.
        slug, number = row.get("slug"), kwargs.get("row_number")
        if slug in (None, ""):
            return
        first = self._row_of_slug.setdefault(slug, number)
        if first != number:
            raise ValidationError(
                {
                    "slug": _("The slug “%(slug)s” is already on row %(row)s of this file.")
                    % {"slug": slug, "row": first}
                }
            )
