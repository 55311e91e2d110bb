"""Sashakt settings, read from environment variables (see README "Configuration").

The defaults give the embedded mode: SQLite under ./var, jobs run in-process, served on
localhost. SASHAKT_PRODUCTION=1 turns on the production checks and secure cookies.
"""

from pathlib import Path
from typing import Any

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sashakt.core.env import (
    env_bool,
    env_int,
    env_list,
    env_mapping,
    env_str,
    install_secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("SASHAKT_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

PRODUCTION = env_bool("SASHAKT_PRODUCTION", False)
# Production takes its key from the environment (every web process and worker must share
# it); the embedded mode makes its own random key once, in the var directory.
SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

if PRODUCTION:
    if len(SECRET_KEY) < 40:
        raise ImproperlyConfigured(
            "SASHAKT_PRODUCTION is on: set SECRET_KEY to a random value of 40+ characters."
        )
    if DEBUG:
        raise ImproperlyConfigured("SASHAKT_PRODUCTION is on: DEBUG must be off.")
elif not SECRET_KEY:
    SECRET_KEY = install_secret_key(VAR_DIR / "secret_key")

INSTALLED_APPS = [
    "sashakt.core.admin_site.SashaktAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "auditlog",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",  # the authenticator app's time-based codes
    "django_otp.plugins.otp_static",  # recovery codes (kept hashed, accounts/two_factor.py)
    "django_ratelimit",  # its system checks: the cache it counts in must be shared
    "rest_framework",  # /api/v1/ (sashakt/api)
    "drf_spectacular",  # its OpenAPI document
    "drf_spectacular_sidecar",  # the API page's Swagger UI assets, served by us (no CDN)
    "sashakt.core",
    "sashakt.geography",
    "sashakt.people",
    "sashakt.programmes",
    "sashakt.nominations",
    "sashakt.assessments",
    "sashakt.feedback",
    "sashakt.certificates",
    "sashakt.attendance",
    "sashakt.accounts",
    "sashakt.logistics",
    "sashakt.followup",
    "sashakt.reports",
    "sashakt.privacy",
    "sashakt.api",
    "sashakt.notifications",
    "sashakt.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sashakt.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "sashakt.core.site.PublicUrlMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified()
    # After authentication: a signed-in user's saved language wins over the cookie.
    "sashakt.core.middleware.HindiFirstLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "sashakt.core.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last: a signed-in member of staff who owes the second step goes to it (two_factor.py).
    "sashakt.accounts.middleware.TwoFactorMiddleware",
]

ROOT_URLCONF = "sashakt.urls"
WSGI_APPLICATION = "sashakt.wsgi.application"

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
                "sashakt.navigation.navigation",
            ],
        },
    },
]

# --- Database: SQLite by default, PostgreSQL when DATABASE_URL is set -------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sashakt.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
    )
}
# Connections are kept between requests on SQLite too: opening one runs the PRAGMAs below,
# and closing the last one checkpoints the WAL (about 2 ms of a 4 ms check-in, measured).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE transactions and WAL let the web process and the job workers write
        # without "database is locked" errors.
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        # A 64 MB page cache (the default is 2 MB) keeps a large table's indexes in memory
        # while an import writes tens of thousands of rows.
        # Connections now live between requests, so the WAL file is no longer removed when
        # the last one closes: after a checkpoint it is cut back to 64 MB.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"
            " PRAGMA temp_store=MEMORY; PRAGMA journal_size_limit=67108864;"
        ),
    }
    # The test database is a file, not memory, so that a Celery worker process started
    # by the test suite sees what a test wrote.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(DATABASES["default"]["NAME"]).with_name("test-sashakt.sqlite3"))
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django turns psycopg's prepared statements off (threshold None), which also refuses an
    # explicit prepare: a threshold never reached keeps the ORM unprepared as before and lets
    # core.prepared ask for a plan kept per connection on a hot path (the check-in).
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 2**31 - 1
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and background jobs ----------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    # Every signed-in request reads its session: from Redis, written through to PostgreSQL so a
    # Redis restart signs nobody out (the capacity bench counts this read on every page).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Documents drawn once and kept (joining letters: a third of a second of CPU each), on this
