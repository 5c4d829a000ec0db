"""Settings for Earned Secure: one file, every value from the environment, loud on bad values.

Local-first defaults: SQLite in a per-user data folder, no outbound calls, secrets generated on first run
and kept in that folder with mode 0600. ``DATABASE_URL`` switches to PostgreSQL. ``EARNEDSECURE_HTTPS=1``
turns on the settings a server on the internet needs (``manage check --deploy`` passes with it).
"""

import ipaddress
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from platformdirs import user_data_dir

BASE_DIR = Path(__file__).resolve().parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of {sorted(_TRUE | _FALSE - {''})}, not {value!r}")


def envint(name: str, default: int, *, minimum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}")
    return number


def envstr(name: str, default: str) -> str:
    return os.environ.get(name, default)


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DATA_DIR = Path(envstr("EARNEDSECURE_DATA_DIR", user_data_dir("earnedsecure", appauthor=False))).expanduser()
DATA_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)
DATA_DIR.chmod(0o700)  # mkdir's mode is cut by the umask and leaves an existing folder as it was


def _secret_file(name: str, make) -> str:
    """Read a secret from ``<NAME>_FILE``, ``<NAME>`` or a generated file in the data folder (mode 0600)."""
    env_name = f"EARNEDSECURE_{name.upper()}"
    if os.environ.get(f"{env_name}_FILE"):
        return Path(os.environ[f"{env_name}_FILE"]).read_text(encoding="utf-8").strip()
    if os.environ.get(env_name):
        return os.environ[env_name]
    path = DATA_DIR / name
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(make())
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_file("secret_key", lambda: secrets.token_urlsafe(64))
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("EARNEDSECURE_SECRET_KEY must be at least 50 characters long")
SECRET_KEY_FALLBACKS = envlist("EARNEDSECURE_SECRET_KEY_FALLBACKS", [])

# Field encryption keys live outside the database (see core/crypto.py). The first key encrypts, all decrypt.
FIELD_KEYS_FILE = Path(envstr("EARNEDSECURE_FIELD_KEYS_FILE", str(DATA_DIR / "field_keys")))
# Each person's own data key, wrapped by the master key, lives in this small file, never in the main database,
# whichever database that is (core/keystore.py). Its backups go to KEY_BACKUP_DIR and are kept at most
# KEY_BACKUP_DAYS: after that, no copy of a deleted person's key is left anywhere the app writes.
PERSON_KEYS_FILE = Path(envstr("EARNEDSECURE_PERSON_KEYS_FILE", str(DATA_DIR / "person_keys.sqlite3")))
KEY_BACKUP_DIR = Path(envstr("EARNEDSECURE_KEY_BACKUP_DIR", str(DATA_DIR / "key-backups")))
KEY_BACKUP_DAYS = envint("EARNEDSECURE_KEY_BACKUP_DAYS", 7, minimum=1)

