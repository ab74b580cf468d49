from django import forms
from django.test.html import parse_html

from core.widgets import QuickSelect


def test_quick_select_writes_the_same_html_as_djangos_select():
    choices = [("", "Any country"), ("FR", "France"), ("CI", "Côte d’Ivoire <&>")]
    attrs = {"id": "id_country", "aria-describedby": "id_country_error", "aria-invalid": "true"}
    expected = forms.Select(choices=choices).render("country", "CI", attrs=attrs)
    quick = QuickSelect(choices=choices).render("country", "CI", attrs=attrs)
    assert parse_html(quick) == parse_html(expected)
    assert "Côte d’Ivoire &lt;&amp;&gt;</option>" in quick
    assert '<option value="CI" selected>' in quick
