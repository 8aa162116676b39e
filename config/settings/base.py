"""Settings shared by every environment.

Every deploy knob is read from the environment, with a safe embedded default for
development (SQLite under ``var/``, no external broker, email written to files).
The README lists the variables. Pattern after cookiecutter-django's base settings.
"""

from pathlib import Path

import environ

# GENERAL
# ------------------------------------------------------------------------------
BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("CANYU_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()

# The development key. config.settings.production refuses to start with it.
DEVELOPMENT_SECRET_KEY = "django-insecure-canyu-development-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
# Keys the ID numbers' hash (volunteers/identity.py); change with rekey_id_hashes.
DEVELOPMENT_ID_HASH_KEY = "canyu-development-id-hash-key-never-use-in-production"
CANYU_ID_HASH_KEY = env.str("CANYU_ID_HASH_KEY", default=DEVELOPMENT_ID_HASH_KEY)
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# The public address of the site, used in emails and the Wagtail admin.
CANYU_BASE_URL = env.str("CANYU_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")

TIME_ZONE = "Asia/Shanghai"
USE_TZ = True
USE_I18N = True
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "site" / "locale"]

SITE_ID = 1
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# DATABASES
# ------------------------------------------------------------------------------
# https://django-environ.readthedocs.io/en/latest/types.html#environ-env-db-url
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'canyu.sqlite3'}"),
}
# Persistent connections: Wagtail otherwise opens one per request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock up front, so parallel writers wait
    # for each other instead of failing with "database is locked" (see
    # docs/pitfalls). WAL lets readers go on while one process writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=20000;"
        ),
    }

# APPS
# ------------------------------------------------------------------------------
INSTALLED_APPS = [
    # Project apps first, so their templates and translations win.
    "home",
    "consultations",
    "consultations.hotline",
    "volunteers",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    # The admin's "Translate" action: copies a page into another locale.
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # The JSON API under /api/v1/ (config/api.py, config/settings/api.py)
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # django-csp: its system checks (outdated or unsafe CSP settings)
    "csp",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.headless",  # the app signs in at /api/v1/auth/ (settings/apiauth.py)
    # Limits counted in the shared cache (home/limits.py)
    "django_ratelimit",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "home.page_cache.middleware.PageCacheMiddleware",  # anonymous pages, see README
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "home.middleware.TwoFactorMiddleware",
    "home.consent.middleware.ConsentMiddleware",  # asks again after policy changes
    "home.middleware.ContentSecurityPolicyMiddleware",  # django-csp, see SECURITY
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.inbox.context_processors.inbox",
            ],
        },
    },
]

# AUTH
# ------------------------------------------------------------------------------
# https://docs.allauth.org/en/latest/account/configuration.html
AUTH_USER_MODEL = "home.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home:dashboard"
# Phone + SMS code or email (settings/phone.py); email verification: adapter.
ACCOUNT_ADAPTER = "home.account_adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email", "phone"}
ACCOUNT_SIGNUP_FIELDS = ["phone", "email", "password1", "password2"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "【参与】"
ACCOUNT_FORMS = {
    "signup": "home.forms.SignupForm",
    "login": "home.forms.LoginForm",
    "request_login_code": "home.forms.RequestLoginCodeForm",
}
ACCOUNT_SESSION_REMEMBER = None
# Counted in the shared cache (CACHES). Strict per account, generous per address
# (one attacker must not lock out an office behind one NAT address); the key rate
# first, as allauth stops at the first exhausted rate without counting the rest.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/key,100/5m/ip",
    "login": "300/5m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    # SMS codes: 1/min and 10/day per number (key), 100/hour per address.
    "verify_phone": "1/m/key,10/d/key,100/h/ip",
    "request_login_code": "1/m/key,10/d/key,100/h/ip",
    "change_phone": "1/m/user,10/d/user",
}
# Behind a reverse proxy, how many X-Forwarded-For hops to trust for client IPs.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Canyu 参与"
# Two-factor secrets encrypted at rest under Fernet keys of their own (README:
# CANYU_MFA_KEY, comma-separated to rotate). docs.allauth.org/en/latest/mfa/adapter.html
MFA_ADAPTER = "home.twofactor.adapter.EncryptingMFAAdapter"
DEVELOPMENT_MFA_KEY = "w5Afw_3cTuTjgRbAMmcI1WLupbc2wXywu5O4it4gYb0="
CANYU_MFA_KEYS = env.list("CANYU_MFA_KEY", default=[DEVELOPMENT_MFA_KEY])

# CACHES
# ------------------------------------------------------------------------------
# CACHE_URL wins; else REDIS_URL; else a file cache under var/ that every local
# process (web, worker) shares, so rate limits count the same everywhere.
REDIS_URL = env.str("REDIS_URL", default="")
if env.str("CACHE_URL", default=""):
    CACHES = {"default": env.cache("CACHE_URL")}
