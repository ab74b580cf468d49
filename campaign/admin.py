"""Admin of campaign: filled by the issue that builds this section."""
