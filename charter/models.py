"""Models of charter: filled by the issue that builds this section (see DESIGN.md)."""
