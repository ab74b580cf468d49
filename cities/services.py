"""Writes of the cities app beyond a plain admin save."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import Affiliation
from cities.selectors import bump_map_generation
from core.rules import is_secretariat


def member_map_changed() -> None:
    """Tell the map that members changed, after the change commits (the GeoJSON cache)."""
    transaction.on_commit(bump_map_generation)


def affiliation_confirm(*, affiliation: Affiliation, confirmed_by) -> Affiliation:
    """The secretariat confirms that a person speaks for (or works with) a member."""
    if not is_secretariat(confirmed_by):
        raise PermissionDenied(_("Only the secretariat confirms affiliations."))
    with transaction.atomic():
        affiliation = Affiliation.objects.select_for_update().get(pk=affiliation.pk)
        if affiliation.confirmed_at is not None:
            return affiliation
        if not affiliation.user.is_approved:
            raise ValidationError(
                _("Approve the account of %(user)s before confirming the affiliation.")
                % {"user": affiliation.user}
            )
        affiliation.confirmed_at = timezone.now()
        affiliation.confirmed_by = confirmed_by
        affiliation.full_clean()
        affiliation.save(update_fields=["confirmed_at", "confirmed_by"])
    return affiliation
