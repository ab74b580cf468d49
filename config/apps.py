"""The project's own apps, written once: settings, load_demo, the Makefile and the tests read
this list. Bottom to top: an app depends only on the apps before it (DESIGN.md)."""

PORTAL_APPS = [
    "core",
    "accounts",
    "cities",
    "newsfeed",
    "events",
    "campaign",
    "charter",
    "docs_library",
    "discussions",
    "portal",
]
