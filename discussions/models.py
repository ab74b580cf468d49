"""Models of discussions: filled by the issue that builds this section (see DESIGN.md)."""
