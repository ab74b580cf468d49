"""Admin of cities: filled by the issue that builds this section."""