# machine's disk, shared by its web processes; each machine of a cluster keeps its own.
CACHES["documents"] = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": str(VAR_DIR / "cache" / "documents"),
    "TIMEOUT": env_int("DOCUMENT_CACHE_DAYS", 30) * 24 * 3600,
    "OPTIONS": {"MAX_ENTRIES": env_int("DOCUMENT_CACHE_ENTRIES", 50_000)},
}
# django-ratelimit counts in the cache with add() and incr(), which Django's own Redis cache
# does atomically; the package lists only third-party Redis backends (W001). The embedded mode
# is one process, so its own memory is the shared cache there (E003).
SILENCED_SYSTEM_CHECKS = [
    "django_ratelimit.W001",
    *([] if REDIS_URL else ["django_ratelimit.E003"]),
]
# Time as a rule: a phone's or laptop's clock may run this many minutes fast, so a mark
# tapped this long before a session's start is still taken; earlier ones are refused.
CLOCK_TOLERANCE_MINUTES = env_int("CLOCK_TOLERANCE_MINUTES", 10)
# Attendance entered more than this many days after its session (a paper register typed in
# later) is a backdated entry: allowed, with who entered it and why, kept in the history.
ATTENDANCE_LATE_ENTRY_DAYS = env_int("ATTENDANCE_LATE_ENTRY_DAYS", 7)
# Dashboard figures (statewide GROUP BYs) and the public page are recomputed this often.
DASHBOARD_CACHE_SECONDS = env_int("DASHBOARD_CACHE_SECONDS", 300)
# Road distance from the straight line between a district's centre and the venue (logistics).
TRAVEL_ROAD_FACTOR = env_str("TRAVEL_ROAD_FACTOR", "1.3")
# A TA/DA claim's ticket photo: refused above this size (logistics).
CLAIM_TICKET_MAX_BYTES = env_int("CLAIM_TICKET_MAX_BYTES", 8 * 1024 * 1024)
# The state dashboard recounts up to this many changed people before it is drawn; with more
# waiting (after a large import) it counts from the records and queues the recount as a job.
TALLY_FOLD_INLINE = env_int("TALLY_FOLD_INLINE", 10000)
# The state cell account the monthly report is made for (Celery beat, 1st of the month 06:00).
MONTHLY_REPORT_USER = env_str("MONTHLY_REPORT_USER", "")

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "sashakt")
# Beat's tick recovers jobs whose worker died and marks beat alive for /healthz.
JOBS_TICK_SECONDS = env_int("JOBS_TICK_SECONDS", 60)
# How often the calendar's messages (reminders, digests) are looked for.
MESSAGES_TICK_SECONDS = env_int("MESSAGES_TICK_SECONDS", JOBS_TICK_SECONDS)
CELERY_BEAT_SCHEDULE = {
    "jobs-tick": {"task": "sashakt.jobs_tick", "schedule": JOBS_TICK_SECONDS},
    # Test attempts whose time ran out are written as submitted (pages show them so already).
    "attempts-expire": {
        "task": "sashakt.assessments.attempts_expire",
        "schedule": JOBS_TICK_SECONDS,
    },
    # Reminders, unanswered seats, tests opening by schedule, weekly digests: queued once
    # each (reports.messages_due); without Celery, `manage.py send_messages --every 60`.
    "messages-due": {
        "task": "sashakt.reports.messages_due",
        "schedule": MESSAGES_TICK_SECONDS,
    },
    "monthly-report": {
        "task": "sashakt.reports.monthly_report",
        "schedule": crontab(minute=0, hour=6, day_of_month=1),
    },
    # The retention schedule (PRIVACY_RETENTION_DAYS), daily at 02:30 IST: a job erases what
    # is past its period. Without Celery: `manage.py enforce_retention` from cron, daily.
    "privacy-retention": {
        "task": "sashakt.privacy.retention_enforce",
        "schedule": crontab(minute=30, hour=2),
    },
}
CELERY_TIMEZONE = "Asia/Kolkata"
# Jobs run on Celery only when Redis is configured; otherwise a thread in the web process.
JOBS_BACKEND = "celery" if REDIS_URL else "inprocess"
JOBS_INPROCESS_THREADS = env_int("JOBS_INPROCESS_THREADS", 2)
# A running job writes a heartbeat this often; one silent for JOBS_STALE_SECONDS lost its
# process and is failed (or re-queued, if safe to repeat, up to JOBS_MAX_ATTEMPTS runs).
JOBS_HEARTBEAT_SECONDS = env_int("JOBS_HEARTBEAT_SECONDS", 10)
JOBS_STALE_SECONDS = env_int("JOBS_STALE_SECONDS", 120)
JOBS_MAX_ATTEMPTS = env_int("JOBS_MAX_ATTEMPTS", 2)
# `manage.py cleanup_files` (cron, daily) deletes job output files and the uploads of finished
# or failed imports after this many days (docs/security.md, retention).
FILES_RETENTION_DAYS = env_int("FILES_RETENTION_DAYS", 30)

