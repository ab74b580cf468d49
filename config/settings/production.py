"""Production: PostgreSQL and Redis as services, gunicorn (behind a proxy or not), whitenoise.

It never improvises: without DATABASE_URL, REDIS_URL or a strong SECRET_KEY it names what is
missing and exits with status 2, before anything starts.
"""

import sys
from typing import NoReturn

from .base import *  # noqa: F403
from .base import DATABASES, TEMPLATES, env

new_key_command = '`python -c "import secrets; print(secrets.token_urlsafe(50))"`'


def refuse(reason: str) -> NoReturn:
    """Stop here with a message for the operator instead of a traceback."""
    sys.stderr.write(f"Refusing to start: {reason}\n")
    raise SystemExit(2)


SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    refuse(
        "the SECRET_KEY environment variable is not set.\n"
        f"Set it to a long random value, e.g. {new_key_command}."
    )
# The same rules as Django's check --deploy (security.W009), plus the .env.example placeholder.
if SECRET_KEY == "change-me":
    refuse(
        f"SECRET_KEY is still the placeholder from .env.example. Generate one: {new_key_command}."
    )
if SECRET_KEY.startswith("django-insecure"):
    refuse(f"SECRET_KEY starts with 'django-insecure'. Generate a new one: {new_key_command}.")
if len(SECRET_KEY) < 50:
    refuse(
        f"SECRET_KEY is {len(SECRET_KEY)} characters long; production needs at least 50. "
        f"Generate one: {new_key_command}."
    )
if len(set(SECRET_KEY)) < 5:
    refuse(f"SECRET_KEY has fewer than 5 different characters. Generate one: {new_key_command}.")

if not DATABASES:
    refuse(
        "the DATABASE_URL environment variable is not set.\n"
        "Point it at the production PostgreSQL, e.g. postgres://user:password@db:5432/portal "
        "(the embedded database is for development and tests only)."
    )

REDIS_URL = env("REDIS_URL", default="")
if not REDIS_URL:
    refuse(
        "the REDIS_URL environment variable is not set.\n"
        "Production keeps the Celery broker, task results and the cache in Redis, "
        "e.g. redis://redis:6379/0 (the file-based fallbacks are for development only)."
    )
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "portal",
    }
}
# Another real broker (RabbitMQ) may replace Redis; a folder on one machine may not.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL)
if CELERY_BROKER_URL.startswith("filesystem://"):
    refuse("CELERY_BROKER_URL is the filesystem broker; unset it to use REDIS_URL.")
if CELERY_RESULT_BACKEND.startswith("file://"):
    refuse("CELERY_RESULT_BACKEND is a folder; unset it to use REDIS_URL.")

DEBUG = False
PORTAL_REQUIRE_STAFF_MFA = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
# X-Forwarded-For is whatever the client sent unless a proxy we run rewrites it, so by default
# the client is REMOTE_ADDR (gunicorn published directly, as in docker-compose.yml). Behind one
# proxy that appends the client's address (nginx, a load balancer), set TRUSTED_PROXY_COUNT=1.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # whitenoise's compressed, hashed files, tolerant of source maps a package does not ship.
    "staticfiles": {"BACKEND": "config.storage.PortalStaticFilesStorage"},
}

TEMPLATES[0]["APP_DIRS"] = False
TEMPLATES[0]["OPTIONS"]["loaders"] = [
    (
        "django.template.loaders.cached.Loader",
        [
            "django.template.loaders.filesystem.Loader",
            "django.template.loaders.app_directories.Loader",
        ],
    )
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# Headers and Content Security Policy ----
LANGUAGE_COOKIE_SECURE = True
