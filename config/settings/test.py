"""Settings for pytest: the same PostgreSQL engine, fast hashing, e-mail kept in memory."""

from config.embedded import embedded_database

from .base import *  # noqa: F403
from .base import DATABASE_OPTIONS, DATABASES, VAR_DIR, env

# With no DATABASE_URL, the tests run on the embedded PostgreSQL in var/pgdata.
if not DATABASES:
    DATABASES = {"default": {**embedded_database(VAR_DIR), **DATABASE_OPTIONS}}

SECRET_KEY = "test-only-secret-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PORTAL_REQUIRE_STAFF_MFA = True
ALLOWED_HOSTS = ["*"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Tasks run in the calling process unless a test starts a real worker (tests/conftest.py).
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True

# Each concurrent run of the suite may name its own test database.
DATABASES["default"]["TEST"] = {"NAME": env("PORTAL_TEST_DB", default="test_portal")}

# A worker started by the tests connects straight to the test database.
if env("PORTAL_TEST_DATABASE_NAME", default=""):
    DATABASES["default"]["NAME"] = env("PORTAL_TEST_DATABASE_NAME")
if env("PORTAL_TEST_EMAIL_DIR", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env("PORTAL_TEST_EMAIL_DIR")

# Static files straight from the apps' folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