# --- Data rights (DPDP Act 2023): the privacy notice, retention, erasure -----------------
# The grievance officer named in the privacy notice (DPDP Act s. 8(10), 13).
# Name and address in Hindi and English: the notice shows the page's language.
PRIVACY_GRIEVANCE_OFFICER_NAME_HI = env_str(
    "PRIVACY_GRIEVANCE_OFFICER_NAME_HI", "उप निदेशक (प्रशिक्षण), पंचायती राज निदेशालय"
)
PRIVACY_GRIEVANCE_OFFICER_NAME_EN = env_str(
    "PRIVACY_GRIEVANCE_OFFICER_NAME_EN", "Deputy Director (Training), Directorate of Panchayati Raj"
)
PRIVACY_GRIEVANCE_OFFICER_ADDRESS_HI = env_str(
    "PRIVACY_GRIEVANCE_OFFICER_ADDRESS_HI", "पंचायती राज निदेशालय, लखनऊ"
)
PRIVACY_GRIEVANCE_OFFICER_ADDRESS_EN = env_str(
    "PRIVACY_GRIEVANCE_OFFICER_ADDRESS_EN", "Directorate of Panchayati Raj, Lucknow"
)
PRIVACY_GRIEVANCE_OFFICER_EMAIL = env_str("PRIVACY_GRIEVANCE_OFFICER_EMAIL", "")
PRIVACY_GRIEVANCE_OFFICER_PHONE = env_str("PRIVACY_GRIEVANCE_OFFICER_PHONE", "")
# The notice's version: a changed notice (new purpose, new period) is shown again to everyone.
# 2026-12-b: the notice names what the follow-up and logistics hold (plans, rooms, claims,
# the bank account) and how long their files are kept.
PRIVACY_NOTICE_VERSION = env_str("PRIVACY_NOTICE_VERSION", "2026-12-b")
# The retention schedule, days per kind of record (README, "Data rights"). Enforced daily by
# `privacy.retention_enforce` (Celery beat) or `manage.py enforce_retention` (cron):
# - person: after leaving office AND after the last batch they were nominated to ended, their
#   personal fields are erased (name, mobile, e-mail, birth date, category, gram panchayat);
#   their certificates stay verifiable by number with the name removed, and counts stay.
# - correction_request: a decided correction request (its old and new values) is deleted.
# - message: messages sent (recipient and text) are blanked.
PRIVACY_RETENTION_DAYS = {
    "person": env_int("PRIVACY_RETENTION_PERSON_DAYS", 5 * 365),
    "correction_request": env_int("PRIVACY_RETENTION_CORRECTION_DAYS", 365),
    "message": env_int("PRIVACY_RETENTION_MESSAGE_DAYS", 2 * 365),
    # Files: a claim's ticket photo after the claim is paid or refused (its amounts stay);
    # voice notes and photos of action plans and check-ins after they were made (a shared
    # good practice's photo stays while the person's consent stands).
    "claim_ticket": env_int("PRIVACY_RETENTION_CLAIM_TICKET_DAYS", 365),
    "followup_media": env_int("PRIVACY_RETENTION_FOLLOWUP_MEDIA_DAYS", 2 * 365),
}

