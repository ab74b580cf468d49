"""Settings shared by every environment. Everything configurable is read here, from the
environment (see README, "Settings"). Nothing here starts a service: the embedded defaults
for a bare machine live in dev.py and test.py; production.py refuses to run without real ones."""

from importlib.util import find_spec
from pathlib import Path

import environ
import xstatic.pkg.leaflet_markercluster as xstatic_markercluster
from django.utils.translation import gettext_lazy as _

from config.apps import PORTAL_APPS
from config.embedded import filesystem_broker_options

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()

VAR_DIR = Path(env("PORTAL_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_NAME = env("SITE_NAME", default="Human Rights Cities")
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Apps ------------------------------------------------------------------------------------
INSTALLED_APPS = [
    # leaflet.admin imports GeoDjango; the simple admin config lets us discover admins ourselves.
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "django_countries",
    "leaflet",
    "import_export",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    *PORTAL_APPS,
]

# The admin modules loaded by config.urls (see DESIGN.md on leaflet.admin and GDAL).
PORTAL_ADMIN_MODULES = [
    "django.contrib.auth.admin",
    "allauth.account.admin",
    "allauth.mfa.admin",
    *(f"{app}.admin" for app in PORTAL_APPS if find_spec(f"{app}.admin") is not None),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.UserLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffMFAMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# Database (unset: dev.py and test.py start the embedded one, production.py refuses) --------
DATABASE_URL = env("DATABASE_URL", default="")
DATABASES = {}
if DATABASE_URL:
    DATABASES["default"] = env.db_url("DATABASE_URL")
    DATABASES["default"]["ENGINE"] = "django.db.backends.postgresql"
# Choice lists and .iterator() read small results: one round trip each instead of a server-side
# cursor's DECLARE/FETCH/CLOSE (and what a transaction-pooling PgBouncer needs).
DATABASE_OPTIONS = {"DISABLE_SERVER_SIDE_CURSORS": True}
if DATABASES:
    DATABASES["default"].update(DATABASE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache (allauth's rate limits need a real, shared one) ------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# Accounts --------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:home"

ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
# Per client: 10 failures a minute. Per account: 20 in 15 minutes, so one noisy client
# cannot lock the owner out of their own account from another place.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,20/15m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
# Staff must enrol TOTP before the admin opens (on in production, see production.py).
PORTAL_REQUIRE_STAFF_MFA = env.bool("PORTAL_REQUIRE_STAFF_MFA", default=True)

# Internationalisation --------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# Static and media ------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Leaflet.markercluster arrives through pip (XStatic-Leaflet-MarkerCluster).
    ("leaflet-markercluster", str(Path(xstatic_markercluster.BASE_DIR))),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_242_880
PORTAL_UPLOAD_MAX_BYTES = env.int("PORTAL_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
# The library: its own cap, what an archive-based file (DOCX, ODT ...) may expand to, how often
# a failed text extraction is retried, and the prefix nginx serves protected files from
# (X-Accel-Redirect; empty: the portal streams the file itself).
PORTAL_LIBRARY_MAX_BYTES = env.int("PORTAL_LIBRARY_MAX_BYTES", default=25 * 1024 * 1024)
PORTAL_UPLOAD_MAX_EXPANDED_BYTES = env.int(
    "PORTAL_UPLOAD_MAX_EXPANDED_BYTES", default=200 * 1024 * 1024
)
PORTAL_LIBRARY_EXTRACTION_RETRIES = env.int("PORTAL_LIBRARY_EXTRACTION_RETRIES", default=3)
PORTAL_LIBRARY_ACCEL_REDIRECT = env("PORTAL_LIBRARY_ACCEL_REDIRECT", default="")

# The discussion board: how long a post stays editable, its length cap, how many members'
# flags hide a post until a moderator looks, and whether replying watches the thread.
PORTAL_DISCUSSION_EDIT_MINUTES = env.int("PORTAL_DISCUSSION_EDIT_MINUTES", default=60)
PORTAL_DISCUSSION_POST_MAX_LENGTH = env.int("PORTAL_DISCUSSION_POST_MAX_LENGTH", default=20_000)
PORTAL_DISCUSSION_AUTO_HIDE_FLAGS = env.int("PORTAL_DISCUSSION_AUTO_HIDE_FLAGS", default=3)
PORTAL_DISCUSSION_WATCH_ON_REPLY = env.bool("PORTAL_DISCUSSION_WATCH_ON_REPLY", default=True)

# E-mail ----------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Human Rights Cities <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")

# Celery ----------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = filesystem_broker_options(
        Path(env("CELERY_BROKER_DIR", default=str(VAR_DIR / "broker")))
    )
CELERY_RESULT_BACKEND = env(
    "CELERY_RESULT_BACKEND", default=REDIS_URL or f"file://{VAR_DIR / 'celery-results'}"
)
if CELERY_RESULT_BACKEND.startswith("file://"):
    Path(CELERY_RESULT_BACKEND.removeprefix("file://")).mkdir(parents=True, exist_ok=True)
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TIMEZONE = "UTC"
CELERY_ENABLE_UTC = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE: dict = {
    # Hourly: opens every digest period that has ended (daily, weekly; UTC) and finishes runs
    # that a stopped worker left incomplete.
    "newsfeed-digests": {"task": "newsfeed.tasks.start_digest_runs", "schedule": 3600.0},
}

# News digests: people per Celery task when a run fans out.
NEWSFEED_DIGEST_BATCH_SIZE = env.int("NEWSFEED_DIGEST_BATCH_SIZE", default=200)

# Maps ------------------------------------------------------------------------------------
LEAFLET_CONFIG = {
    "TILES": [
        (
            "OpenStreetMap",
            env("MAP_TILES_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
            {
                "attribution": env(
                    "MAP_TILES_ATTRIBUTION",
                    default='&copy; <a href="https://www.openstreetmap.org/copyright">'
                    "OpenStreetMap</a> contributors",
                ),
                "maxZoom": 18,
            },
        )
    ],
    "DEFAULT_CENTER": (20.0, 10.0),
    "DEFAULT_ZOOM": 2,
    "MIN_ZOOM": 0,
    "MAX_ZOOM": 18,
    "RESET_VIEW": False,
    "PLUGINS": {
        "markercluster": {
            "css": [
                "leaflet-markercluster/MarkerCluster.css",
                "leaflet-markercluster/MarkerCluster.Default.css",
            ],
            "js": "leaflet-markercluster/leaflet.markercluster.js",
            "auto-include": True,
        },
    },
}

# Security defaults that hold everywhere --------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Logging ---------------------------------------------------------------------------------
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", default="plain"),
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "pgserver": {"level": "WARNING"},
    },
}

# Headers and Content Security Policy ----
from csp.constants import NONCE, NONE, SELF  # noqa: E402 - kept with the settings it serves


def _tile_origin(url: str) -> str:
    """The scheme and host of a Leaflet tile URL template; {s} subdomains become a wildcard."""
    return "/".join(url.replace("{s}", "*").split("/", 3)[:3])


MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "core.middleware.PermissionsPolicyMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "core.middleware.ContentSecurityPolicyMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "core.middleware.PrivateCacheForSignedInUsersMiddleware",
)
# No 'unsafe-inline': inline scripts carry nonce="{{ request.csp_nonce }}", styles live in files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [
            SELF,
            "data:",
            *dict.fromkeys(_tile_origin(url) for _name, url, _options in LEAFLET_CONFIG["TILES"]),
        ],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Sent as Permissions-Policy: feature=() for each (core.middleware.PermissionsPolicyMiddleware).
PORTAL_DISABLED_FEATURES = [
    "accelerometer",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
]
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
