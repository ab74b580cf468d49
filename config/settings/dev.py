"""Settings behind `make run`: debug on, embedded PostgreSQL and broker unless told otherwise."""

from config.embedded import embedded_database

from .base import *  # noqa: F403
from .base import DATABASE_OPTIONS, DATABASES, VAR_DIR, env

# With no DATABASE_URL, the project's own PostgreSQL in var/pgdata (started on first use).
if not DATABASES:
    DATABASES = {"default": {**embedded_database(VAR_DIR), **DATABASE_OPTIONS}}

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-secret-key-not-for-production")
# The demo secretariat account opens the admin at once; production always requires MFA.
PORTAL_REQUIRE_STAFF_MFA = env.bool("PORTAL_REQUIRE_STAFF_MFA", default=False)

# Static files straight from the apps' folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
