"""SIGAP settings: the one place that reads the environment.

Every value an operator may change comes from an environment variable (or a `.env` file
beside manage.py). Development has safe local defaults; production (SIGAP_ENV=production)
refuses to start while any secret is missing or still a development default.
"""

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SIGAP_ENV = env.str("SIGAP_ENV", default="development")
if SIGAP_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured("SIGAP_ENV must be development, production or test")
PRODUCTION = SIGAP_ENV == "production"

# Development-only secrets. They are public (they are in this file), so production
# refuses every one of them below.
_DEV_SECRET_KEY = "dev-insecure-sigap-secret-key-not-for-production-use-0123456789"
_DEV_ENCRYPTION_KEYS = "1:ZGV2LWluc2VjdXJlLWZpZWxkLWtleS0wMDAwMDAwMDA="
_DEV_LOOKUP_KEY = "dev-insecure-lookup-key"
_DEV_AUDIT_KEY = "dev-insecure-audit-key"
_DEV_WBS_IDENTITY_KEYS = "1:dev-insecure-wbs-identity-key"

SECRET_KEY = env.str("SECRET_KEY", default="" if PRODUCTION else _DEV_SECRET_KEY)
DEBUG = env.bool("DEBUG", default=SIGAP_ENV == "development")
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Versioned keys for field and file encryption: "version:fernet-key" pairs, newest first.
# A new key is added at the front; `manage.py rotate_encryption_keys` re-encrypts old data.
SIGAP_ENCRYPTION_KEYS = env.str("SIGAP_ENCRYPTION_KEYS", default="" if PRODUCTION else _DEV_ENCRYPTION_KEYS)
# Key for the keyed hash of tracking/receipt codes (a dump alone cannot test guesses).
SIGAP_LOOKUP_KEY = env.str("SIGAP_LOOKUP_KEY", default="" if PRODUCTION else _DEV_LOOKUP_KEY)
# Key for the audit log's hash chain (a database writer cannot forge a valid chain).
SIGAP_AUDIT_KEY = env.str("SIGAP_AUDIT_KEY", default="" if PRODUCTION else _DEV_AUDIT_KEY)
# Keys that seal WBS reporters' identities ("version:secret" pairs, newest first), apart
# from the field keys so that whoever can read ordinary fields still cannot open them.
SIGAP_WBS_IDENTITY_KEYS = env.str("SIGAP_WBS_IDENTITY_KEYS", default="" if PRODUCTION else _DEV_WBS_IDENTITY_KEYS)

if PRODUCTION:
    _missing = [
        name
        for name, value, dev in [
            ("SECRET_KEY", SECRET_KEY, _DEV_SECRET_KEY),
            ("SIGAP_ENCRYPTION_KEYS", SIGAP_ENCRYPTION_KEYS, _DEV_ENCRYPTION_KEYS),
            ("SIGAP_LOOKUP_KEY", SIGAP_LOOKUP_KEY, _DEV_LOOKUP_KEY),
            ("SIGAP_AUDIT_KEY", SIGAP_AUDIT_KEY, _DEV_AUDIT_KEY),
            ("SIGAP_WBS_IDENTITY_KEYS", SIGAP_WBS_IDENTITY_KEYS, _DEV_WBS_IDENTITY_KEYS),
        ]
        if not value or value == dev
    ]
    if SIGAP_WBS_IDENTITY_KEYS and SIGAP_WBS_IDENTITY_KEYS == SIGAP_ENCRYPTION_KEYS:
        _missing.append("SIGAP_WBS_IDENTITY_KEYS (must differ from SIGAP_ENCRYPTION_KEYS)")
    if not ALLOWED_HOSTS:
        _missing.append("ALLOWED_HOSTS")
    if _missing:
        raise ImproperlyConfigured("Production needs real values for: " + ", ".join(_missing))
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off in production")

