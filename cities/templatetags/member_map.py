from django import template
from django.conf import settings
from django.utils.html import json_script
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def member_map_config():
    """The map's settings and words for member-map.js, as a JSON data block (no inline JS)."""
    leaflet = settings.LEAFLET_CONFIG
    name, url, options = leaflet["TILES"][0]
    config = {
        "tiles": {"url": url, "attribution": options.get("attribution", ""), "name": name},
        "center": list(leaflet.get("DEFAULT_CENTER", (20, 10))),
        "zoom": leaflet.get("DEFAULT_ZOOM", 2),
        "minZoom": leaflet.get("MIN_ZOOM", 1),
        "maxZoom": leaflet.get("MAX_ZOOM", 18),
        "words": {
            "one": _("1 member"),
            "many": _("%(count)s members"),
            "none": _("No member matches these filters."),
            "profile": _("Open the profile"),
            "networks": _("Networks"),
            "loading": _("Loading the map …"),
            "failed": _("The map data could not be loaded. Try again later."),
        },
    }
    return json_script(config, "member-map-config")
