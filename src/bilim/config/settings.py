"""Django settings, driven by environment variables.

DATABASE_URL   default sqlite:///<BILIM_HOME>/bilim.sqlite3 (embedded default); postgres://… in production
SECRET_KEY     required when DEBUG is off
DEBUG          "1"/"true" for development (default on only for the embedded SQLite set-up)
ALLOWED_HOSTS  comma-separated
CSRF_TRUSTED_ORIGINS comma-separated origins (https://bilim.example.edu)
EMAIL_URL-like settings: EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD,
               EMAIL_USE_TLS, DEFAULT_FROM_EMAIL (development: the outbox at /outbox/; else console)
BILIM_HOME     where the SQLite database and uploaded files live (default ./var)
REDIS_URL      optional shared cache (several app servers: login throttling and sessions)
SECURE_SSL_REDIRECT / BILIM_BEHIND_PROXY  production behind a TLS-terminating reverse proxy
BILIM_TRUSTED_PROXIES, BILIM_PROXY_COUNT  which proxies' X-Forwarded-For / X-Request-ID are believed
AXES_FAILURE_LIMIT / AXES_IP_FAILURE_LIMIT  failed log-ins before a lock of the account / the address
BILIM_PASSWORD_RESET_PER_EMAIL / _PER_IP / _WINDOW  password-reset requests allowed per window
BILIM_API_TOKEN_DAYS / BILIM_API_TOKEN_MAX_DAYS  API token validity (default / longest)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent  # src/bilim


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [v.strip() for v in os.environ.get(name, default).split(",") if v.strip()]


BILIM_HOME = Path(os.environ.get("BILIM_HOME", Path.cwd() / "var")).resolve()
DEBUG = env_bool("DEBUG", default=False)
# Under pytest (any entry point) the development defaults apply unless BILIM_DEV=0 is given.
TESTING = env_bool("BILIM_TESTING") or "pytest" in sys.modules
DEV_MODE = DEBUG or env_bool("BILIM_DEV", default=TESTING)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEV_MODE:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set in production (or set BILIM_DEV=1 for development).")
    SECRET_KEY = "insecure-development-key-only-for-local-use-0123456789abcdef"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEV_MODE else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # its own static Swagger UI (no CDN, no inline script: works under the CSP)
    "csp",
    "axes",
    "django_tasks", "django_tasks_db",  # background work: Django's Tasks API (backport) + its database backend
    "bilim.apps.audit",
    "bilim.apps.accounts",
    "bilim.apps.org",
    "bilim.apps.people",
    "bilim.apps.curriculum",
    "bilim.apps.records",
    "bilim.apps.governance",
    "bilim.apps.core",
    "bilim.apps.api",
    "bilim.apps.workflow",
    "bilim.apps.mobility",
    "bilim.apps.postgrad",
    "bilim.apps.programmes",
    "bilim.apps.admissions",
    "bilim.apps.registration",
    "bilim.apps.standing",
    "bilim.apps.thesis",
    "bilim.apps.rulebook",
    "bilim.apps.outbox",
    "bilim.apps.desk",
    "bilim.apps.amendments",
    "bilim.apps.imports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "bilim.apps.core.middleware.RejectNulMiddleware",  # NUL in any input → 400 before sessions or views read it
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "bilim.apps.core.middleware.UserLanguageMiddleware",
    "bilim.apps.core.middleware.BadInputMiddleware",  # a refused value → the translated 400 page, DEBUG or not
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "bilim.apps.audit.middleware.RequestIdMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bilim.config.urls"
WSGI_APPLICATION = "bilim.config.wsgi.application"
ASGI_APPLICATION = "bilim.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bilim.apps.core.context_processors.bilim",
                "bilim.apps.desk.context_processors.desk",  # the bell's unread count
            ],
        },
    }
]

_default_db = f"sqlite:///{BILIM_HOME / 'bilim.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", _default_db), conn_max_age=60)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"})
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Background work through Django's Tasks API (`django-tasks` on 5.2; on Django 6 the import path becomes `django.tasks`).
# The database backend is the embedded default: `bilim db_worker` runs a worker; any number of them share the queue.
TASKS = {"default": {"BACKEND": os.environ.get("BILIM_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "bilim.apps.accounts.backends.UsernameOrEmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Behind the documented reverse proxy (nginx) every request arrives from the proxy's address; the
# client's address is then read from X-Forwarded-For, but only when the request really comes from a
# trusted proxy (bilim.apps.accounts.client_ip). A direct client's X-Forwarded-For is never believed.
BILIM_BEHIND_PROXY = env_bool("BILIM_BEHIND_PROXY", not DEV_MODE)
BILIM_TRUSTED_PROXIES = env_list("BILIM_TRUSTED_PROXIES", "127.0.0.1,::1")  # addresses or networks (CIDR)
BILIM_PROXY_COUNT = int(os.environ.get("BILIM_PROXY_COUNT", "1"))  # proxies that append to X-Forwarded-For

# Login throttling (django-axes). Failures are counted per ACCOUNT, whatever spelling was typed
# (username in any case or the e-mail address: AXES_USERNAME_CALLABLE canonicalises it), and per
# client IP address with a higher limit; either lock lasts 15 minutes (bilim.apps.accounts.throttling).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_IP_FAILURE_LIMIT = max(int(os.environ.get("AXES_IP_FAILURE_LIMIT", "20")), AXES_FAILURE_LIMIT)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "bilim.apps.accounts.throttling.canonical_username"
AXES_CLIENT_IP_CALLABLE = "bilim.apps.accounts.client_ip.client_ip"
AXES_HANDLER = "bilim.apps.accounts.throttling.AccountAndIpLockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
# Password reset requests (bilim.apps.accounts.reset): per typed e-mail and per client, in a window.
BILIM_PASSWORD_RESET_PER_EMAIL = int(os.environ.get("BILIM_PASSWORD_RESET_PER_EMAIL", "3"))
BILIM_PASSWORD_RESET_PER_IP = int(os.environ.get("BILIM_PASSWORD_RESET_PER_IP", "10"))
BILIM_PASSWORD_RESET_WINDOW = int(os.environ.get("BILIM_PASSWORD_RESET_WINDOW", "3600"))
# Personal API tokens: validity offered when one is issued, and the longest allowed (days).
BILIM_API_TOKEN_MAX_DAYS = max(int(os.environ.get("BILIM_API_TOKEN_MAX_DAYS", "365")), 1)
BILIM_API_TOKEN_DAYS = min(max(int(os.environ.get("BILIM_API_TOKEN_DAYS", "90")), 1), BILIM_API_TOKEN_MAX_DAYS)

LANGUAGE_CODE = "ky"
LANGUAGES = [("ky", _("Kyrgyz")), ("ru", _("Russian")), ("en", _("English")), ("tr", _("Turkish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bishkek"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "bilim_language"

STATIC_URL = "/static/"
STATIC_ROOT = BILIM_HOME / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BILIM_HOME / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Compressed (not manifest) storage: a missing `collectstatic` never breaks a page.
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEV_MODE
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
BILIM_MAX_UPLOAD_BYTES = int(os.environ.get("BILIM_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))

# Development keeps outgoing mail in the outbox the administrator reads at /outbox/ (not MIME on the
# console); production sends with the backend the environment names (SMTP), console by default.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "bilim.apps.outbox.backends.OutboxEmailBackend" if DEV_MODE else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "bilim@localhost")

if TESTING:
    # Time to green: a PBKDF2 hash costs ~1 s on a busy 2-core machine and the test personas create
    # and log in hundreds of users. Tests hash with MD5 (Django's advice for test runs); the default
    # hashers stay listed so hashes made without it still verify. Never active outside a test run.
    from django.conf import global_settings

    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *global_settings.PASSWORD_HASHERS]

REDIS_URL = os.environ.get("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Security: secure cookies and HSTS whenever DEBUG is off.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 10
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "bilim.apps.core.errors.csrf_failure"  # translated, says what to do
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): scripts, styles, fonts and images only from this site. No
# template has an inline script, event handler, <style> or style="" (tests/security/test_auth_headers.py
# scans them), so neither 'unsafe-inline' nor 'unsafe-eval' is needed; htmx runs with allowEval off.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Permissions-Policy (django-permissions-policy): Bilim uses no device or payment feature.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "accelerometer": [], "camera": [], "geolocation": [], "gyroscope": [], "magnetometer": [],
    "microphone": [], "midi": [], "payment": [], "usb": [], "browsing-topics": [],
    "fullscreen": ["self"],
}
if not DEV_MODE:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
if BILIM_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 200  # the largest API page (validated: a larger limit is a 422, never a huge query)
