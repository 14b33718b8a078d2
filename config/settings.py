"""Settings from environment variables, with safe development defaults.

DATABASE_URL, SECRET_KEY, DEBUG and ALLOWED_HOSTS configure a deployment; without
DATABASE_URL the project-local PostgreSQL cluster (config/localdb.py) is used.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config import debug_guard, localdb

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# The fallback key is for development only; `check --deploy` flags it (security.W009).
DEVELOPMENT_SECRET_KEY = "django-insecure-development-key-not-for-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
# DEBUG is for this machine only (config/debug_guard.py): a public host name with DEBUG on
# is a deployment that forgot DEBUG=0, whatever server runs it.
if DEBUG and [host for host in ALLOWED_HOSTS if not debug_guard.is_loopback(host)]:
    raise ImproperlyConfigured(debug_guard.refusal(f"the hosts {', '.join(ALLOWED_HOSTS)}"))

INSTALLED_APPS = [
    # The Django admin with two-factor sign-in (config/admin_site.py).
    "config.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before whitenoise and staticfiles: its runserver refuses DEBUG beyond loopback.
    "core",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_countries",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "pgtrigger",
    "pghistory",
    "people",
    "organizations",
    "cases",
    "accounts",
    "bench",
    "history",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A NUL character anywhere in a request answers 400 before any view reads it.
    "core.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language: from the URL's prefix on public pages (/ru/…; none is English), from
    # Accept-Language on the unprefixed rest (admin, API; config/languages.py). After
    # sessions, before CommonMiddleware, whose slash redirects resolve in that language.
    "config.languages.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Staff read the admin in the language of their preferences (accounts/language.py).
    "accounts.language.StaffLanguageMiddleware",
    # Anonymous GET/HEAD reads may go to the replica (config/db_router.py); only when one is set.
    "config.db_router.PublicReadsMiddleware",
    # Records the user and URL of each request with every change it makes (history app).
    "pghistory.middleware.HistoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.StaffNoStoreMiddleware",
    # Validators and Cache-Control on anonymous public responses; a repeated request gets
    # 304 from the public version alone, before the view runs (core/conditional.py).
    "core.conditional.ConditionalGetMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

# Login throttling (django-axes, accounts/lockout.py): failed sign-ins within an hour are
# counted per account from one address, per account from all addresses, and per address
# over all accounts; reaching any limit locks that sign-in for an hour. A successful
# sign-in clears its own account's failures from its own address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_FAILURE_LIMITS = {
    "username+ip_address": int(os.environ.get("LOGIN_FAILURE_LIMIT", 5)),
    "username": int(os.environ.get("LOGIN_ACCOUNT_FAILURE_LIMIT", 10)),
    "ip_address": int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", 20)),
}
AXES_HANDLER = "accounts.lockout.LayeredLockoutHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMITS["username+ip_address"]
AXES_LOCKOUT_PARAMETERS = [key.split("+") if "+" in key else key for key in LOGIN_FAILURE_LIMITS]
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Two-factor sign-in (TOTP) is required for staff with confidential access, available to
# all staff; development (DEBUG=1) may skip it so the demo account signs in at once.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = "Case tracker"
# Behind reverse proxies, the address a sign-in is counted against is the one the outermost
# proxy saw (accounts.lockout.client_address); without this every sign-in would come from
# the proxy, and one address's limit would lock out every member of staff.
LOGIN_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", os.environ.get("API_NUM_PROXIES", 0)))
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_address"

# History events are ordered by when each change happened, not when its transaction began.
PGHISTORY_CREATED_AT_FUNCTION = "clock_timestamp()"

ROOT_URLCONF = "config.urls"
ADMIN_PATH = "/admin/"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The page in every language: switcher and hreflang (config/languages.py).
                "config.languages.page_languages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(default=localdb.database_url(), conn_max_age=60),
}
# Pages run several short queries: JIT compilation would cost more than it saves.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# A streaming replica for public reads (config/db_router.py, docs/scaling.md): anonymous
# GET/HEAD requests read from it while it has replayed all the primary has committed;
# staff, writes and everything else use the primary. Tests never create a database on it.
REPLICA_DATABASE_URL = os.environ.get("REPLICA_DATABASE_URL", "")
if REPLICA_DATABASE_URL:
    DATABASES["replica"] = dj_database_url.parse(REPLICA_DATABASE_URL, conn_max_age=60)
    DATABASES["replica"]["OPTIONS"] = {"options": "-c jit=off"}
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["config.db_router.PublicReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The interface languages, each named in itself (the switcher shows these names). Uzbek is
# written in the Latin script (the 1995 alphabet, oʻ and gʻ with U+02BB).
LANGUAGES = [
    ("en", "English"),
    ("ru", "Русский"),
    ("kk", "Қазақша"),
    ("uz", "Oʻzbekcha"),
]
# The project's own catalog (templates, config); each app with strings has <app>/locale.
# Then country names in Kazakh and Uzbek, which django-countries lacks (written by hand,
# not by makemessages: locale/countries/).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "countries"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

# The apps whose every table bumps the public version when written (core/public_version.py):
# those that public surfaces read. A test checks that every table a public URL reads is one.
PUBLIC_VERSION_APPS = ["people", "organizations", "cases"]
# Models of those apps that no public surface reads, so that their changes keep every
# public validator: proposed changes wait for review (cases/proposals.py) and move
# nothing public until approved, when the approved rows bump the version themselves.
PUBLIC_VERSION_IGNORED = ["cases.ChangeProposal"]

# How long shared caches (a CDN, a caching proxy) may serve a public response without
# asking again, in seconds. 0, the default: every use is revalidated (a 304 costs one
# query), so hiding a record is immediate everywhere. N > 0: a record hidden may stay
# visible through such a cache for up to N seconds; browsers revalidate either way.
PUBLIC_CACHE_MAX_AGE = int(os.environ.get("PUBLIC_CACHE_MAX_AGE", 0))
# What is deployed (e.g. a commit id), part of every public ETag; when empty, a digest of
# the code, templates and static files stands for it (core/conditional.py).
RELEASE = os.environ.get("RELEASE", "")

# Public links (permalinks, feeds) are built from this when set, else from the request.
SITE_URL = os.environ.get("SITE_URL", "")

# Mail (publishers are told at once when something is taken off the public site,
# cases/hiding.py): Django's SMTP backend, a local relay (or a test server) by default.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 1025))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", 10))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "case-tracker@localhost")

# Passwords: Argon2 first; older hashes are upgraded at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# Staff sessions end after 30 idle minutes (each request renews them) or at browser close.
# The case page posts every record of a case in one form (about 25 fields each): Django's
# default of 1,000 fields refuses a case past about 40 records.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 25_000

SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Secure by default; only development (DEBUG=1) runs on plain HTTP. Behind a TLS proxy
# that sets X-Forwarded-Proto (see README, Deployment).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("HSTS_SECONDS", 365 * 24 * 3600))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Content-Security-Policy: everything from the app itself, no inline script anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # The Django admin still sets a few inline style attributes.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The public JSON API (cases/api/): read-only, anonymous, JSON only, throttled per client.
# Throttle history lives in the default cache: per process with LocMem, so with several
# server processes the limit applies per process (a shared cache makes it global).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["cases.api.throttling.AnonThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_ANON_RATE", "120/min")},
    # Behind N trusted proxies the client is the Nth address from the right of
    # X-Forwarded-For; 0 (the default) trusts only the connection's address.
    "NUM_PROXIES": int(os.environ.get("API_NUM_PROXIES", 0)),
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Case tracker public API",
    "DESCRIPTION": "Read-only access to the published cases, as the public site shows them.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    # Swagger UI and Redoc assets come from drf-spectacular-sidecar's static files, no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "CountryEnum": "django_countries.countries",
        "DatePrecisionEnum": "core.models.DatePrecision",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
