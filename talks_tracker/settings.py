"""Settings, all from the environment.

With nothing set, the project runs in development mode on SQLite with Celery
tasks executed in-process. DATABASE_URL and REDIS_URL switch it to PostgreSQL
and real Celery workers. DJANGO_DEBUG=0 is production: a missing
DJANGO_SECRET_KEY is then a start-up error, never a silent default.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    """A switch from the environment: unset or empty gives `default`; any value other than
    1/true/yes/on or 0/false/no/off stops the start, so that a typo never turns a switch off."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={os.environ[name]!r}: use 1, true, yes or on, or 0, false, no or off.")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
LOGIN_URL = "admin:login"
# Whether statements, meetings and proposals nobody has reviewed yet are public.
PUBLIC_SHOWS_UNREVIEWED = env_bool("PUBLIC_SHOWS_UNREVIEWED", default=True)
# Public pages and feeds are cached this many seconds (0: off, the default while
# debugging): the most a reader can lag behind an edit or a new report.
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "0" if DEBUG else "30"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "axes",
    "sources",
    "events",
    "digests",
    "desk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "talks_tracker.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF: a POST to a read-only page is a 405, not a 403.
    "talks_tracker.security.PublicMethodsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

# --- Hardening of the public site (docs/operations.md) -------------------------
# Scripts from this site only (htmx is served from here); inline scripts need
# the per-response nonce ({{ request.csp_nonce }}). Inline style attributes are
# allowed: the activity chart's bars and htmx's indicator style use them.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "NONCE"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
if os.environ.get("DJANGO_CSP_REPORT_URI"):
    CONTENT_SECURITY_POLICY["report-uri"] = [os.environ["DJANGO_CSP_REPORT_URI"]]
CSP_REPORT_ONLY = env_bool("DJANGO_CSP_REPORT_ONLY")
# Public views answer GET and HEAD; these also take the POST of their form.
PUBLIC_FORM_VIEWS = {
    "digests:subscribe",
    "digests:confirm",
    "digests:manage",
    "digests:unsubscribe",
    "password_reset_confirm",
}
PUBLIC_METHODS_EXEMPT_NAMESPACES = ("admin", "desk")  # desk: staff pages and the CSRF-protected error report form

# Admin logins (django-axes): after AXES_FAILURE_LIMIT failures, the account and,
# separately, the client address are locked out for the cool-off; a success resets.
AUTHENTICATION_BACKENDS = [
    "talks_tracker.security.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "talks_tracker.security.login_client_ip"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False

ROOT_URLCONF = "talks_tracker.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "talks_tracker.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One writer at a time from the transaction's start: two processes recording
    # events never both read "no such actor" and both create it (PostgreSQL uses
    # an advisory lock for that, see events.services.hold_recording_lock).
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
else:
    # A connection kept across requests (CONN_MAX_AGE) is checked before reuse, so
    # the first request after a database restart does not fail on a dead socket.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Email -------------------------------------------------------------------
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "talks_tracker <digest@localhost>")
if "EMAIL_HOST" not in os.environ and DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Celery ------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    # No broker configured: run every task in-process, so a newcomer needs nothing installed.
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "celery")
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    "poll-due-feeds": {"task": "sources.tasks.poll_due_feeds", "schedule": 60.0},
}
CELERY_BEAT_SCHEDULE["send-due-digests"] = {"task": "digests.tasks.send_due_digests", "schedule": 60.0}
# Pages that could not be fetched are tried again with backoff (docs/operations.md, feeds and pages).
CELERY_BEAT_SCHEDULE["retry-article-pages"] = {"task": "sources.tasks.retry_article_pages", "schedule": 300.0}

# --- Cache (pages, rate limits): shared through Redis when there is one -------
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis down: served from each process's memory, with a log line (docs/operations.md).
            "BACKEND": "talks_tracker.cache.FailoverRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "talks_tracker",
            "OPTIONS": {"RETRY_SECONDS": float(os.environ.get("CACHE_RETRY_SECONDS", "5"))},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Email digests -------------------------------------------------------------
DIGEST_CONFIRM_MAX_AGE = int(os.environ.get("DIGEST_CONFIRM_MAX_AGE", str(3 * 24 * 60 * 60)))
DIGEST_SUBSCRIBE_LIMIT_PER_EMAIL = int(os.environ.get("DIGEST_SUBSCRIBE_LIMIT_PER_EMAIL", "3"))
DIGEST_SUBSCRIBE_LIMIT_PER_IP = int(os.environ.get("DIGEST_SUBSCRIBE_LIMIT_PER_IP", "20"))
DIGEST_RATE_WINDOW = int(os.environ.get("DIGEST_RATE_WINDOW", "3600"))
# Proxies in front of the site that append to X-Forwarded-For (0: use REMOTE_ADDR).
DIGEST_TRUSTED_PROXIES = int(os.environ.get("DIGEST_TRUSTED_PROXIES", "0"))
DIGEST_BATCH_SIZE = int(os.environ.get("DIGEST_BATCH_SIZE", "500"))
# SMTP connections each sending task keeps open at once (the relay must allow as many).
DIGEST_SMTP_CONNECTIONS = int(os.environ.get("DIGEST_SMTP_CONNECTIONS", "4"))
DIGEST_MAX_ATTEMPTS = int(os.environ.get("DIGEST_MAX_ATTEMPTS", "5"))
DIGEST_MAX_BOUNCES = int(os.environ.get("DIGEST_MAX_BOUNCES", "3"))
DIGEST_SEND_LEASE = int(os.environ.get("DIGEST_SEND_LEASE", "900"))
DIGEST_MAX_ITEMS = {"meetings": 25, "proposals": 25, "statements": 10}

# --- Fetching ----------------------------------------------------------------
FETCH_USER_AGENT = os.environ.get(
    "FETCH_USER_AGENT", "talks_tracker/0.1 (+https://github.com/talks-tracker; news feed reader)"
)
FETCH_CONNECT_TIMEOUT = float(os.environ.get("FETCH_CONNECT_TIMEOUT", "10"))
FETCH_TOTAL_TIMEOUT = float(os.environ.get("FETCH_TOTAL_TIMEOUT", "30"))
FETCH_MAX_BYTES = int(os.environ.get("FETCH_MAX_BYTES", str(15 * 1024 * 1024)))
FETCH_MAX_REDIRECTS = 5
# Loopback and private ranges are refused unless this is set (tests, the demo, intranet feeds).
FEEDS_ALLOW_PRIVATE_NETWORKS = env_bool("FEEDS_ALLOW_PRIVATE_NETWORKS")
FEED_MIN_INTERVAL = 5 * 60
FEED_MAX_INTERVAL = 24 * 60 * 60
FEED_DEFAULT_INTERVAL = 30 * 60
# Serve the bundled sample feeds and pages at /samples/ (the demo ingests them over HTTP).
SERVE_SAMPLES = env_bool("SERVE_SAMPLES", default=DEBUG)
SAMPLES_DIR = BASE_DIR / "sample_data"

# --- Production hardening (manage.py check --deploy passes with DJANGO_DEBUG=0) ---
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # Off only for a plain-HTTP local stack (docker-compose on localhost).
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading is a promise to browsers that is slow to take back: the operator opts in.
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]  # "preload is off": deliberate, see above
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django-axes logs every failed login at INFO; lockouts come at WARNING.
    "loggers": {"axes": {"level": "WARNING"}},
}