DEBUG = envbool("EARNEDSECURE_DEBUG", False)
HTTPS = envbool("EARNEDSECURE_HTTPS", False)
ALLOWED_HOSTS = envlist("EARNEDSECURE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("EARNEDSECURE_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = envstr("EARNEDSECURE_SITE_URL", "http://localhost:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Our apps first so their templates override allauth's.
    "earnedsecure.core",
    "earnedsecure.accounts",
    "earnedsecure.assessments",
    "earnedsecure.diary",
    "earnedsecure.coach",
    "earnedsecure.journey",
    "earnedsecure.partners",
    "earnedsecure.care",
    "earnedsecure.research",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "earnedsecure.core.logs.request_id",  # first: every answer (a refusal too) carries the request's id
    "earnedsecure.core.failsafe.request_size_limit",  # then a too-big body is refused before anything reads it
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "earnedsecure.core.middleware.privacy_headers",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "earnedsecure.core.middleware.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "earnedsecure.core.middleware.LoginRequiredMiddleware",
    "earnedsecure.core.middleware.SessionTimeoutMiddleware",
    "earnedsecure.accounts.middleware.ConsentMiddleware",
    "earnedsecure.accounts.middleware.PersonTimeZoneMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "earnedsecure.urls"
WSGI_APPLICATION = "earnedsecure.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "earnedsecure.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database address we understand: {error}") from None
    # A slow database holds a request no longer than this (checklist item 79): PostgreSQL cancels the statement
    # and the request answers 503 with the crisis link (core/failsafe.py), as when the database is down. SQLite's
    # own bound is its busy timeout (EARNEDSECURE_SQLITE_TIMEOUT). 0 switches it off, for a long migration say.
    _statement_timeout_ms = envint("EARNEDSECURE_DB_STATEMENT_TIMEOUT_MS", 30_000, minimum=0)
    if _statement_timeout_ms and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        _options = DATABASES["default"].setdefault("OPTIONS", {})
        _options["options"] = f"{_options.get('options', '')} -c statement_timeout={_statement_timeout_ms}".strip()
    # Checklist item 62: a server on the internet (EARNEDSECURE_HTTPS=1) reaches a PostgreSQL on another machine
    # only over TLS with the server's certificate and name checked: libpq's sslmode=verify-full, set when the
    # URL names no mode, and a URL asking for less is refused. On this machine (a socket folder, localhost or a
    # loopback address) nothing travels over a network, and whoever could read it could read the data folder's
    # keys as well, so there the URL decides. deploy/README.md, "The database connection".
    _database = DATABASES["default"]
    _host = _database.get("HOST") or ""
    try:
        _on_this_machine = (
            not _host or _host.startswith("/") or _host == "localhost" or ipaddress.ip_address(_host).is_loopback
        )
    except ValueError:
        _on_this_machine = False
    if HTTPS and _database["ENGINE"] == "django.db.backends.postgresql" and not _on_this_machine:
        _sslmode = _database.setdefault("OPTIONS", {}).setdefault("sslmode", "verify-full")
        if _sslmode != "verify-full":
            raise ImproperlyConfigured(
                f"DATABASE_URL asks for sslmode={_sslmode} to {_host}: with EARNEDSECURE_HTTPS=1 a database on "
                "another machine is reached with sslmode=verify-full (add sslrootcert=system, or the path of "
                "the database's CA certificate, to the URL), or through a socket or 127.0.0.1 on this machine"
            )
else:
    SQLITE_PATH = DATA_DIR / "earnedsecure.sqlite3"
    # The database is made here, empty and 0600, before SQLite opens it: SQLite gives its -wal and -shm files
    # the main file's mode, so all three stay private. Files left 0644 by an older version are closed up.
    os.close(os.open(SQLITE_PATH, os.O_WRONLY | os.O_CREAT, 0o600))
    for _suffix in ("", "-wal", "-shm"):
        if Path(f"{SQLITE_PATH}{_suffix}").exists():
            Path(f"{SQLITE_PATH}{_suffix}").chmod(0o600)
    if PERSON_KEYS_FILE.resolve() == SQLITE_PATH.resolve():
        raise ImproperlyConfigured("EARNEDSECURE_PERSON_KEYS_FILE must not be the main database")
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            # WAL lets readers and one writer work at once; IMMEDIATE takes the write lock at BEGIN so two
            # writers queue on the busy timeout instead of failing with "database is locked" mid-transaction.
            "OPTIONS": {
                "timeout": envint("EARNEDSECURE_SQLITE_TIMEOUT", 30, minimum=1),
                "transaction_mode": "IMMEDIATE",
                # secure_delete overwrites deleted rows with zeros: a deleted person's text stays in no free page.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA secure_delete=ON;"
                ),
            },
            "TEST": {"NAME": None},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds allauth's rate limits (failed sign-ins, sign-ups, resets). One person's machine: in memory.
# Several app servers: "database", one table in the same database (`earnedsecure manage createcachetable`), so a
# limit counts every server's attempts, not each server's own (docs/scaling.md says why not Redis).
CACHE = envstr("EARNEDSECURE_CACHE", "local").strip().lower()
if CACHE == "local":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif CACHE == "database":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "earnedsecure_cache"}}
else:
    raise ImproperlyConfigured(f"EARNEDSECURE_CACHE must be 'local' or 'database', not {CACHE!r}")