# --- Notifications: the outbox and its channels (SMS gateway, e-mail, console) ---------
# The SMS gateway speaks TRAI's DLT rules: a registered sender id and template ids.
SMS_GATEWAY_URL = env_str("SMS_GATEWAY_URL", "")
SMS_GATEWAY_KEY = env_str("SMS_GATEWAY_KEY", "")
SMS_SENDER_ID = env_str("SMS_SENDER_ID", "")
SMS_DLT_TEMPLATE_ID = env_str("SMS_DLT_TEMPLATE_ID", "")
SMS_TIMEOUT_SECONDS = env_int("SMS_TIMEOUT_SECONDS", 10)
# A gateway that takes a JSON list of messages per request gets this many at a time (1: one
# request per message). The list protocol: README, "Messages".
SMS_GATEWAY_BATCH_SIZE = env_int("SMS_GATEWAY_BATCH_SIZE", 1)
SMS_CALLBACK_SECRET = env_str("SMS_CALLBACK_SECRET", "")  # HMAC key of delivery reports
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # SMTPS (465); TLS is STARTTLS (587)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both.")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "sashakt@localhost")
NOTIFICATIONS_EMAIL_SUBJECT = env_str("NOTIFICATIONS_EMAIL_SUBJECT", "Sashakt")
# WhatsApp Business Cloud API: template messages from the department's business number.
WHATSAPP_API_URL = env_str("WHATSAPP_API_URL", "https://graph.facebook.com")
WHATSAPP_API_VERSION = env_str("WHATSAPP_API_VERSION", "v21.0")
WHATSAPP_PHONE_NUMBER_ID = env_str("WHATSAPP_PHONE_NUMBER_ID", "")
WHATSAPP_ACCESS_TOKEN = env_str("WHATSAPP_ACCESS_TOKEN", "")
WHATSAPP_TIMEOUT_SECONDS = env_int("WHATSAPP_TIMEOUT_SECONDS", 10)
# The status webhook (/notifications/whatsapp/): Meta's app secret signs each POST, the
# verify token answers Meta's subscription check; without both the webhook answers 404.
WHATSAPP_APP_SECRET = env_str("WHATSAPP_APP_SECRET", "")
WHATSAPP_WEBHOOK_VERIFY_TOKEN = env_str("WHATSAPP_WEBHOOK_VERIFY_TOKEN", "")
# The Meta-approved template of each event: "seat-offered=seat_offer,reminder-1-day=reminder".
WHATSAPP_TEMPLATES = env_mapping("WHATSAPP_TEMPLATES", {})
# The embedded default writes messages to the server log; SMS once a gateway is configured.
NOTIFICATIONS_CHANNEL = env_str("NOTIFICATIONS_CHANNEL", "sms" if SMS_GATEWAY_URL else "console")
if NOTIFICATIONS_CHANNEL not in {"sms", "email", "whatsapp", "console"}:
    raise ImproperlyConfigured(
        "NOTIFICATIONS_CHANNEL must be sms, email, whatsapp or console, "
        f"not {NOTIFICATIONS_CHANNEL!r}"
    )
if WHATSAPP_API_URL and not WHATSAPP_API_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("WHATSAPP_API_URL must be an http:// or https:// address.")
if NOTIFICATIONS_CHANNEL == "whatsapp" and not (
    WHATSAPP_PHONE_NUMBER_ID and WHATSAPP_ACCESS_TOKEN and WHATSAPP_TEMPLATES
):
    raise ImproperlyConfigured(
        "NOTIFICATIONS_CHANNEL is whatsapp: set WHATSAPP_PHONE_NUMBER_ID, "
        "WHATSAPP_ACCESS_TOKEN and WHATSAPP_TEMPLATES."
    )
if SMS_GATEWAY_URL and not SMS_GATEWAY_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("SMS_GATEWAY_URL must be an http:// or https:// address.")
if NOTIFICATIONS_CHANNEL == "sms" and not SMS_GATEWAY_URL:
    raise ImproperlyConfigured("NOTIFICATIONS_CHANNEL is sms: set SMS_GATEWAY_URL.")
