"""Files that people open in a spreadsheet: user text must never run there as a formula."""

import csv
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils.functional import Promise
from import_export import widgets

# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Widgets that render numbers, dates and booleans, not text people wrote: "-6.84" stays a number.
_NOT_TEXT_WIDGETS = (
    widgets.NumberWidget,
    widgets.BooleanWidget,
    widgets.DateWidget,
    widgets.DateTimeWidget,
    widgets.TimeWidget,
    widgets.DurationWidget,
)


def neutralise(value: Any) -> Any:
    """Return ``value`` with a quote before a string that a spreadsheet would run as a formula.

    Numbers, booleans, dates and None are returned as they are."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore(value: Any) -> Any:
    """Undo :func:`neutralise`, so that an exported file imports back to the same text."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def csv_response(*, filename: str, fieldnames: list[str], rows: Iterable[dict]) -> HttpResponse:
    """A CSV download: lists joined by spaces, every cell safe to open in a spreadsheet."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.DictWriter(response, fieldnames=fieldnames)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                name: neutralise(" ".join(map(str, value)) if isinstance(value, list) else value)
                for name, value in row.items()
            }
        )
    return response


class FormulaSafeResourceMixin:
    """For django-import-export resources: text cells are neutralised on export, restored on
    import. (The library's IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT only strips a leading "="
    and turns every cell, None included, into text.)"""

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        if isinstance(field.widget, _NOT_TEXT_WIDGETS):
            return value
        return neutralise(value)

    def before_import_row(self, row, **kwargs):
        for column, value in row.items():
            row[column] = restore(value)
        super().before_import_row(row, **kwargs)
