"""Links that people type and pages render: a path on this site or an http(s) address, nothing
that a browser would run (``javascript:``, ``data:``) or send to another host (``//host``)."""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Browsers drop whitespace and control characters inside URLs ("java\tscript:") and read "\" as
# "/" ("/\host" is another host), so a link holding any of them is refused outright.
_UNSAFE_CHARACTERS = re.compile(r"[\x00-\x20\x7f\\]")


def is_safe_link(value) -> bool:
    """True for a site-relative path ("/news/") or an http(s) URL with a host."""
    if not isinstance(value, str) or not value or _UNSAFE_CHARACTERS.search(value):
        return False
    if value.startswith("/"):
        return not value.startswith("//")
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    return (
        scheme in ("http", "https")
        and value[: len(scheme) + 3].lower() == f"{scheme}://"
        and bool(parts.hostname)
    )


def validate_safe_link(value) -> None:
    """A field validator for links: see ``is_safe_link``."""
    if not is_safe_link(value):
        raise ValidationError(
            _(
                "Enter a path on this site that starts with “/”, or a full address that "
                "starts with http:// or https://."
            ),
            code="unsafe_link",
        )