NOTIFICATIONS_MAX_ATTEMPTS = env_int("NOTIFICATIONS_MAX_ATTEMPTS", 5)
NOTIFICATIONS_RETRY_SECONDS = env_int("NOTIFICATIONS_RETRY_SECONDS", 30)  # doubles each time
# Each wait is stretched by a random 0..this % so that a burst failed together does not
# come back together; a provider's Retry-After is a floor.
NOTIFICATIONS_RETRY_JITTER_PERCENT = env_int("NOTIFICATIONS_RETRY_JITTER_PERCENT", 20)
NOTIFICATIONS_RETRY_WAIT_MAX_SECONDS = env_int("NOTIFICATIONS_RETRY_WAIT_MAX_SECONDS", 60)
NOTIFICATIONS_STUCK_SECONDS = env_int("NOTIFICATIONS_STUCK_SECONDS", 15 * 60)

# --- Authentication -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "sashakt.accounts.backends.UsernameOrMobileBackend",
    "sashakt.accounts.backends.SignInCodeBackend",
    "sashakt.accounts.backends.HallSignInBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "reports:home"
LOGOUT_REDIRECT_URL = "reports:home"
# A programme's and a batch's pages show their nominations and live in `nominations`, an MoU's
# page its progress and lives in `reports`: above the app that owns the models, so the wiring
# names them here and `programmes` names no higher app's URL.
ABSOLUTE_URL_OVERRIDES = {
    "programmes.mou": lambda mou: reverse("reports:mou_detail", args=[mou.pk]),
    "programmes.programme": lambda programme: reverse(
        "nominations:programme_detail", args=[programme.pk]
    ),
    "programmes.batch": lambda batch: reverse("nominations:batch_detail", args=[batch.pk]),
}
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed logins: five tries per account (however its name or mobile is spelled) and address,
# then a 15-minute pause; and an address is paused after LOGIN_ADDRESS_FAILURE_LIMIT failures
# on any names. Behind a reverse proxy PROXY_COUNT must say how many proxies add
# X-Forwarded-For, or every client shares the proxy's address (docs/security.md).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 30)
AXES_HANDLER = "sashakt.accounts.lockout.AccountAndAddressHandler"
AXES_USERNAME_CALLABLE = "sashakt.accounts.identity.login_identity"
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "sashakt.accounts.views.login_locked_out"
AXES_VERBOSE = False
PROXY_COUNT = env_int("PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "sashakt.core.client_address.client_address"

# Two-factor sign-in (accounts/two_factor.py): staff may add an authenticator app's codes
# (TOTP) with ten recovery codes; in production the roles listed here must (comma-separated
# role values; empty relaxes it). A wrong code makes the next try wait 1, 2, 4, 8… seconds.
TWO_FACTOR_REQUIRED_ROLES = env_list("TWO_FACTOR_REQUIRED_ROLES", ["state", "institute"])
if not set(TWO_FACTOR_REQUIRED_ROLES) <= {"state", "institute", "district", "trainer"}:
    raise ImproperlyConfigured(
        "TWO_FACTOR_REQUIRED_ROLES may list state, institute, district and trainer only, "
        f"not {','.join(TWO_FACTOR_REQUIRED_ROLES)!r}."
    )
OTP_TOTP_ISSUER = "Sashakt"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Participants sign in with a one-time code sent to their mobile (accounts/codes.py): valid
# this many minutes, dead after so many wrong tries; so many codes per number in 15 minutes
# and per address in an hour.
SIGN_IN_CODE_MINUTES = env_int("SIGN_IN_CODE_MINUTES", 10)
SIGN_IN_CODE_MAX_WRONG = env_int("SIGN_IN_CODE_MAX_WRONG", 5)
SIGN_IN_CODES_PER_NUMBER = env_int("SIGN_IN_CODES_PER_NUMBER", 3)
SIGN_IN_CODES_PER_ADDRESS = env_int("SIGN_IN_CODES_PER_ADDRESS", 10)
# Hall sign-in on a shared tablet (nominations/hall.py): the batch's link lasts
# HALL_LINK_HOURS; a participant's session there lasts HALL_SESSION_MINUTES; wrong last-four
# digits are limited per name and per address within HALL_FAILURE_WINDOW_MINUTES.
HALL_LINK_HOURS = env_int("HALL_LINK_HOURS", 12)
HALL_SESSION_MINUTES = env_int("HALL_SESSION_MINUTES", 20)
HALL_FAILURE_WINDOW_MINUTES = env_int("HALL_FAILURE_WINDOW_MINUTES", 15)
HALL_FAILURES_PER_NAME = env_int("HALL_FAILURES_PER_NAME", 5)
HALL_FAILURES_PER_ADDRESS = env_int("HALL_FAILURES_PER_ADDRESS", 20)
# A trainer reads their sessions' feedback once the batch's feedback has closed, this many
# days after its last day, counting only what came in by then (so no answer can be told
# apart by comparing the page before and after it).
FEEDBACK_TRAINER_DELAY_DAYS = env_int("FEEDBACK_TRAINER_DELAY_DAYS", 7)

# --- Certificates ---------------------------------------------------------------------
# The address printed on certificates and in their QR codes (no trailing slash). Unset: the
# address each request came to (core/site.py); `check --deploy` warns in production.
SASHAKT_PUBLIC_URL = env_str("SASHAKT_PUBLIC_URL", "").rstrip("/")
# Public verification: this many look-ups per client address per minute, then 429.
CERTIFICATE_VERIFY_PER_MINUTE = env_int("CERTIFICATE_VERIFY_PER_MINUTE", 30)

# --- Security -------------------------------------------------------------------------
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Everything is served by this site (no CDN); no inline script; the QR check-in may use the
# camera of this site only. See docs/security.md.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-elem 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = (
    "camera=(self), microphone=(self), geolocation=(), payment=(), usb=(), serial=(), "
    "midi=(), magnetometer=(), gyroscope=(), accelerometer=(), "
    "display-capture=(), browsing-topics=()"
)
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # The load balancer's probe may speak plain HTTP to a web process.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    # The department's sub-domains are served over HTTPS too; preload is only a request to
    # browsers (listing needs a separate submission, see docs/security.md).
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# A joining letter's QR code admits its holder until this many days after the batch ends.
SEAT_TOKEN_DAYS_AFTER_BATCH = env_int("SEAT_TOKEN_DAYS_AFTER_BATCH", 7)
# A seat offered by SMS is to be answered this many days before the batch begins (or, for a
# late offer, within two days of it); the signed answer link expires with that day.
SEAT_ANSWER_DAYS_BEFORE_BATCH = env_int("SEAT_ANSWER_DAYS_BEFORE_BATCH", 3)

