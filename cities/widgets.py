"""The admin's location picker: a small Leaflet map with a draggable marker that fills the
latitude and longitude fields (our own widget: leaflet.forms would import GeoDjango)."""

from django import forms
from django.conf import settings


class LocationPickerWidget(forms.NumberInput):
    """Renders the latitude input with a map under it; the script also drives longitude."""

    template_name = "cities/widgets/location_picker.html"

    class Media:
        css = {"all": ["leaflet/leaflet.css", "cities/css/location-picker.css"]}
        js = ["leaflet/leaflet.js", "cities/js/location-picker.js"]

    def __init__(self, attrs=None, *, longitude_field: str = "longitude"):
        super().__init__(attrs={"step": "0.00001", **(attrs or {})})
        self.longitude_field = longitude_field

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        tiles = settings.LEAFLET_CONFIG["TILES"][0]
        context["widget"]["picker"] = {
            "longitude_id": f"id_{self.longitude_field}",
            "tiles_url": tiles[1],
            "attribution": tiles[2].get("attribution", ""),
        }
        return context
