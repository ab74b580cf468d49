"""Small helpers of the events pages' templates."""

from django import template
from django.utils.translation import get_language_info

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    """The language's name in the active language, or "" for a code Django does not know
    (a quote may be in Korean, or in a language typed freely)."""
    try:
        return get_language_info(code)["name_translated"]
    except (KeyError, TypeError):
        return ""