# --- Language, time and numbers --------------------------------------------------------
LANGUAGE_CODE = "hi"
LANGUAGES = [("hi", _("Hindi")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "sashakt_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SECURE = PRODUCTION
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Kolkata"
# Indian formats for both languages: 12,34,567 and 26/08/2025. Figures shown to people are
# grouped with `intcomma`; a bare {{ number }} is not, because ids and codes written into
# links and forms ({{ nomination.pk }} in a hidden input) must never read "1,540".
FORMAT_MODULE_PATH = ["sashakt.formats"]
USE_THOUSAND_SEPARATOR = False

# --- Files ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "sashakt.core.staticfinders.DevanagariFontFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (cached for a year by WhiteNoise) and gzip/Brotli copies, made by
    # `collectstatic` (which `make run` runs). With DEBUG on, runserver serves the finders'
    # plain names itself, so hashed names would not be found there.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "sashakt.core.staticfinders.StaticStorage"
    },
}
# Serve from the finders too, so the app works before (or without) collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
# Uploaded and generated files are private: they are served only through views that
# check permissions, never from a public URL.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Behind nginx: private files are sent by nginx from this internal location after the view's
# checks (X-Accel-Redirect, core/private_files.py); empty: Django streams them itself.
PRIVATE_FILES_ACCEL_PREFIX = env_str("PRIVATE_FILES_ACCEL_PREFIX", "")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# The library of module materials (followup/library.py): the largest file an institute may
# upload; longer videos are shared as links.
LIBRARY_MAX_MB = env_int("LIBRARY_MAX_MB", 20)

