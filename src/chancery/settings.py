"""Chancery settings: twelve-factor, everything from the environment.

`DJANGO_ENV` picks the profile:
- ``development`` (default): SQLite under ``var/``, debug pages (but not under `chancery serve`,
  which `make run` uses: the demo is not a debug run), demo data allowed;
- ``test``: as development, tasks run immediately, fast password hashing;
- ``production``: refuses to start without its secrets, secure cookies, HSTS.
"""

from __future__ import annotations

import ipaddress
import os
import re
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(os.environ.get("CHANCERY_HOME", PACKAGE_DIR.parent.parent)).resolve()
VAR_DIR = Path(os.environ.get("CHANCERY_VAR_DIR", BASE_DIR / "var")).resolve()

# Under pytest the default is the test profile, so that a bare `pytest` behaves like `make test`.
ENV = (os.environ.get("DJANGO_ENV") or ("test" if "pytest" in sys.modules else "development")).strip().lower()
if ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be development, test or production, not {ENV!r}.")
PRODUCTION = ENV == "production"


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def require(name: str) -> str:
    """A production secret: missing means the operator forgot it, so refuse to start."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set when DJANGO_ENV=production; Chancery refuses to start without it."
        )
    return value


if PRODUCTION:
    SECRET_KEY = require("DJANGO_SECRET_KEY")
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 characters of real randomness.")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS") or [require("DJANGO_ALLOWED_HOSTS")]
    DEBUG = False
    DATABASE_URL = require("DATABASE_URL")
else:
    # A fixed key is fine on a laptop: nothing signed here leaves it.
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "chancery-development-key-not-for-production")  # noqa: S105 - refused under production settings
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    DEBUG = os.environ.get("DJANGO_DEBUG", "1" if ENV == "development" else "0") == "1"
    DATABASE_URL = os.environ.get("DATABASE_URL", "").strip() or f"sqlite:///{VAR_DIR / 'chancery.sqlite3'}"

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# The public address of the site (scheme and host, behind a proxy the address the world uses): when
# set, every absolute link names it. When not, a page links to the address it was asked on, and
# what is made outside a request (open-data dumps, webhook payloads) to the address being served,
# which `chancery serve` sets for its web server and worker (core.links).
CHANCERY_PUBLIC_URL = os.environ.get("CHANCERY_PUBLIC_URL", "").strip().rstrip("/")
CHANCERY_SERVED_URL = os.environ.get("CHANCERY_SERVED_URL", "").strip().rstrip("/") or "http://127.0.0.1:8000"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # For its translations: the countries by their Dutch names (core.countries).
    "django_countries",
    "chancery.core",
    "chancery.decisions",
    "chancery.portal",
    "chancery.api",
    "chancery.monitoring",
    "chancery.strategic_goods",
    "chancery.procedures",
    "chancery.licensing",
    "chancery.regulation",
    # After regulation: its demo loader runs after the register's, whose EU acts it completes.
    "chancery.eu_files",
    "chancery.foreign_network",
    "chancery.investment_screening",
    "chancery.operations",
    "chancery.disaster_fund",
    "chancery.crisis",
    "chancery.grants",
    "chancery.archive",
    # Above the domain apps: reads what each declares in its personal_data.py (core.personal_data).
    "chancery.privacy",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    # First: every log line of the request, and of the tasks it queues, carries its id.
    "chancery.core.context.RequestIdMiddleware",
    # Each answer's time by route name, for /metrics (chancery.core.metrics).
    "chancery.core.metrics.RequestMetricsMiddleware",
    # X-Forwarded-Proto only from a trusted proxy (before SecurityMiddleware's HTTPS redirect).
    "chancery.core.client.ForwardedProtoMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers for someone signed in are not cached (after WhiteNoise: static files stay cacheable).
    "chancery.core.middleware.PrivateAnswersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Which channel a change comes through (web, api, admin), for the audit trail.
    "chancery.core.context.ChannelMiddleware",
    # Whether a request may read from the read replica, and read-your-writes after it wrote
    # (nothing without DATABASE_REPLICA_URL).
    "chancery.core.replicas.ReplicaReadsMiddleware",
    "chancery.core.middleware.ChosenLanguageMiddleware",
    "chancery.api.middleware.CallerLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETags on GET responses and 304 answers to If-None-Match (pages and API alike).
    "django.middleware.http.ConditionalGetMiddleware",
    # Before CSRF, which reads the form (and so parses uploads) first.
    "chancery.core.uploads.ClientFileNameMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Refuses an oversized body before anything reads it (CSRF's check reads the form in
    # process_view, after every middleware's __call__ has run).
    "chancery.core.uploads.RequestSizeLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so that it sees the outcome of authentication (django-axes' rule).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "chancery.urls"
WSGI_APPLICATION = "chancery.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "chancery.core.context_processors.shell",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web server read while the worker writes; IMMEDIATE takes the write lock at
        # BEGIN so that two writers wait for each other instead of failing half-way.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# A read replica (PostgreSQL streaming replication): optional. With it, GET and HEAD requests of the
# public side and the API read from it, everything else from the primary (core.replicas). A sender
# who wrote reads the primary for CHANCERY_PRIMARY_PIN_SECONDS after, longer than the replication
# lag is expected to be. In the tests the alias mirrors `default` (no second test database).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "").strip()
CHANCERY_READ_REPLICA = "replica" if DATABASE_REPLICA_URL else ""
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60, conn_health_checks=True)
    if {DATABASES["replica"]["ENGINE"], DATABASES["default"]["ENGINE"]} != {"django.db.backends.postgresql"}:
        raise ImproperlyConfigured("DATABASE_REPLICA_URL: a read replica is a PostgreSQL replica of DATABASE_URL's.")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
CHANCERY_PRIMARY_PIN_SECONDS = int(os.environ.get("CHANCERY_PRIMARY_PIN_SECONDS", "10"))
DATABASE_ROUTERS = ["chancery.core.replicas.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users and passwords --------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if ENV == "test":
    # Argon2 is deliberately slow; tests create hundreds of users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, refusing the demo password under production settings.
    "chancery.core.passwords.PasswordBackend",
    "chancery.core.authz.ActionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# The proxies (CIDRs) whose X-Forwarded-For is believed; none by default: the client's address is
# then the connection's (REMOTE_ADDR). Every limit keys on core.client.client_address.
CHANCERY_TRUSTED_PROXIES = env_list("CHANCERY_TRUSTED_PROXIES")
for _proxy in CHANCERY_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"CHANCERY_TRUSTED_PROXIES: {_proxy!r} is not an address or CIDR.") from None

# Login throttling (django-axes): after 5 failures for one user name from one address, that pair
# waits 15 minutes. Keyed on the pair so that an attacker cannot lock a colleague out from elsewhere;
# and an address that failed 20 times within that time, over any user names, waits too
# (core.lockout). Counts live in the database, shared by every process.
AXES_FAILURE_LIMIT = int(os.environ.get("CHANCERY_LOGIN_FAILURE_LIMIT", "5"))
CHANCERY_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("CHANCERY_LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("CHANCERY_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_HANDLER = "chancery.core.lockout.LoginLockout"
AXES_CLIENT_IP_CALLABLE = "chancery.core.client.client_address"

# --- Single sign-on (OpenID Connect, core.sso) ---------------------------------------------------
# Off unless CHANCERY_OIDC_DISCOVERY_URL names the identity provider's discovery document
# (`https://…/.well-known/openid-configuration`); the local login (with django-axes) stays either way,
# for development and emergencies. Authorization code flow with PKCE (S256); the ID token's signature
# is checked against the provider's published keys, its issuer, audience (our client id), expiry and
# nonce, and the `state` of the request that started the sign-in. The role and the entity come from
# two claims of the ID token; each value is mapped through the tables below, and a value not in them is
# refused (never a default role). See docs/OPERATIONS.md (Single sign-on).


def env_map(name: str) -> dict[str, str]:
    """`claim-value=ours,claim-value=ours` (a value may hold anything but `,`; the last `=` splits)."""
    mapping = {}
    for item in env_list(name):
        key, sep, value = item.rpartition("=")
        if not sep or not key.strip() or not value.strip():
            raise ImproperlyConfigured(f"{name}: {item!r} is not of the form claim-value=value.")
        mapping[key.strip()] = value.strip()
    return mapping


CHANCERY_OIDC_DISCOVERY_URL = os.environ.get("CHANCERY_OIDC_DISCOVERY_URL", "").strip()
CHANCERY_OIDC_CLIENT_ID = os.environ.get("CHANCERY_OIDC_CLIENT_ID", "").strip()
CHANCERY_OIDC_CLIENT_SECRET = os.environ.get("CHANCERY_OIDC_CLIENT_SECRET", "").strip()
CHANCERY_OIDC_SCOPES = os.environ.get("CHANCERY_OIDC_SCOPES", "openid profile email").strip()
# The name of the provider on the login page's button ("Aanmelden via …").
CHANCERY_OIDC_PROVIDER_NAME = os.environ.get("CHANCERY_OIDC_PROVIDER_NAME", "").strip()
CHANCERY_OIDC_ROLE_CLAIM = os.environ.get("CHANCERY_OIDC_ROLE_CLAIM", "role").strip()
CHANCERY_OIDC_ENTITY_CLAIM = os.environ.get("CHANCERY_OIDC_ENTITY_CLAIM", "entity").strip()
CHANCERY_OIDC_USERNAME_CLAIM = os.environ.get("CHANCERY_OIDC_USERNAME_CLAIM", "preferred_username").strip()
# Role claim value → Chancery role (admin, secretariat, minister, cabinet, civil_servant, expert, applicant).
CHANCERY_OIDC_ROLES = env_map("CHANCERY_OIDC_ROLES")
# Entity claim value → entity code (core.Entity.code). Empty: the claim holds the entity's code itself.
CHANCERY_OIDC_ENTITIES = env_map("CHANCERY_OIDC_ENTITIES")
if CHANCERY_OIDC_DISCOVERY_URL:
    for _name in ("CHANCERY_OIDC_CLIENT_ID", "CHANCERY_OIDC_CLIENT_SECRET", "CHANCERY_OIDC_ROLES"):
        if not globals()[_name]:
            raise ImproperlyConfigured(f"{_name} must be set when CHANCERY_OIDC_DISCOVERY_URL is.")
    if PRODUCTION and not CHANCERY_OIDC_DISCOVERY_URL.startswith("https://"):
        raise ImproperlyConfigured("CHANCERY_OIDC_DISCOVERY_URL must be an https address in production.")

# --- Caches ---------------------------------------------------------------------------------
# "shared" holds what every web process must count together (the API's rate limits): gunicorn runs
# several processes, and a per-process cache would multiply every limit by their number. Redis when
# CHANCERY_REDIS_URL is set (install the `redis` package), else a table of the database (made by
# migration core/0006, no createcachetable step). The test profile counts in memory, one process per
# test database; the tests of the limits use the database table. "default" stays per process.
CHANCERY_REDIS_URL = os.environ.get("CHANCERY_REDIS_URL", "").strip()
if CHANCERY_REDIS_URL:
    SHARED_CACHE = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CHANCERY_REDIS_URL}
elif ENV == "test":
    SHARED_CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"}
else:
    SHARED_CACHE = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "chancery_cache"}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": SHARED_CACHE,
}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "chancery_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("CHANCERY_STATIC_ROOT", VAR_DIR / "static"))
NODE_MODULES = Path(os.environ.get("CHANCERY_NODE_MODULES", BASE_DIR / "node_modules"))
# Third-party front-end files would come from npm (package.json's dependencies, served under
# vendor/), never from the repository; today the pages need none (htmx went, unused: ARCHITECTURE.md).
# npm's dev dependencies are the browser tests' (axe-core, read from NODE_MODULES).
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it, even before collectstatic
MEDIA_ROOT = Path(os.environ.get("CHANCERY_MEDIA_ROOT", VAR_DIR / "media"))
# Nothing serves MEDIA_URL: every document download goes through a permission check
# (core.views.document_download). The value only satisfies tools that expect a URL.
MEDIA_URL = "/_not-served/"
# The search index (portal.search.tantivy_index): derived from the database, so one per
# database (the demo, a benchmark archive and tests never share one).
_db_slug = re.sub(r"[^A-Za-z0-9]+", "-", DATABASE_URL.split("://", 1)[-1].rsplit("@", 1)[-1]).strip("-")
CHANCERY_SEARCH_INDEX = Path(os.environ.get("CHANCERY_SEARCH_INDEX", VAR_DIR / "search-index" / _db_slug[-80:]))
# This machine's name among the machines that each keep their own copy of that index (several web
# machines: give each its own, e.g. its host name); its worker takes the index's task from the queue
# "node-<name>" besides the ones it is given (core.background.machine_queue).
CHANCERY_SEARCH_NODE = os.environ.get("CHANCERY_SEARCH_NODE", "local").strip() or "local"
if not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", CHANCERY_SEARCH_NODE):
    raise ImproperlyConfigured("CHANCERY_SEARCH_NODE: letters, digits, '.', '_' or '-', at most 64")

S3_BUCKET = os.environ.get("CHANCERY_S3_BUCKET", "").strip()
if S3_BUCKET:
    DOCUMENT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("CHANCERY_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("CHANCERY_S3_REGION") or None,
            "access_key": os.environ.get("CHANCERY_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("CHANCERY_S3_SECRET_KEY") or None,
            # "path" for servers that do not answer on <bucket>.<host> (most S3-compatible ones on
            # an internal address); empty: the client's choice (virtual-hosted where it can).
            "addressing_style": os.environ.get("CHANCERY_S3_ADDRESSING_STYLE") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    DOCUMENT_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": None},
    }
STORAGES = {
    "default": DOCUMENT_STORAGE,
    "documents": DOCUMENT_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# `chancery import-decisions`: fetch the documents an imported record links to (off by default: the
# machine may have no way out, an export may link to thousands of files; decisions.importing.fetching).
CHANCERY_IMPORT_FETCH_DOCUMENTS = os.environ.get("CHANCERY_IMPORT_FETCH_DOCUMENTS", "0") == "1"

# Documents: 30 MB per file by default (Kaleidos' limit for attachments, reference/kaleidos.md §5).
CHANCERY_MAX_UPLOAD_BYTES = int(os.environ.get("CHANCERY_MAX_UPLOAD_BYTES", str(30 * 1024 * 1024)))
# An office file may unpack to at most this much, whatever its archive claims (zip-bomb guard).
CHANCERY_MAX_UNPACKED_BYTES = int(os.environ.get("CHANCERY_MAX_UNPACKED_BYTES", str(300 * 1024 * 1024)))
# ... and to at most this many times its own size (office XML compresses 5 to 20 times; a zip bomb
# a thousand times and more), once past the floor: a small file of repetitive XML stays accepted.
CHANCERY_MAX_UNPACKED_RATIO = int(os.environ.get("CHANCERY_MAX_UNPACKED_RATIO", "100"))
CHANCERY_UNPACKED_RATIO_FLOOR = 10 * 1024 * 1024
# A file attached to a form shown again with its errors is kept this long for its uploader
# (core.pending); one held by a saved draft stays as long as the draft.
CHANCERY_PENDING_UPLOAD_HOURS = int(os.environ.get("CHANCERY_PENDING_UPLOAD_HOURS", "24"))
# The feedback panel's public form (regulation.services.feedback): signals one address may send in an
# hour, counted in the shared cache like the API's limits.
CHANCERY_FEEDBACK_SIGNALS_PER_HOUR = int(os.environ.get("CHANCERY_FEEDBACK_SIGNALS_PER_HOUR", "5"))
# A request body larger than this is refused (413) before any of it is read: room for a form with a
# few files at the per-file limit (a cabinet's submission), not for a 300 MB body on the disk.
# A reverse proxy in front (nginx: `client_max_body_size`) should refuse the same.
CHANCERY_MAX_REQUEST_BYTES = int(
    os.environ.get("CHANCERY_MAX_REQUEST_BYTES", str(4 * CHANCERY_MAX_UPLOAD_BYTES + 1024 * 1024))
)
# Uploads above 2 MB go to a temporary file, not memory; the other fields of a request (a form, a
# JSON body) may take at most 2.5 MB (Django's default, stated here on purpose).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- Digital signatures -------------------------------------------------------------------------
# PEM files of the certificate authorities whose signing certificates are trusted. Outside
# production, the demo authority made by `chancery demo` is trusted when it exists.
CHANCERY_SIGNING_TRUST_ROOTS = env_list("CHANCERY_SIGNING_TRUST_ROOTS")
# The RFC 3161 time-stamp authority every signature is time-stamped by (PAdES B-T and B-LT). Its
# certificate must chain to one of the trust roots above. Without one (and without the local
# testing authority below) signatures are PAdES B-B, and signing says so.
CHANCERY_SIGNING_TSA_URL = os.environ.get("CHANCERY_SIGNING_TSA_URL", "")
# Outside production only: a PEM file with the certificate and key of a local, in-process
# time-stamp authority (pyHanko's testing TSA), for the demo and the tests; `chancery demo` makes one.
CHANCERY_SIGNING_LOCAL_TSA = "" if PRODUCTION else os.environ.get("CHANCERY_SIGNING_LOCAL_TSA", "")
# Revocation data embedded in signatures (the DSS, PAdES B-LT): fetched online from the
# certificates' OCSP responders and CRL addresses in production; CRL files (PEM) given here are
# used as well (the demo authority's list, which no server publishes).
CHANCERY_SIGNING_FETCH_REVOCATION = (
    os.environ.get("CHANCERY_SIGNING_FETCH_REVOCATION", "1" if PRODUCTION else "0") == "1"
)
CHANCERY_SIGNING_CRLS = env_list("CHANCERY_SIGNING_CRLS")
# The organisation's electronic seal, which signs the documents it issues itself (licences,
# refusal letters): a PEM file with the seal certificate (then its chain) and private key, the key
# encrypted with the passphrase below or not at all. Unset: those documents are issued unsigned.
CHANCERY_SIGNING_SEAL = os.environ.get("CHANCERY_SIGNING_SEAL", "")
CHANCERY_SIGNING_SEAL_PASSPHRASE = os.environ.get("CHANCERY_SIGNING_SEAL_PASSPHRASE", "")
# Strategic goods: the XML Schema of the EU sanctions export that the operator downloads with the
# list (validated against when set; our own checks run in every case), and the least score of a
# name that screening reports.
CHANCERY_SANCTIONS_SCHEMA = os.environ.get("CHANCERY_SANCTIONS_SCHEMA", "")
CHANCERY_SCREENING_THRESHOLD = int(os.environ.get("CHANCERY_SCREENING_THRESHOLD", "80"))

# /health/ready (chancery.operations.health): a node is not ready when the oldest task due has waited
# longer than this, or changes have waited longer for the search index (seconds; 0: not checked).
CHANCERY_READY_MAX_TASK_AGE = int(os.environ.get("CHANCERY_READY_MAX_TASK_AGE", "900"))
# How often each worker looks for tasks left running by a worker that died (core.worker_leases).
CHANCERY_WORKER_RECOVERY_SECONDS = float(os.environ.get("CHANCERY_WORKER_RECOVERY_SECONDS", "10"))
# EU files: how many days before a transposition deadline the pages warn (a house rule of the
# department, not a figure from law; eu_files.rules.warning_days reads it).
CHANCERY_EU_DEADLINE_WARNING_DAYS = int(os.environ.get("CHANCERY_EU_DEADLINE_WARNING_DAYS", "90"))
CHANCERY_READY_MAX_SEARCH_LAG = int(os.environ.get("CHANCERY_READY_MAX_SEARCH_LAG", "900"))
# Who may read /metrics (chancery.operations.metrics): these networks (CIDRs, comma-separated; the
# loopback outside production, none in production) or a bearer token. Anyone else gets 404.
CHANCERY_METRICS_ALLOWED_NETWORKS = env_list(
    "CHANCERY_METRICS_ALLOWED_NETWORKS", "" if PRODUCTION else "127.0.0.0/8,::1/128"
)
for _network in CHANCERY_METRICS_ALLOWED_NETWORKS:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"CHANCERY_METRICS_ALLOWED_NETWORKS: {_network!r} is not an address or CIDR."
        ) from None
CHANCERY_METRICS_TOKEN = os.environ.get("CHANCERY_METRICS_TOKEN", "")
if not PRODUCTION and (VAR_DIR / "signing" / "demo-ca.pem").exists():
    CHANCERY_SIGNING_TRUST_ROOTS.append(str(VAR_DIR / "signing" / "demo-ca.pem"))
# The demo's revocation list, time-stamp authority and seal: in development only (the tests make
# their own, core.testing.signing_authority, and must not depend on what a demo left in var/).
if ENV == "development" and (VAR_DIR / "signing" / "demo-ca.pem").exists():
    if (VAR_DIR / "signing" / "demo-ca.crl").exists():
        CHANCERY_SIGNING_CRLS.append(str(VAR_DIR / "signing" / "demo-ca.crl"))
    if not CHANCERY_SIGNING_LOCAL_TSA and (VAR_DIR / "signing" / "demo-tsa.pem").exists():
        CHANCERY_SIGNING_LOCAL_TSA = str(VAR_DIR / "signing" / "demo-tsa.pem")
    if not CHANCERY_SIGNING_SEAL and (VAR_DIR / "signing" / "demo-seal.pem").exists():
        CHANCERY_SIGNING_SEAL = str(VAR_DIR / "signing" / "demo-seal.pem")

# --- Publication in the Belgian Official Gazette -------------------------------------------------
# Working days allowed for a translation and for a proof to come back. These are house service
# levels of the publications team, not statutory terms (no legal source sets them); adjust here.
CHANCERY_PUBLICATION_TERMS = {
    "translation": {"normal": 10, "urgent": 3},
    "proof": {"normal": 5, "urgent": 2},
}

# --- Linked data --------------------------------------------------------------------------------
# The governing body whose decisions these are, as the Flemish Government publishes itself in its
# mandatee database (Kaleidos/Themis, themis-mandatarissen-public.ttl): the Vlaamse Regering
# (classification Gewestregering) governs the Vlaamse Gemeenschap (classification Gemeenschap);
# its area is the Flemish Region (NIS code 02000, Belgif REFNIS 2019). Another government sets its own.
CHANCERY_GOVERNING_BODY = {
    "uri": "http://themis.vlaanderen.be/id/bestuursorgaan/7f2c82aa-75ac-40f8-a6c3-9fe539163025",
    "label": "Vlaamse Regering",
    "classification": (
        "http://themis.vlaanderen.be/id/concept/bestuursorgaan-classificatie/9682bad6-9c85-4eeb-9ac1-bba21666469a",
        "Gewestregering",
    ),
    "unit": {
        "uri": "http://themis.vlaanderen.be/id/bestuurseenheid/60d0dc2ab1838d01fca7db64",
        "label": "Vlaamse Gemeenschap",
        "classification": (
            "http://themis.vlaanderen.be/id/concept/bestuurseenheid-classificatie/60d0dc2ab1838d01fca7db63",
            "Gemeenschap",
        ),
        "area": {"uri": "http://vocab.belgif.be/auth/refnis2019/02000", "label": "Vlaams Gewest"},
    },
}

# --- REST API -----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "chancery.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "chancery.api.pagination.Cursor",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "chancery.api.filters.Ordering",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "chancery.api.exceptions.problem_details",
    "DEFAULT_THROTTLE_CLASSES": ["chancery.api.throttling.PerClientThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        # The test suite makes many calls from one address in a minute; it tests the limit itself.
        "anonymous": os.environ.get("CHANCERY_API_RATE_ANONYMOUS", "100000/min" if ENV == "test" else "120/min"),
        "token": os.environ.get("CHANCERY_API_RATE_TOKEN", "100000/min" if ENV == "test" else "1200/min"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Chancery API",
    "DESCRIPTION": "Meetings, agenda items, decisions, dossiers and documents of the Government. "
    "Anonymous callers see what the public portal shows.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # The same document on every database (integer limits); committed as api/openapi.yaml.
    "DEFAULT_GENERATOR_CLASS": "chancery.api.schema.SchemaGenerator",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "chancery.api.schema.problem_responses",
    ],
}

# Webhooks may call private addresses (a receiver on this machine) only outside production.
CHANCERY_WEBHOOK_ALLOW_PRIVATE_HOSTS = (
    os.environ.get("CHANCERY_WEBHOOK_ALLOW_PRIVATE_HOSTS", "0" if PRODUCTION else "1") == "1"
)

# --- Background tasks -----------------------------------------------------------------------
# The database is the queue: no broker to install; `chancery worker` runs the tasks.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "CHANCERY_TASK_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend" if ENV == "test" else "django_tasks_db.DatabaseBackend",
        ),
        # Any queue name: besides "default", one per machine ("node-<name>", see
        # CHANCERY_SEARCH_NODE), named by the nodes registered in the database, not in these settings.
        "QUEUES": [],
    }
}

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if CHANCERY_OIDC_DISCOVERY_URL:
    # The logout goes on to the provider's end-session endpoint: browsers hold the redirect that
    # follows the logout form to form-action. (An end-session endpoint at another host than the
    # discovery document: CHANCERY_OIDC_FORM_ACTION adds its origin.)
    _parts = urlsplit(CHANCERY_OIDC_DISCOVERY_URL)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] += [
        f"{_parts.scheme}://{_parts.netloc}",
        *env_list("CHANCERY_OIDC_FORM_ACTION"),
    ]
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("CHANCERY_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("CHANCERY_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_AGE = 8 * 3600

CHANCERY_LOG_FORMAT = os.environ.get("CHANCERY_LOG_FORMAT", "json" if PRODUCTION else "text")
if CHANCERY_LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"CHANCERY_LOG_FORMAT: {CHANCERY_LOG_FORMAT!r} is neither json nor text.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "refusal_without_traceback": {"()": "chancery.core.logs.RefusalWithoutTraceback"},
        "offline_revocation_notice": {"()": "chancery.core.logs.OfflineRevocationNotice"},
        "request_context": {"()": "chancery.core.logs.RequestContext"},
    },
    # CHANCERY_LOG_FORMAT: "json" (one object a line, for a log collector; the default in production)
    # or "text" (the message alone, for a developer's console).
    "formatters": {"json": {"()": "chancery.core.logs.JsonFormatter"}, "text": {"format": "%(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_context"],
            "formatter": CHANCERY_LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("CHANCERY_LOG_LEVEL", "INFO")},
    # The console is for what an operator needs: the PDF libraries' progress steps, the CSS they
    # ignore and font subsetting flooded `make run` (CHANCERY_PDF_LOG_LEVEL=INFO brings them back).
    "loggers": {
        "axes": {"level": "WARNING"},
        "django.request": {"filters": ["refusal_without_traceback"]},
        "weasyprint": {"level": os.environ.get("CHANCERY_PDF_LOG_LEVEL", "ERROR")},
        "fontTools": {"level": os.environ.get("CHANCERY_PDF_LOG_LEVEL", "ERROR")},
        "pydyf": {"level": os.environ.get("CHANCERY_PDF_LOG_LEVEL", "ERROR")},
        "pyhanko.sign.signers.pdf_signer": {"filters": ["offline_revocation_notice"]},
    },
}

# Static files are served by WhiteNoise from STATIC_ROOT (`collectstatic`); outside production it
# also looks in the apps, so a changed stylesheet shows without collecting again.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
