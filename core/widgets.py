"""Widgets that render many times on the busiest pages."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class QuickSelect(forms.Select):
    """A ``<select>`` written in Python: the same HTML as Django's Select, without rendering a
    template for each option (the filter forms of the directory, the map, the news and the
    pledge wall carry a few hundred options and were most of those pages' time)."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], " selected" if option["selected"] else "", option["label"])
                for _group, group_options, _index in context["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', context["name"], flatatt(context["attrs"]), options
        )
