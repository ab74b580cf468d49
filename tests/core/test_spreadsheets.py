import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy

from core.spreadsheets import csv_response, neutralise, restore


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1+2", "'+1+2"),
        ("-3", "'-3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Ana Torres", "Ana Torres"),
        ("a=1", "a=1"),
        (" =1", " =1"),
        ("", ""),
        ("'=1", "'=1"),
    ],
)
def test_neutralise_quotes_strings_a_spreadsheet_would_run(value, expected):
    assert neutralise(value) == expected


@pytest.mark.parametrize("value", [-3, -2.5, Decimal("-6.84"), 0, True, False, None])
def test_neutralise_leaves_numbers_booleans_and_none_alone(value):
    assert neutralise(value) is value


def test_neutralise_leaves_dates_alone():
    assert neutralise(date(2024, 1, 2)) == date(2024, 1, 2)


def test_neutralise_quotes_a_lazy_translation():
    assert neutralise(gettext_lazy("-x")) == "'-x"


@pytest.mark.parametrize("value", ["=1", "-3", "@a", "\tb", "Ana", "", "'", "'a"])
def test_restore_gives_back_what_neutralise_was_given(value):
    assert restore(neutralise(value)) == value


def test_csv_response_neutralises_every_cell_and_joins_lists():
    response = csv_response(
        filename="x.csv",
        fieldnames=["name", "tags", "count", "flag", "empty"],
        rows=[{"name": "=1+1", "tags": ["-a", "b"], "count": -3, "flag": True, "empty": None}],
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert list(csv.reader(io.StringIO(response.content.decode()))) == [
        ["name", "tags", "count", "flag", "empty"],
        ["'=1+1", "'-a b", "-3", "True", ""],
    ]
