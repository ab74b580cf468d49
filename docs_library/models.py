"""Models of docs_library: filled by the issue that builds this section (see DESIGN.md)."""
