"""Admin of discussions: filled by the issue that builds this section."""
