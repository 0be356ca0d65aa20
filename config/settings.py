"""CraftMatch settings, read from the environment.

Every setting a deployment changes is an environment variable; the README's configuration table
lists them. Development needs none: PostgreSQL and Redis run embedded under `.data/`, started by
the commands that need them (config.embedded.ensure_started); importing the settings starts nothing.
https://docs.djangoproject.com/en/5.2/ref/settings/
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlparse

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_float, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent


# --- Core -----------------------------------------------------------------------------------
DEBUG = env_bool("DEBUG", True)
TESTING = env_bool("CRAFTMATCH_TESTING", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123456789abcdef"
# Keys for the secrets stored in the database (outbox bodies, TOTP data): the first encrypts,
# all decrypt (rotation). Unset: derived from SECRET_KEY (common/crypto.py, SECURITY.md).
ENCRYPTION_KEYS = env_list("ENCRYPTION_KEYS")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver" if DEBUG else "")
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", SITE_URL)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django_countries",
    "common",
    "accounts",
    "notifications",
    "artisans",
    "buyers",
    "catalog",
    "meetings",
    "programs",
    "matchmaking",
    "deals",
    "referencing",
    "fairs",
    "visitors",
    "tours",
    "shows",
    "ops",
    "privacy",
    "demo",
]

MIDDLEWARE = [
    # First: it times everything below, static files included (ops.metrics).
    "ops.middleware.MetricsMiddleware",
    "ops.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files from the web process itself (hashed names, gzip, cached for a year): no proxy
    # rule needed. In DEBUG it finds them in the apps' folders, as runserver does.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "common.security.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "common.security.StaffSecondFactorMiddleware",
    # Last, so its process_exception sees a view's lost database connection first: a 503 page.
    "ops.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/ref/databases/#postgresql-notes
if os.environ.get("DATABASE_URL"):
    import dj_database_url

    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    from config import embedded

    # Where the embedded server listens; it is started by the commands that need it
    # (config.embedded.ensure_started), not by importing the settings.
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            **embedded.postgres_settings(),
            "CONN_MAX_AGE": 60,
        }
    }
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The statements every page runs are prepared once per connection (common.statements); off behind
# a pooler that shares server sessions between clients (PgBouncer in transaction mode).
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)
# The catalog's working set is in memory (or on SSD): random reads cost about what sequential ones
# do, so the planner should use the full-text GIN index for a common word rather than read every
# search document (80 ms instead of 300 ms for "pottery" in 100,000 products; bench/README.md).
# Prepared statements (common.statements) are planned for their values each run, as the text was:
# a generic plan guesses at "changes since this id" and "these ids" and may read whole tables.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c random_page_cost=1.1 -c plan_cache_mode=force_custom_plan"
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DB_NAME") or None}
if os.environ.get("DATABASE_NAME"):
    # Lets a worker started by the test suite use the test database.
    DATABASES["default"]["NAME"] = os.environ["DATABASE_NAME"]

# --- Redis: cache, sessions' rate limits, Celery broker -------------------------------------
if os.environ.get("REDIS_URL"):
    REDIS_URL = os.environ["REDIS_URL"]
    CELERY_BROKER_URL = REDIS_URL
else:
    from config import embedded

    _sock = embedded.redis_socket()
    REDIS_URL = f"unix://{_sock}?db=0"
    CELERY_BROKER_URL = f"redis+socket://{_sock}?virtual_host=0"
CACHE_REDIS_URL = os.environ.get("CACHE_REDIS_URL", REDIS_URL.replace("db=0", "db=1"))

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "craftmatch"),
        # A Redis that does not answer is an error within seconds, not a hung request.
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
}

# --- Celery ---------------------------------------------------------------------------------
# https://docs.celeryq.dev/en/stable/userguide/configuration.html
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
# Every task has a time limit: a late-acked task that hangs would hold its worker for ever and be
# redelivered after the visibility timeout. The soft limit raises SoftTimeLimitExceeded in the
# task (it can clean up); the hard one kills it. Long tasks set their own (catalog PDF, scheduler).
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 5 * 60)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 6 * 60)
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A late-acked task is redelivered if not acked within this time; longer than any task runs.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TASK_EAGER_PROPAGATES = True
# The worker logs through LOGGING below (request ids, LOG_FORMAT=json) instead of its own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Recovery sweeps (RELIABILITY.md): the database knows what is unsent; these re-queue work whose
# broker message was lost. Environment variables so the fault tests can shrink them.
EMAIL_STALE_CLAIM_SECONDS = env_float("EMAIL_STALE_CLAIM_SECONDS", 300)
EMAIL_REQUEUE_AFTER_SECONDS = env_float("EMAIL_REQUEUE_AFTER_SECONDS", 600)
EMAIL_REQUEUE_INTERVAL = env_float("EMAIL_REQUEUE_INTERVAL", 300)
EMAIL_RETRY_BASE_SECONDS = env_float("EMAIL_RETRY_BASE_SECONDS", 10)
EMAIL_RETRY_MAX_SECONDS = env_float("EMAIL_RETRY_MAX_SECONDS", 1800)
INVITATION_RESUME_INTERVAL = env_float("INVITATION_RESUME_INTERVAL", 300)
# The worker's heartbeat (ops.heartbeat) that /health/ reads.
HEARTBEAT_INTERVAL = env_float("HEARTBEAT_INTERVAL", 60)
HEARTBEAT_MAX_AGE = env_float("HEARTBEAT_MAX_AGE", 3 * HEARTBEAT_INTERVAL)
# Processes a worker runs tasks in (prefork); the Procfile's worker takes the default.
CELERY_WORKER_CONCURRENCY = env_int("CELERY_WORKER_CONCURRENCY", os.cpu_count() or 1)
# The agency's time zone: the fixed hours of the schedule below (the nightly purge) are its hours.
AGENCY_TIME_ZONE = os.environ.get("AGENCY_TIME_ZONE", "UTC")
CELERY_TIMEZONE = AGENCY_TIME_ZONE
CELERY_ENABLE_UTC = True
MESSAGE_PURGE_HOUR = env_int("MESSAGE_PURGE_HOUR", 3)
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    # Meeting messages older than the retention staff set (privacy.PrivacySettings): every night.
    "purge-old-messages": {
        "task": "privacy.purge_old_messages",
        "schedule": crontab(hour=MESSAGE_PURGE_HOUR, minute=15),
    },
    "requeue-stuck-emails": {
        "task": "notifications.requeue_stuck_emails",
        "schedule": EMAIL_REQUEUE_INTERVAL,
    },
    "resume-invitation-batches": {
        "task": "programs.resume_invitation_batches",
        "schedule": INVITATION_RESUME_INTERVAL,
    },
    "worker-heartbeat": {
        "task": "ops.heartbeat",
        "schedule": HEARTBEAT_INTERVAL,
    },
    # The catalog index reads a day of change log at most (catalog.index).
    "prune-catalog-changes": {
        "task": "catalog.prune_changes",
        "schedule": 3600.0,
    },
    # The fair site's change log: its newest row is the cached lists' version (fairs.cache).
    "prune-fair-changes": {
        "task": "fairs.prune_changes",
        "schedule": 3600.0,
    },
    "resume-calendar-mail": {
        "task": "meetings.resume_calendar_mail",
        "schedule": 300.0,
    },
    "send-meeting-reminders": {
        "task": "meetings.send_reminders",
        "schedule": env_float("MEETING_REMINDER_INTERVAL", 300),
    },
    # Deals: "what did the meeting lead to?" 3, 6 and 12 months after a held meeting (deals.followups).
    "send-deal-follow-ups": {
        "task": "deals.send_follow_ups",
        "schedule": 3600.0,
    },
    # Agenda: offers of freed seats past their time go to the next person waiting (visitors.services.agenda).
    "expire-seat-offers": {
        "task": "visitors.expire_seat_offers",
        "schedule": 60.0,
    },
    "send-session-reminders": {
        "task": "visitors.send_session_reminders",
        "schedule": 300.0,
    },
    # Recommendations older than a change of a profile or product of their program.
    "recompute-stale-recommendations": {
        "task": "matchmaking.recompute_stale",
        "schedule": 600.0,
    },
}

# One beat, always (ops.beat, docs/deploy.md): the schedule and its lock live in Redis. A second
# beat waits on the lock; it takes over when the first stops, or BEAT_LOCK_TIMEOUT after it died,
# by default three runs of the most frequent entry (10 s to 60 s). Each test's queue has its own.
CELERY_BEAT_SCHEDULER = "ops.beat.LockedScheduler"
CELERY_REDBEAT_REDIS_URL = REDIS_URL
CELERY_REDBEAT_REDIS_OPTIONS: dict = {}
CELERY_REDBEAT_KEY_PREFIX = f"redbeat:{CELERY_TASK_DEFAULT_QUEUE}:"
_shortest = min(float(e["schedule"]) for e in CELERY_BEAT_SCHEDULE.values() if isinstance(e["schedule"], float | int))
CELERY_REDBEAT_LOCK_TIMEOUT = env_int("BEAT_LOCK_TIMEOUT", int(max(10, min(60, 3 * _shortest))))
# The lock is extended at every tick: ticks at least three times per lock period.
CELERY_BEAT_MAX_LOOP_INTERVAL = max(1, min(5, CELERY_REDBEAT_LOCK_TIMEOUT // 3))

# --- Authentication (django-allauth) ---------------------------------------------------------
# https://docs.allauth.org/en/latest/account/configuration.html
AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's backends, with the signed-in user read by a compiled statement.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm", "add_email": "accounts.forms.AddEmailForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[CraftMatch] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
# A borrowed session is not the account: changing an address, the password, the second factor or
# deleting the account asks who you are again (password, or authenticator when enrolled), and
# the old address is told of each change (accounts.adapters.AccountAdapter sends them).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_RATE_LIMITS = {
    # Failed logins per IP and per account: the throttle against password guessing.
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
LOGIN_URL = "account_login"
# Two-factor (TOTP) for anyone. With REQUIRE_STAFF_MFA, staff powers anywhere need a session that
# passed it (common.security.StaffSecondFactorMiddleware), and a first enrolment needs a link that
# another administrator sends (accounts.services.staff_enrolment_issue).
# https://docs.allauth.org/en/latest/mfa/configuration.html
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# TOTP secrets and the recovery-code seed are stored encrypted with ENCRYPTION_KEYS.
MFA_ADAPTER = "accounts.adapters.MFAAdapter"
MFA_TOTP_ISSUER = "CraftMatch"
REQUIRE_STAFF_MFA = env_bool("REQUIRE_STAFF_MFA", not DEBUG)
STAFF_ENROLMENT_LINK_HOURS = env_int("STAFF_ENROLMENT_LINK_HOURS", 24)
LOGIN_REDIRECT_URL = "dashboard"

# --- Email ----------------------------------------------------------------------------------
# EMAIL_URL: smtp://user:password@host:port (smtp+tls:// for STARTTLS, smtps:// for TLS), or
# EMAIL_BACKEND for an email API (below). Neither: each message is written as an .eml file under .data/mail/.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CraftMatch <no-reply@craftmatch.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_URL = os.environ.get("EMAIL_URL", "")
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", BASE_DIR / ".data" / "mail"))
if EMAIL_URL:
    _mail = urlparse(EMAIL_URL)
    if _mail.scheme not in {"smtp", "smtp+tls", "smtps"}:
        raise ImproperlyConfigured("EMAIL_URL must start with smtp://, smtp+tls:// or smtps://")
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname or "localhost"
    EMAIL_PORT = _mail.port or (465 if _mail.scheme == "smtps" else 25)
    EMAIL_HOST_USER = unquote(_mail.username or "")
    EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
    EMAIL_USE_TLS = _mail.scheme == "smtp+tls"
    EMAIL_USE_SSL = _mail.scheme == "smtps"
    EMAIL_TIMEOUT = 20
elif os.environ.get("EMAIL_BACKEND"):
    # An email API instead of a relay, through django-anymail: for example
    # EMAIL_BACKEND=anymail.backends.postmark.EmailBackend with ANYMAIL_POSTMARK_SERVER_TOKEN=...
    # https://anymail.dev/en/stable/esps/
    EMAIL_BACKEND = os.environ["EMAIL_BACKEND"]
else:
    EMAIL_BACKEND = "notifications.backends.EmlFileBackend"
if EMAIL_URL and os.environ.get("EMAIL_BACKEND"):
    raise ImproperlyConfigured("Set EMAIL_URL (an SMTP relay) or EMAIL_BACKEND (an email API), not both.")
# Anymail's settings, each from ANYMAIL_<NAME> (ANYMAIL_MAILGUN_API_KEY -> ANYMAIL["MAILGUN_API_KEY"]).
ANYMAIL = {name.removeprefix("ANYMAIL_"): value for name, value in os.environ.items() if name.startswith("ANYMAIL_")}
# Outgoing mail retries on SMTP errors with exponential backoff, this many times.
EMAIL_MAX_ATTEMPTS = env_int("EMAIL_MAX_ATTEMPTS", 8)

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates in each language's own form ("miércoles, 3 de noviembre de 2027", "1 dic"): templates and
# mail name a format (LONG_DATETIME_FORMAT, DAY_TIME_FORMAT, ...) defined per language there.
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / ".data" / "media"))
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", BASE_DIR / ".data" / "private"))
# MEDIA_STORAGE_URL: both on an S3-compatible store instead of the disk, one bucket with two
# prefixes: s3://ACCESS_KEY:SECRET@bucket/prefix?endpoint_url=https://s3.example&region_name=eu-west-1
# (key and secret percent-encoded; left out, boto3 reads AWS_ACCESS_KEY_ID and the like). Photos
# under <prefix>/media/ are read by anyone (public-read objects, or the bucket's policy: docs/deploy.md); files
# under <prefix>/private/ are private objects, read through the staff view or by a signed link
# that expires after PRIVATE_URL_SECONDS.
MEDIA_STORAGE_URL = os.environ.get("MEDIA_STORAGE_URL", "")
PRIVATE_URL_SECONDS = env_int("PRIVATE_URL_SECONDS", 300)
MEDIA_ORIGIN = ""  # where photos are served from when not from this site (the CSP allows it)
if MEDIA_STORAGE_URL:
    _store = urlparse(MEDIA_STORAGE_URL)
    _query = dict(parse_qsl(_store.query, keep_blank_values=True))
    if _store.scheme != "s3" or not _store.hostname:
        raise ImproperlyConfigured("MEDIA_STORAGE_URL must look like s3://KEY:SECRET@bucket/prefix?endpoint_url=...")
    _prefix = _store.path.strip("/")
    _s3 = {
        "bucket_name": _store.hostname,
        "access_key": unquote(_store.username or "") or None,
        "secret_key": unquote(_store.password or "") or None,
        "endpoint_url": _query.get("endpoint_url"),
        "region_name": _query.get("region_name"),
        "addressing_style": _query.get("addressing_style", "path"),
        "signature_version": "s3v4",
        "file_overwrite": False,
    }
    _media = {
        **_s3,
        "location": f"{_prefix}/media".lstrip("/"),
        "querystring_auth": False,
        # Stores that refuse object ACLs (S3 buckets with ACLs disabled): media_acl= and a bucket
        # policy that lets anyone read <prefix>/media/*.
        "default_acl": _query.get("media_acl", "public-read") or None,
        "custom_domain": _query.get("custom_domain"),
        # Photos never change under a name (a new upload is a new random name).
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    _private = {
        **_s3,
        "location": f"{_prefix}/private".lstrip("/"),
        "querystring_auth": True,
        "querystring_expire": PRIVATE_URL_SECONDS,
        "default_acl": "private",
    }
    _STORE_BACKEND = "storages.backends.s3.S3Storage"
    _default_storage = {"BACKEND": _STORE_BACKEND, "OPTIONS": _media}
    _private_storage = {"BACKEND": _STORE_BACKEND, "OPTIONS": _private}
    if _query.get("custom_domain"):
        MEDIA_ORIGIN = "https://" + _query["custom_domain"]
    elif _query.get("endpoint_url"):
        _endpoint = urlparse(_query["endpoint_url"])
        MEDIA_ORIGIN = f"{_endpoint.scheme}://{_endpoint.netloc}"
    else:
        MEDIA_ORIGIN = f"https://{_s3['bucket_name']}.s3.amazonaws.com"
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    # Files only staff download through a view (catalog PDFs, exports): never under MEDIA_URL.
    _private_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_ROOT), "base_url": None},
    }
STORAGES = {
    "default": _default_storage,
    "private": _private_storage,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        # `collectstatic` writes hashed, gzipped copies; WhiteNoise serves those for a year.
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# Uploaded photos (common/images.py): the largest file, and the most pixels a header may declare.
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 8 * 1024 * 1024)
# A 12-megapixel phone photo passes; one upload under the cap peaks at 170-250 MB (bench/README.md).
MAX_IMAGE_PIXELS = env_int("MAX_IMAGE_PIXELS", 16000000)
# Decodes running at once in one process (threaded servers), and photos one account may send.
IMAGE_DECODE_CONCURRENCY = env_int("IMAGE_DECODE_CONCURRENCY", 2)
# How long a request waits for a decode slot before its form says "try again" (common/images.py).
IMAGE_DECODE_WAIT_SECONDS = env_float("IMAGE_DECODE_WAIT_SECONDS", 10)
PHOTO_UPLOAD_RATE_LIMIT = os.environ.get("PHOTO_UPLOAD_RATE_LIMIT", "40/10m")
# Inquiries the public may send from one address (deals.start_views.public_inquire, per client_ip).
PUBLIC_INQUIRY_RATE_LIMIT = os.environ.get("PUBLIC_INQUIRY_RATE_LIMIT", "5/h")
# Fair registrations from one client address (visitors.views.register): a desk or a school group shares one.
VISITOR_REGISTRATION_RATE_LIMIT = os.environ.get("VISITOR_REGISTRATION_RATE_LIMIT", "20/h")
# Files attached to messages (common/attachments.py: PDF, JPEG, PNG): the largest, and how many per
# message; an image is a photo too (MAX_UPLOAD_BYTES, MAX_IMAGE_PIXELS, PHOTO_UPLOAD_RATE_LIMIT).
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 8 * 1024 * 1024)
ATTACHMENTS_PER_MESSAGE = env_int("ATTACHMENTS_PER_MESSAGE", 5)
# Messages one account may post in deal threads (deals.views.deal_message, per account).
DEAL_MESSAGE_RATE_LIMIT = os.environ.get("DEAL_MESSAGE_RATE_LIMIT", "30/10m")
# Width and height of the photos `manage.py load_demo` draws (demo/loader.py): a good upload's size.
DEMO_IMAGE_SIZE = (1200, 900)

# --- Programs ----------------------------------------------------------------------------
# Buyer invitations go out INVITATION_BATCH_SIZE at a time, one batch every
# INVITATION_BATCH_INTERVAL seconds (the default: 100 a minute).
INVITATION_BATCH_SIZE = env_int("INVITATION_BATCH_SIZE", 100)
INVITATION_BATCH_INTERVAL = env_float("INVITATION_BATCH_INTERVAL", 60)
# A program with invitations left and no batch for this long has lost its batch chain.
INVITATION_STALL_SECONDS = env_float("INVITATION_STALL_SECONDS", 3 * INVITATION_BATCH_INTERVAL + 60)

# --- Meetings -------------------------------------------------------------------------------
VIDEO_BASE_URL = os.environ.get("VIDEO_BASE_URL", "https://meet.jit.si/")

# --- Privacy (the privacy page and SECURITY.md state these) -----------------------------------
# The default retention of meeting messages; staff change it in the admin (Privacy settings).
MESSAGE_RETENTION_DAYS = env_int("MESSAGE_RETENTION_DAYS", 730)
PRIVACY_CONTACT_EMAIL = os.environ.get("PRIVACY_CONTACT_EMAIL", "privacy@craftmatch.local")

# Django's database sessions, read by a statement compiled once per process (accounts/sessions.py).
SESSION_ENGINE = "accounts.sessions"

# --- Security (production) ------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No JavaScript reads the CSRF cookie: forms carry the token.
CSRF_COOKIE_HTTPONLY = True
# Content Security Policy (django-csp): every script and style is a self-hosted file, so no
# 'unsafe-inline'. https://django-csp.readthedocs.io/en/latest/configuration.html
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}
# Behind a reverse proxy (SECURITY.md, "Deployment"): how many proxies of ours append to
# X-Forwarded-For, or the one header our proxy sets to the client's address (e.g. X-Real-IP).
# Unset, no header is believed and rate limits key on the connection's address
# (common.ratelimit.client_ip, used by every rate limit).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER") or None
# The header our TLS-terminating proxy sets to "https" (e.g. X-Forwarded-Proto); off unless set,
# since a client could send it too when no proxy strips it.
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + os.environ["SECURE_PROXY_SSL_HEADER"].strip().upper().replace("-", "_"), "https"
    )
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Health checks of containers and load balancers speak plain HTTP on the private network.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Observability (docs/deploy.md, "What to watch") ------------------------------------------
# /metrics/ (Prometheus): staff, or a scraper sending "Authorization: Bearer <METRICS_TOKEN>".
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
# Errors and slow transactions to Sentry when a DSN is set; no personal data is sent.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0),
        send_default_pii=False,
    )

# LOG_FORMAT=json: one JSON object per line (ops.logging); the default stays readable.
# Both carry the request id, also in the Celery tasks a request queued.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # redact_secrets: no reset, confirmation, invitation or enrolment link in a log line.
    "filters": {
        "request_id": {"()": "ops.logging.RequestIdFilter"},
        "redact_secrets": {"()": "ops.logging.RedactSecretsFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s %(message)s"},
        "json": {"()": "ops.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request_id", "redact_secrets"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "pgserver": {"level": "WARNING"}},
}