INSTALLED_APPS = [
    "config.apps.SigapAdminConfig",  # django.contrib.admin on config.admin_site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks_db",
    "security",
    "accounts",
    "casework",
    "pengaduan",
    "wbs",
    "gratifikasi",
    "benturan",
    "reports",
]

MIDDLEWARE = [
    # First of all: the WBS reporter pages lose the client's address, device headers and
    # any staff session before anything else sees the request (wbs/privacy.py).
    "wbs.privacy.ReporterPrivacyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (with its nonce) and Permissions-Policy of every page.
    "security.headers.PageSecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Every response but the static files' is kept out of caches (security/no_store.py).
    "security.no_store.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Moves the session's idle expiry at most once a minute, not on every request.
    "security.idle_session.IdleSessionMiddleware",
    "casework.middleware.IndonesianUnlessChosenMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "casework.middleware.MethodNotAllowedPageMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.StaffSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

if SIGAP_ENV == "test":
    # A small case kind that proves the engine without any real case type.
    INSTALLED_APPS.append("tests.casekind")

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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                # `csp_nonce`, which {% csp_nonce_attr %} puts on scripts and style sheets.
                "django.template.context_processors.csp",
                # The WBS reporter pages load the shared files from under static/wbs/.
                "wbs.staticfiles.reporter_assets",
                # The agency's name and contacts, for every page's footer.
                "accounts.context_processors.agency",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the task worker share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate limits must be shared by every web process: production defaults to the database
# cache (`manage.py createcachetable`); Redis is better where one runs.
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://sigap_cache" if PRODUCTION else "locmemcache://sigap")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.NipOrEmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if SIGAP_ENV == "test":
    # Tests log in hundreds of times; a slow hash there proves nothing.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "accounts:login"
# The inbox, or the page an app registers for the person's role (casework.landing).
LOGIN_REDIRECT_URL = "casework:landing"
LOGOUT_REDIRECT_URL = "home"

# Staff sessions end after 8 idle hours and when the browser closes. The idle expiry is
# moved by security.idle_session at most once a minute, so a page does not rewrite the
# session row (SESSION_SAVE_EVERY_REQUEST stays off); its store is the database's own,
# remembering the expiry it read.
SESSION_ENGINE = "security.idle_session"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Login lockout: five failures for one account from one client lock it for an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# django-axes announces itself on every start of every process (each manage.py command,
# each test worker); the lockouts it makes are in the audit log and the admin.
AXES_VERBOSE = False
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# NIP and e-mail of one account share one failure count.
AXES_USERNAME_CALLABLE = "accounts.lockout.lockout_username"
SIGAP_LOGIN_FAILURE_RATE = env.str("SIGAP_LOGIN_FAILURE_RATE", default="30/10m")
# The client behind reverse proxies (security/client.py): every rate limit, lockout and
# audit entry counts the client, not the proxy. X-Forwarded-For is believed only from a
# connection that comes from one of the proxy addresses.
SIGAP_PROXY_COUNT = env.int("PROXY_COUNT", default=0)
SIGAP_PROXY_ADDRESSES = env.list("SIGAP_PROXY_ADDRESSES", default=["127.0.0.0/8", "::1"])
AXES_CLIENT_IP_CALLABLE = "security.client.client_address"

# A link to set a password (a new account, or a reset an administrator sent) works once
# and for this many hours; the administrator never sees or sets the password itself.
SIGAP_PASSWORD_LINK_HOURS = env.int("SIGAP_PASSWORD_LINK_HOURS", default=72)
PASSWORD_RESET_TIMEOUT = SIGAP_PASSWORD_LINK_HOURS * 3600
# Days a request for a case-reading role or a second-factor reset waits for a second
# person's approval before it lapses (accounts.access_requests).
SIGAP_ACCESS_REQUEST_DAYS = env.int("SIGAP_ACCESS_REQUEST_DAYS", default=7)

OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="SIGAP")
# django-otp's own admin would otherwise show TOTP secrets and backup codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # The shared files the WBS reporter pages load, also under static/wbs/shared/.
    "wbs.staticfiles.SharedAssetsFinder",
]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Attachments live outside any served directory, encrypted; only authorised views read them.
SIGAP_PRIVATE_STORAGE = env.path("SIGAP_PRIVATE_STORAGE", default=BASE_DIR / "var" / "private")
SIGAP_ATTACHMENT_MAX_BYTES = env.int("SIGAP_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
SIGAP_ATTACHMENT_MAX_COUNT = env.int("SIGAP_ATTACHMENT_MAX_COUNT", default=10)
# Types are judged by content; each needs a metadata cleaner in casework.sanitize.
SIGAP_ATTACHMENT_TYPES = env.list(
    "SIGAP_ATTACHMENT_TYPES", default=["image/jpeg", "image/png", "image/webp", "application/pdf"]
)
# Far above the forms' own limit, so a post with a few files too many reaches the form,
# which says so beside the field and keeps what was typed; Django's refusal of the whole
# request (a page that loses the typing) is only for posts no person sends.
DATA_UPLOAD_MAX_NUMBER_FILES = max(100, SIGAP_ATTACHMENT_MAX_COUNT * 5)
# Files sent with a form that was refused are kept for the next try, encrypted, this many
# hours (casework.held_uploads); all such files together stay under this many megabytes,
# past which a refused form asks for its files again, as it always did.
SIGAP_HELD_UPLOAD_HOURS = env.int("SIGAP_HELD_UPLOAD_HOURS", default=6)
SIGAP_HELD_UPLOADS_MAX_MB = env.int("SIGAP_HELD_UPLOADS_MAX_MB", default=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A file larger than that is spooled to a temporary file while the request is read, in
# clear, before it is cleaned and encrypted. Spool it to memory-backed storage (Linux's
# /dev/shm) so that a complainant's or a reporter's evidence never lies in clear on a disk,
# not even for the length of a request; `check --deploy` warns when it would.
# (Django names each spool file at random and opens it for its owner alone.)
_SHARED_MEMORY = "/dev/shm"  # noqa: S108
FILE_UPLOAD_TEMP_DIR = env("SIGAP_UPLOAD_TEMP_DIR", default=None) or (
    _SHARED_MEMORY if os.path.isdir(_SHARED_MEMORY) and os.access(_SHARED_MEMORY, os.W_OK) else None
)

# Tasks `manage.py run_scheduler` queues every interval (each is idempotent).
SIGAP_PERIODIC_TASKS = [
    "casework.tasks.sweep_deadlines",
    # Normally each burst of public submissions queues its own opening; this catches a lost one.
    "casework.tasks.open_pending_cases",
    # Files kept for a refused form that was never sent again.
    "casework.tasks.remove_expired_held_uploads",
    "pengaduan.tasks.auto_close_answered",
    "benturan.tasks.remind_yearly_declarations",
    # The dashboard's counts of the days that can no longer change; the expired report files.
    "reports.dashboard.tasks.count_received_days",
    # The public statistics page's months, counted ahead of its visitors.
    "reports.dashboard.tasks.count_public_statistics",
    "reports.jobs.tasks.remove_expired_report_files",
]

# An employee who has not answered an open yearly declaration campaign is reminded by
# e-mail at most once in this many days (benturan.tasks).
SIGAP_CAMPAIGN_REMINDER_DAYS = env.int("SIGAP_CAMPAIGN_REMINDER_DAYS", default=7)

# A report made in the background (reports.jobs) is kept this many days for its
# download; a run still going after this many minutes is taken for dead (its worker
# stopped), so the same report may be asked for again.
SIGAP_REPORT_FILE_DAYS = env.int("SIGAP_REPORT_FILE_DAYS", default=7)
# The public statistics page is counted at most this often per month and language, and
# counted ahead by the periodic tasks (reports.public_stats_cache): longer than
# SIGAP_SWEEP_INTERVAL_MINUTES, so the months it opens on are always kept.
SIGAP_PUBLIC_STATS_MINUTES = env.int("SIGAP_PUBLIC_STATS_MINUTES", default=90)
SIGAP_REPORT_JOB_STALL_MINUTES = env.int("SIGAP_REPORT_JOB_STALL_MINUTES", default=60)

# A running deadline this many working days away counts as "due soon" (reminders, inbox).
SIGAP_DUE_SOON_WORKING_DAYS = env.int("SIGAP_DUE_SOON_WORKING_DAYS", default=2)

# Staff entering a case for someone else (a complaint by letter, telephone...) give the day
# it was received, which its deadlines count from: at most this many calendar days back
# (casework.received).
SIGAP_RECEIVED_MAX_DAYS_BACK = env.int("SIGAP_RECEIVED_MAX_DAYS_BACK", default=30)

# How often `manage.py run_scheduler` queues the deadline sweep.
SIGAP_SWEEP_INTERVAL_MINUTES = env.int("SIGAP_SWEEP_INTERVAL_MINUTES", default=60)
# The public address of this installation, for links in e-mails (e.g. https://sigap.example.go.id).
SIGAP_BASE_URL = env.str("SIGAP_BASE_URL", default="http://127.0.0.1:8000" if SIGAP_ENV == "development" else "")

# Public code look-ups (tracking and receipt codes) allowed per client and window.
SIGAP_CODE_LOOKUP_RATE = env.str("SIGAP_CODE_LOOKUP_RATE", default="10/h")
# Reporter posts on the tracking page (messages, files, replies, ratings) per client.
SIGAP_TRACKING_POST_RATE = env.str("SIGAP_TRACKING_POST_RATE", default="30/h")

# Public complaint form: submissions allowed per client and window (e.g. "5/h"), and the
# fewest seconds a person needs to fill it in (faster posts are taken for a robot's).
SIGAP_PENGADUAN_SUBMIT_RATE = env.str("SIGAP_PENGADUAN_SUBMIT_RATE", default="5/h")
# How long a process trusts its copy of the short lists public forms choose from
# (categories, units) before reading them again (casework.choice_rows).
SIGAP_CHOICE_ROWS_SECONDS = env.int("SIGAP_CHOICE_ROWS_SECONDS", default=60)
SIGAP_PENGADUAN_MIN_FILL_SECONDS = env.int("SIGAP_PENGADUAN_MIN_FILL_SECONDS", default=3)
# A public form's signed "shown at" stamp (casework.formstamp) counts for this many hours;
# an older one is taken for a replay and the form is shown again with a new stamp.
SIGAP_FORM_STAMP_MAX_HOURS = env.int("SIGAP_FORM_STAMP_MAX_HOURS", default=24)
# Minutes the receipt page keeps showing a new complaint's tracking code (kept encrypted in
# the session only until then, or until the complainant says they saved it).
SIGAP_RECEIPT_CODE_MINUTES = env.int("SIGAP_RECEIPT_CODE_MINUTES", default=30)
# A public submission still waiting to be opened after this many minutes means the task
# worker is not running (casework.intake); the staff lists say so.
SIGAP_INTAKE_STALL_MINUTES = env.int("SIGAP_INTAKE_STALL_MINUTES", default=5)
# Similar open complaints suggested to the triager: how far back, and how many are compared
# at most (content is encrypted, so matching happens in Python over this bounded set).
SIGAP_PENGADUAN_SIMILAR_DAYS = env.int("SIGAP_PENGADUAN_SIMILAR_DAYS", default=90)
SIGAP_PENGADUAN_SIMILAR_CANDIDATES = env.int("SIGAP_PENGADUAN_SIMILAR_CANDIDATES", default=200)

# WBS reporter pages (/wbs/). Their rate limits count in each web process's memory, never
# in the shared cache (wbs/throttle.py): per client, and a ceiling across all clients.
SIGAP_WBS_SUBMIT_RATE = env.str("SIGAP_WBS_SUBMIT_RATE", default="3/h")
SIGAP_WBS_SUBMIT_CEILING = env.str("SIGAP_WBS_SUBMIT_CEILING", default="60/h")
SIGAP_WBS_LOOKUP_RATE = env.str("SIGAP_WBS_LOOKUP_RATE", default="10/h")
SIGAP_WBS_LOOKUP_CEILING = env.str("SIGAP_WBS_LOOKUP_CEILING", default="120/10m")
SIGAP_WBS_POST_RATE = env.str("SIGAP_WBS_POST_RATE", default="30/h")
# Past a ceiling the forms ask the browser for a small proof of work instead of refusing
# (wbs/proof_of_work.py): the leading zero bits of SHA-256 at the ceiling, the most ever
# asked as the count doubles past it, and the minutes a challenge stays valid.
SIGAP_WBS_CHALLENGE_BITS = env.int("SIGAP_WBS_CHALLENGE_BITS", default=20)
SIGAP_WBS_CHALLENGE_MAX_BITS = env.int("SIGAP_WBS_CHALLENGE_MAX_BITS", default=22)
SIGAP_WBS_CHALLENGE_MINUTES = env.int("SIGAP_WBS_CHALLENGE_MINUTES", default=60)
# The fewest seconds a person needs to fill in the report form (faster posts look robotic).
SIGAP_WBS_MIN_FILL_SECONDS = env.int("SIGAP_WBS_MIN_FILL_SECONDS", default=5)
# Minutes the receipt page shows a new report's code, and minutes without a request
# after which a reporter who entered their code must enter it again.
SIGAP_WBS_RECEIPT_MINUTES = env.int("SIGAP_WBS_RECEIPT_MINUTES", default=30)
SIGAP_WBS_SESSION_MINUTES = env.int("SIGAP_WBS_SESSION_MINUTES", default=30)

# Short messages (SMS/WhatsApp) to complainants: a backend class by dotted path (see
# casework/sms.py). Off in production until a gateway is configured.
SIGAP_SMS_BACKEND = env.str(
    "SIGAP_SMS_BACKEND",
    default={
        "development": "casework.sms.ConsoleBackend",
        "test": "casework.sms.LocmemBackend",
    }.get(SIGAP_ENV, "casework.sms.DisabledBackend"),
)
# The generic gateway of casework.sms.WebhookBackend: JSON POST with a bearer token.
SIGAP_SMS_WEBHOOK_URL = env.str("SIGAP_SMS_WEBHOOK_URL", default="")
SIGAP_SMS_WEBHOOK_TOKEN = env.str("SIGAP_SMS_WEBHOOK_TOKEN", default="")
SIGAP_SMS_WEBHOOK_TIMEOUT = env.float("SIGAP_SMS_WEBHOOK_TIMEOUT", default=10.0)
if SIGAP_SMS_BACKEND == "casework.sms.WebhookBackend" and not SIGAP_SMS_WEBHOOK_URL:
    raise ImproperlyConfigured("SIGAP_SMS_BACKEND is the webhook backend: set SIGAP_SMS_WEBHOOK_URL")

TASKS = {
    "default": {
        # Tests run tasks at once in-process; elsewhere `manage.py db_worker` runs them.
        "BACKEND": env.str(
            "TASKS_BACKEND",
            default="django.tasks.backends.immediate.ImmediateBackend"
            if SIGAP_ENV == "test"
            else "django_tasks_db.DatabaseBackend",
        ),
        "QUEUES": ["default"],
    }
}

# EMAIL_URL as smtp://user:password@host:587/?tls=True (or consolemail://, memorymail://).
_email = env.email_url("EMAIL_URL", default="smtp://localhost:25" if PRODUCTION else "consolemail://")
_email_options = {
    option: _email[key]
    for option, key in [
        ("host", "EMAIL_HOST"),
        ("port", "EMAIL_PORT"),
        ("username", "EMAIL_HOST_USER"),
        ("password", "EMAIL_HOST_PASSWORD"),
        ("use_tls", "EMAIL_USE_TLS"),
        ("use_ssl", "EMAIL_USE_SSL"),
    ]
    if _email.get(key) not in (None, "") and _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
}
MAILERS = {"default": {"BACKEND": _email["EMAIL_BACKEND"], "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="SIGAP <sigap@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# What a page may load and run (security.headers): nothing from elsewhere, and only the
# scripts and style sheets that carry the response's nonce; no inline style attribute or
# event handler. Images, background fetches and workers from this site only (none of
# the latter is used yet; a page script may use them without loosening the policy).
# Forms post to this site only; no page may be framed, take another base address or
# embed a plug-in.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.NONCE],
    "style-src": [CSP.NONCE],
    "img-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "worker-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
# Browser features no page uses, turned off for every page and whatever it might embed
# (the Permissions-Policy header, security.headers). Copying a code to the clipboard and
# printing stay allowed.
SIGAP_PERMISSIONS_POLICY = [
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Nothing about a WBS reporter's request reaches a log: the request reaches Django already
# stripped of its address and device headers (wbs.privacy.ReporterPrivacyMiddleware), and
# this filter removes the request object from every record about a reporter page and the
# development server's lines about them. Loggers that attach the request to their records
# carry the filter themselves (a logger's filters apply to whatever handler the record
# reaches); the console handler carries it for any other.
_WBS_FILTER = ["wbs_reporter_privacy"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "wbs_reporter_privacy": {"()": "wbs.privacy.ReporterLogFilter"},
        # A warning names its path and the log dates it: lines below ERROR that name a
        # request showing a WBS visit are not written (wbs.traces).
        "wbs_reporter_lines": {"()": "wbs.traces.ReporterLineFilter", "keep_errors": True},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": [*_WBS_FILTER, "wbs_reporter_lines"]},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own handlers for its loggers (a console copy while DEBUG is on, and mail
        # to ADMINS, which SIGAP does not use) would print its lines twice and past the
        # filter: everything goes to the one console handler instead.
        "django": {"handlers": [], "propagate": True},
        # Django's request logger prints the path of every 4xx/5xx; it logs only errors.
        "django.request": {"level": "ERROR", "filters": _WBS_FILTER},
        # Django's own configuration keeps the development server's lines to itself.
        "django.server": {
            "level": env.str("DEV_SERVER_LOG_LEVEL", default="INFO"),
            "filters": _WBS_FILTER,
            "propagate": True,
        },
        "django.security.csrf": {"filters": _WBS_FILTER},
        "django.security.DisallowedHost": {"filters": _WBS_FILTER},
        "django.security.DisallowedRedirect": {"filters": _WBS_FILTER},
        "django.security.RequestDataTooBig": {"filters": _WBS_FILTER},
        "django.security.TooManyFieldsSent": {"filters": _WBS_FILTER},
        "django.security.TooManyFilesSent": {"filters": _WBS_FILTER},
        "django.security.SuspiciousFileOperation": {"filters": _WBS_FILTER},
        "django.security.SuspiciousOperation": {"filters": _WBS_FILTER},
    },
}

# How long a process keeps the agency's profile that every page's footer shows
# (accounts.profiles.top_profile); an edit shows at once in the process that made it. The
# tests read it afresh on every page, so a page's query count does not depend on which
# page came first.
SIGAP_PROFILE_CACHE_SECONDS = env.int("SIGAP_PROFILE_CACHE_SECONDS", default=0 if SIGAP_ENV == "test" else 60)
