"""CSV import and export of members for the secretariat (django-import-export)."""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget

from cities.models import FocusArea, Member, Network, Region


class MemberResource(resources.ModelResource):
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