# Untrusted spreadsheets (sashakt.core.spreadsheets): files over these are refused with a
# message; reading happens in a child process with a memory limit.
SPREADSHEET_LIMITS = {
    "max_rows": env_int("SPREADSHEET_MAX_ROWS", 200_000),
    "max_columns": env_int("SPREADSHEET_MAX_COLUMNS", 200),
    "max_cell_chars": env_int("SPREADSHEET_MAX_CELL_CHARS", 5_000),
    "max_uncompressed_bytes": env_int("SPREADSHEET_MAX_MB", 200) * 1024 * 1024,
    "max_compression_ratio": env_int("SPREADSHEET_MAX_COMPRESSION_RATIO", 100),
}
SPREADSHEET_READ_IN_CHILD = env_bool("SPREADSHEET_READ_IN_CHILD", True)
SPREADSHEET_READER_MEMORY_MB = env_int("SPREADSHEET_READER_MEMORY_MB", 2048)
SPREADSHEET_READER_TIMEOUT_SECONDS = env_int("SPREADSHEET_READER_TIMEOUT_SECONDS", 300)
# At most this many reader children at once on this machine (each may use up to
# SPREADSHEET_READER_MEMORY_MB), counted with lock files in SPREADSHEET_READER_LOCK_DIR by
# every web process and worker alike; a read waits up to SPREADSHEET_READER_WAIT_SECONDS for
# a free place, then is refused with a message to try again.
SPREADSHEET_READERS = env_int("SPREADSHEET_READERS", 2)
SPREADSHEET_READER_WAIT_SECONDS = env_int("SPREADSHEET_READER_WAIT_SECONDS", 60)
SPREADSHEET_READER_LOCK_DIR = env_str("SPREADSHEET_READER_LOCK_DIR", str(VAR_DIR / "readers"))

# --- API (/api/v1/, sashakt/api) -------------------------------------------------------
# Other systems sign in with a token (sashakt/api/tokens.py) and see what its owner sees;
# there is no session sign-in to the API, so no CSRF either.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["sashakt.api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["sashakt.api.permissions.TokenScope"],
    "DEFAULT_PARSER_CLASSES": ["sashakt.api.parsers.LimitedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "sashakt.api.pagination.QueryBoundCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["sashakt.api.throttling.TokenRateThrottle"],
    "EXCEPTION_HANDLER": "sashakt.api.problems.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATETIME_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sashakt API",
    "DESCRIPTION": (
        "Read and write the training programme's data with a token made by the state "
        "programme cell. Errors are RFC 9457 problem JSON in the language of Accept-Language "
        "(Hindi unless English is asked for)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "status"; each choice set gets its own name in the document.
    "ENUM_NAME_OVERRIDES": {"MarkStatusEnum": "sashakt.attendance.models.MarkStatus"},
    "DISABLE_ERRORS_AND_WARNINGS": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "sashakt.api.schema.add_problem_responses",
    ],
}
# Requests per minute one token may make (counted in the shared cache, core/ratelimit.py).
API_RATE_PER_MINUTE = env_int("API_RATE_PER_MINUTE", 240)
# A JSON body larger than this is refused (413) before it is read.
API_MAX_BODY_BYTES = env_int("API_MAX_BODY_KB", 1024) * 1024
# Idempotency keys are remembered this many hours.
API_IDEMPOTENCY_HOURS = env_int("API_IDEMPOTENCY_HOURS", 48)

# --- Audit trail ----------------------------------------------------------------------
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"refusal_one_line": {"()": "sashakt.core.logging.RefusalWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # A 403 is logged as one line ("Forbidden (Permission denied): /path"), no traceback.
        "django.request": {"filters": ["refusal_one_line"]},
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
