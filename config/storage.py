"""Static files in production: whitenoise's compressed files with hashed names."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class PortalStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Leaves a source-map reference alone when the map it names does not exist.

    XStatic-Leaflet-MarkerCluster's ``leaflet.markercluster.js`` ends with
    ``//# sourceMappingURL=leaflet.markercluster.js.map`` but the package ships no such file;
    a missing map only costs the browser's developer tools, not a failed collectstatic. Any
    other missing reference (an image in a stylesheet, an imported module) still fails.
    """

    def url_converter(self, name, hashed_files, template=None):
        convert = super().url_converter(name, hashed_files, template)

        def converter(matchobj):
            try:
                return convert(matchobj)
            except ValueError:
                if "sourceMappingURL" in matchobj["matched"]:
                    return matchobj["matched"]
                raise

        return converter