elif REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.RedisCache",  # one client per pool
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "canyu",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# WAGTAIL
# ------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "参与 Canyu"
WAGTAILADMIN_BASE_URL = CANYU_BASE_URL
# The admin logs in through allauth (rate limits, two-factor).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Page translation (https://docs.wagtail.org/en/stable/advanced_topics/i18n.html):
# each page lives in a locale, Chinese (the default) or English; the English
# translation of a page is served under /en/. A page without one falls back to
# the Chinese page with a note (home.models.pages.HomePage.route, base.html).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# No avatars from gravatar.com: the admin would send hashes of staff emails to a
# third-party host (and an intranet cannot reach it). Wagtail shows its default
# avatar instead. https://docs.wagtail.org/en/stable/reference/settings.html#wagtail-gravatar-provider-url
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# One time zone for everyone: the account page then shows no list of some 600
# English zone names (Wagtail hides the choice when there is only one).
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
# Wagtail 8 has no setting for its "editor guide" links (they point at the English
# guide.wagtail.org): the dashboard and help menu show this address instead, as
# "编辑指南"; empty hides the links (home/wagtail_hooks.py, the overridden
# wagtailadmin/home/account_summary.html).
CANYU_EDITOR_GUIDE_URL = env.str("CANYU_EDITOR_GUIDE_URL", default="")
# Complex page forms can exceed Django's default limit of 1000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# STATIC AND MEDIA
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.str("DJANGO_STATIC_ROOT", default=str(VAR_DIR / "static"))
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = env.str("DJANGO_MEDIA_URL", default="/media/")
MEDIA_ROOT = env.str("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Volunteers' certificates hold personal data: stored outside MEDIA_ROOT, never
    # served by URL, handed out only by the download view (owner and staff).
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env.str("CANYU_PRIVATE_ROOT", default=str(VAR_DIR / "private")),
            "base_url": None,
        },
    },
}

# CELERY
# ------------------------------------------------------------------------------
# https://docs.celeryq.dev/en/stable/userguide/configuration.html
# Default: kombu's filesystem transport. It needs no server, is shared by every
# process on the machine (the web process enqueues, the worker consumes) and works
# with the beat scheduler, so `make run` has real background and scheduled jobs.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "celery" / "queue"
    _processed_dir = VAR_DIR / "celery" / "processed"
    _queue_dir.mkdir(parents=True, exist_ok=True)
    _processed_dir.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(_processed_dir),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# The scheduled jobs (Celery beat) are listed in config/settings/schedule.py.

# VOLUNTEERING
# ------------------------------------------------------------------------------
# Check-in by QR code: it opens this many minutes before a shift starts and closes
# when the shift ends. The organiser's code changes every ROTATE seconds and a
# scanned code is accepted for MAX_AGE seconds.
VOLUNTEER_CHECKIN_OPENS_MINUTES = env.int("VOLUNTEER_CHECKIN_OPENS_MINUTES", default=30)
VOLUNTEER_CHECKIN_TOKEN_ROTATE_SECONDS = 60
VOLUNTEER_CHECKIN_TOKEN_MAX_AGE_SECONDS = 120

# EMAIL
# ------------------------------------------------------------------------------
# Every message is stored in the outbox and delivered by a Celery task
# (home.mail.OutboxEmailBackend); EMAIL_URL chooses how the task delivers it.
# Default: one file per message under var/mail/, where a developer can read it.
_mail_dir = VAR_DIR / "mail"
_mail_dir.mkdir(parents=True, exist_ok=True)
_email_config = env.email("EMAIL_URL", default=f"filemail://{_mail_dir}")
EMAIL_BACKEND = "home.mail.OutboxEmailBackend"
CANYU_EMAIL_DELIVERY_BACKEND = _email_config.pop("EMAIL_BACKEND")
if CANYU_EMAIL_DELIVERY_BACKEND.endswith("filebased.EmailBackend"):
    _email_config["EMAIL_FILE_PATH"] = str(_mail_dir)
vars().update(_email_config)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="参与 Canyu <noreply@canyu.local>"
)
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
EMAIL_TIMEOUT = 20

# SECURITY
# ------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

from .api import *  # the JSON API under /api/v1/  # noqa: E402, F403
from .apiauth import *  # API sign-in (after api)  # noqa: E402, F403
from .csp import *  # Content-Security-Policy (django-csp)  # noqa: E402, F403
from .data_export import *  # download my data  # noqa: E402, F403
from .hotline import *  # 12319 hotline: jobs, reminders  # noqa: E402, F403
from .limits import *  # rate limits in the shared cache  # noqa: E402, F403
from .logs import *  # log format and levels  # noqa: E402, F403
from .page_cache import *  # the anonymous page cache  # noqa: E402, F403
from .phone import *  # mobile numbers and SMS codes  # noqa: E402, F403
from .privacy import *  # outbox retention, error reports  # noqa: E402, F403
from .schedule import *  # the scheduled jobs (Celery beat)  # noqa: E402, F403
from .sms import *  # text messages: backend, providers  # noqa: E402, F403

CELERY_BEAT_SCHEDULE |= CANYU_DATA_EXPORT_BEAT_SCHEDULE  # noqa: F405
CELERY_BEAT_SCHEDULE |= RETENTION_BEAT_SCHEDULE  # noqa: F405
CELERY_BEAT_SCHEDULE |= ACCOUNT_CLOSURE_BEAT_SCHEDULE  # noqa: F405
CELERY_BEAT_SCHEDULE |= HOTLINE_BEAT_SCHEDULE  # noqa: F405
CELERY_BEAT_SCHEDULE |= CANYU_OPEN_DATA_BEAT_SCHEDULE  # noqa: F405
