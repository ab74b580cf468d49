"""Admin of newsfeed: filled by the issue that builds this section."""