# --- Accounts --------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# A refused sign-in costs the same hashing whether or not the name or address typed has an account
# (checklist item 13): both backends hash the password for a name nobody has; ours checks each address once.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "earnedsecure.accounts.backends.SignInBackend",  # allauth's, see accounts/backends.py
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"
PASSWORD_RESET_TIMEOUT = 60 * 60

ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]  # with mail on, email* too (see Mail)
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# The email address changes only through allauth's own flow: the password again (re-authentication), a link
# to the new address, and the old one stays until that link is followed; then the old address is told
# (notifications), as it is of password and two-step sign-in changes. One account per address.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
# allauth's forms with the app's own labels (accounts/allauth_forms.py); the reset form also checks the address.
_FORMS = "earnedsecure.accounts.allauth_forms."
ACCOUNT_FORMS = {
    "login": _FORMS + "SignInForm",
    "signup": _FORMS + "NewAccountForm",
    "change_password": _FORMS + "PasswordChangeForm",
    "set_password": _FORMS + "PasswordSetForm",
    "reset_password": _FORMS + "VerifiedOnlyResetPasswordForm",
    "reset_password_from_key": _FORMS + "NewPasswordFromLinkForm",
    "reauthenticate": _FORMS + "PasswordAgainForm",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_ADAPTER = "earnedsecure.accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "earnedsecure.accounts.forms.SignupSafetyForm"  # crisis-lines country, 18 or older
# Behind a reverse proxy every request comes from the proxy. Only when the operator says how many proxies
# stand in front (each appends the address it saw to X-Forwarded-For) is that header believed, and then only
# the entry the last trusted proxy added; otherwise it is whatever the client wrote, and REMOTE_ADDR counts.
# allauth's rate limits and axes's lockout both read the address through this one rule (accounts/adapter.py).
TRUSTED_PROXY_COUNT = envint("EARNEDSECURE_TRUSTED_PROXY_COUNT", 0, minimum=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# Failed logins: axes throttles per (username, network of the address), so a partner who knows the username
# cannot lock its owner out from another network; the per-address limit caps one machine spraying many names; and a per-account
# cap, far above what one address may try, stops one account being guessed from many addresses. It is keyed
# on what was typed in the sign-in box, lower-cased (a name and an address count separately).
LOGIN_ACCOUNT_FAILURES_PER_HOUR = envint("EARNEDSECURE_LOGIN_ACCOUNT_FAILURES_PER_HOUR", 100, minimum=1)
ACCOUNT_RATE_LIMITS = {
    "login_failed": f"30/m/ip,{LOGIN_ACCOUNT_FAILURES_PER_HOUR}/h/key",
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# A passkey or security key (WebAuthn) is a second step after the password, as the app is: never instead of
# the password (MFA_PASSKEY_LOGIN_ENABLED stays off), since a passkey on a shared phone opens with that phone's
# PIN, which someone close may know. The key's origin is always checked: fido2 accepts http://localhost as
# browsers do, so MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN (which accepts any origin) stays off, tests included.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_ADAPTER = "earnedsecure.accounts.adapter.MFAAdapter"  # secrets encrypted at rest
MFA_TOTP_ISSUER = "Earned Secure"
MFA_FORMS = {
    "authenticate": _FORMS + "TwoStepCodeForm",
    "reauthenticate": _FORMS + "TwoStepCodeAgainForm",
    "activate_totp": _FORMS + "TwoStepActivateForm",
    "add_webauthn": _FORMS + "PasskeyAddForm",
    "edit_webauthn": _FORMS + "PasskeyRenameForm",
}
USERSESSIONS_TRACK_ACTIVITY = False

# Throttle by the pair (username, network of the address: IPv4 /24, IPv6 /48): a partner who knows the username
# cannot lock the owner out from another network. A looser per-address limit stops one machine from spraying
# many usernames.
AXES_FAILURE_LIMIT = envint("EARNEDSECURE_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "earnedsecure.accounts.adapter.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# No record of each successful sign-in with its full address and browser string (checklist item 10): the person's
# own security log notes sign-ins without them, and lockouts rest on the failures, which axes still counts.
AXES_DISABLE_ACCESS_LOG = True
# axes keeps of each failed try only the network and the browser in words, as allauth's list of signed-in
# browsers does (checklist item 10): the callable hands it the network, the handler the words.
AXES_CLIENT_IP_CALLABLE = "earnedsecure.accounts.adapter.client_network"
AXES_HANDLER = "earnedsecure.accounts.failed_sign_ins.FailedSignInHandler"

# --- Sessions --------------------------------------------------------------------------------------------
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 12 * 60 * 60  # absolute limit; idle limit below is enforced by SessionTimeoutMiddleware
SESSION_IDLE_SECONDS = envint("EARNEDSECURE_SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A refused form answers with the app's own page and the words the person typed (core/failsafe.py).
CSRF_FAILURE_VIEW = "earnedsecure.core.failsafe.csrf_failure"

# --- Security headers -------------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
SILENCED_SYSTEM_CHECKS = [
    "security.W003",  # CSRF middleware is on: our subclass of Django's (core/middleware.py); a test checks it
    "security.W021",  # HSTS preload is opt-in (EARNEDSECURE_HSTS_PRELOAD) once a domain owner has tested it
]
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

if HTTPS:
    SECURE_SSL_REDIRECT = envbool("EARNEDSECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = (
        ("HTTP_X_FORWARDED_PROTO", "https") if envbool("EARNEDSECURE_BEHIND_PROXY", False) else None
    )
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("EARNEDSECURE_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# --- security.txt (RFC 9116) ---------------------------------------------------------------------------------
# Where to report a vulnerability in this installation: a mailto: or https: address the operator reads. Unset,
# /.well-known/security.txt answers 404: better no file than an address nobody reads.
SECURITY_CONTACT = envstr("EARNEDSECURE_SECURITY_CONTACT", "").strip()
if SECURITY_CONTACT and not SECURITY_CONTACT.startswith(("mailto:", "https://")):
    raise ImproperlyConfigured(
        f"EARNEDSECURE_SECURITY_CONTACT must start with mailto: or https://, not {SECURITY_CONTACT!r}"
    )

# --- Request limits (core/failsafe.py) ----------------------------------------------------------------------
# The largest form is a few boxes of 5,000 characters (domain/limits.py); 1 MiB leaves room for any of them,
# percent-encoded, and refuses the 300 MB anonymous POST by its Content-Length. There are no file uploads.
REQUEST_BODY_MAX_BYTES = 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_MAX_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_MAX_BYTES
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

# --- Static files -----------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(envstr("EARNEDSECURE_STATIC_ROOT", str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# --- Mail -------------------------------------------------------------------------------------------------
EMAIL_HOST = envstr("EARNEDSECURE_EMAIL_HOST", "")
# Every mail is queued and delivered by the background worker with EMAIL_DELIVERY_BACKEND, retried while the
# mail server is down (core/mail.py): a sign-up or a password reset never fails because of it.
EMAIL_BACKEND = "earnedsecure.core.mail.QueuedEmailBackend"
if EMAIL_HOST:
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EARNEDSECURE_EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = envstr("EARNEDSECURE_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = envstr("EARNEDSECURE_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EARNEDSECURE_EMAIL_TLS", True)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
# With real mail, sign-up needs a verified address; that is also what lets allauth answer a taken address
# exactly like a new one (a mail goes to the owner only), so sign-up cannot be used to find out who has an
# account. Without mail (the local default) nothing can be verified, so allauth could only answer a taken
# address with "already registered": sign-up then asks for no address at all. (A taken username is still
# refused, as two people cannot share one; the sign-up rate limit slows anyone listing them.)
ACCOUNT_EMAIL_VERIFICATION = "mandatory" if EMAIL_HOST else "none"
if EMAIL_HOST:
    ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
DEFAULT_FROM_EMAIL = envstr("EARNEDSECURE_EMAIL_FROM", "Notebook <notebook@localhost>")

# --- Background tasks (reminders): Django's task framework (backport) with a database-backed queue -----------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Product ----------------------------------------------------------------------------------------------
# Titles and email subjects use this neutral name so a glance at a tab or an inbox reveals nothing.
NEUTRAL_NAME = envstr("EARNEDSECURE_NEUTRAL_NAME", "Notebook")
QUICK_EXIT_URL = envstr("EARNEDSECURE_QUICK_EXIT_URL", "https://www.bbc.com/weather")
DEFAULT_COUNTRY = envstr("EARNEDSECURE_DEFAULT_COUNTRY", "").upper()
DISABLED_INSTRUMENTS = envlist("EARNEDSECURE_DISABLED_INSTRUMENTS", [])

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Logs: plain text on standard error for one person; EARNEDSECURE_LOG_FORMAT=json for a server: one JSON object a
# line on standard output, a line per request (route name, status, time), and no personal data (core/logs.py).
LOG_FORMAT = envstr("EARNEDSECURE_LOG_FORMAT", "plain").strip().lower()
LOG_LEVEL = envstr("EARNEDSECURE_LOG_LEVEL", "WARNING").strip().upper()
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured(f"EARNEDSECURE_LOG_FORMAT must be 'plain' or 'json', not {LOG_FORMAT!r}")
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"EARNEDSECURE_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {LOG_LEVEL!r}"
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "earnedsecure.core.logs.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"}
        if LOG_FORMAT == "plain"
        else {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
if LOG_FORMAT == "json":
    MIDDLEWARE.insert(1, "earnedsecure.core.logs.request_log")  # after the id: it times and sees every answer
    # The request line and the security events (core/logs.py), whatever the level.
    LOGGING["loggers"] = {"earnedsecure.request": {"level": "INFO"}, "earnedsecure.security": {"level": "INFO"}}
