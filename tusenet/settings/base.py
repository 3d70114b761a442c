"""Settings shared by every environment.

Deploy-specific values (database, secret key, hosts) come from environment
variables through django-environ; the thin ``dev``, ``test`` and
``production`` modules only change what differs between them.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from . import sqlite

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "partnerships",
    "tusenet.i18n",
    "tusenet.editorial",
    "tusenet.ops",
    "tusenet.caching",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.redirects",
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
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tusenet.caching.content_version.OneVersionPerRequestMiddleware",
    "tusenet.ops.security.TusenetCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "tusenet.ops.session_cookie.IgnoreForgedSessionCookieMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tusenet.i18n.middleware.TusenetLocaleMiddleware",
    # Before the CSRF check, which reads the body (tusenet/ops/request_size.py).
    "tusenet.ops.request_size.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tusenet.i18n.admin_language.AdminLanguageMiddleware",
    "tusenet.editorial.middleware.TranslatorChooserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages, so that its confirmation is stored with the response.
    "tusenet.editorial.workflow_confirmation.WorkflowActionConfirmationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns a login refused by django-axes into its lockout page (tusenet/ops/admin_protection.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tusenet.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "tusenet.wsgi.application"

DATABASES = {
    "default": sqlite.for_concurrent_writers(env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_settings(redis_url):
    """Redis when a URL is given (shared by every worker and app server), else this process's memory.

    When Redis does not answer, django-redis answers "not cached" after a short timeout instead of
    failing: pages are then rendered from the database. Its connections then fail at once for a
    second (tusenet/connections/redis_connection.py, which logs the outage once), so that the hundreds of cache
    calls of a page rendered meanwhile cost nothing.
    """
    if redis_url:
        return {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": redis_url,
                "OPTIONS": {
                    "IGNORE_EXCEPTIONS": True,
                    "SOCKET_CONNECT_TIMEOUT": 0.5,
                    "SOCKET_TIMEOUT": 0.5,
                    "CONNECTION_POOL_CLASS": "tusenet.connections.redis_connection.FailFastConnectionPool",
                },
            }
        }
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}}


# Not one traceback per cache call while Redis is down (formatting them took most of a page's 7-12 s):
# tusenet/connections/redis_connection.py logs the outage once a second at most.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
CACHES = cache_settings(env.str("REDIS_URL", default=""))
# Menus, lists and the map are kept between requests until the content changes (tusenet/caching/).
# Local memory is per process: with several processes and no Redis, one process would not see the
# content version another one changed, so production keeps fragments only in Redis.
TUSENET_FRAGMENT_CACHE = env.bool("FRAGMENT_CACHE", default=True)
# What an HTTP cache in front (nginx of `make serve`, a CDN: FRONTEND_CACHE, scale_out.py) is purged of on
# every change (tusenet/caching/http_cache.py).
TUSENET_PUBLIC_ADDRESSES = "partnerships.public_addresses.every_address"

# Admin protection. django-axes checks every sign-in (the admin's and the front-end login of
# restricted pages) before the password is: after AXES_FAILURE_LIMIT failures for one username from
# one address, that pair is refused for AXES_COOLOFF_TIME, right password or not, with a translated page.
# Wagtail's front-end login (private pages) without ?next=: the language choice, not Django's /accounts/profile/.
LOGIN_REDIRECT_URL = "/"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "tusenet.ops.admin_protection.lockout_response"
# Failed attempts are what the lockout needs; successful sign-ins are not logged.
AXES_DISABLE_ACCESS_LOG = True


def client_address_settings(trusted_proxy_count):
    """Where django-axes (through django-ipware) reads a visitor's address.

    Without proxies in front of the site the address is REMOTE_ADDR, and X-Forwarded-For, which
    the visitor can write, is ignored. Behind ``trusted_proxy_count`` proxies that each append the
    address they received the request from, the visitor's address is that many entries from the
    right of X-Forwarded-For; entries further left came from the visitor and are ignored. ipware
    counts only the proxies after the first one, and must accept a longer chain (not strict).
    """
    if trusted_proxy_count < 1:
        return {"AXES_IPWARE_META_PRECEDENCE_ORDER": ["REMOTE_ADDR"], "AXES_IPWARE_PROXY_COUNT": None}
    return {
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ["HTTP_X_FORWARDED_FOR"],
        "AXES_IPWARE_PROXY_COUNT": trusted_proxy_count - 1,
        "IPWARE_STRICT": False,
    }


globals().update(client_address_settings(env.int("TRUSTED_PROXY_COUNT", default=0)))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: English is the source language; Turkish and Swedish
# are translated with wagtail-localize. LANGUAGE_CODE must be "en" before the
# first migrate, because Wagtail creates the first Locale row from it.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("tr", _("Turkish")),
    ("sv", _("Swedish")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Our interface strings first, then the Turkish and Swedish strings missing from
# Wagtail's and wagtail-localize's own catalogues (see tusenet/i18n/admin_catalogues.py).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "admin"]
# English dates day first (3 Dec 2026, 14:37) in the admin and reports, as the partners read them.
FORMAT_MODULE_PATH = ["tusenet.i18n.formats"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# Page slugs are ASCII in every language (the admin's slug field transliterates
# "Şırnak" to "sirnak"); see tusenet/i18n/slugs.py for the server side.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The switcher remembers a visitor's language for "/" in Django's language cookie.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"


def machine_translator(deepl_api_key):
    """wagtail-localize's machine translation: DeepL when a key is set, otherwise none (no button)."""
    if not deepl_api_key:
        return None
    return {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": deepl_api_key},
    }


if machine_translator(env.str("DEEPL_API_KEY", default="")):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(env.str("DEEPL_API_KEY"))

# New translations stay drafts until their strings are translated, instead of
# being published still in the source language.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
# Where `make backup` (manage.py backup_site) writes its archives; `make restore --force` its safety copies.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Tusenet"
# The admin would ask releases.wagtail.org for new versions, and gravatar.com for avatars:
# no third-party requests.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Shared passwords for private pages and document collections would be stored in plain text:
# pages and collections can be restricted to signed-in users or groups only.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}

# Uploads (tusenet/ops/uploads.py). Images: raster formats only (an SVG can carry scripts), and
# a pixel bound checked from the file's header before anything is decoded.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "tusenet.ops.image_form.ImageForm"
# Documents: office formats, PDF, CSV and text; always downloaded (Content-Disposition:
# attachment, typed by extension, nosniff), and always through the site, even from S3, so
# those headers and collection privacy apply to every download.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []

# Security headers (tusenet/ops/security.py). Public pages: scripts, styles, fonts and images only
# from the site itself, never inline; no framing. The admin keeps Wagtail working: inline scripts
# and styles, and its own previews in a frame.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "report-uri": ["/csp-report/"],
    }
}
TUSENET_ADMIN_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
    "report-uri": ["/csp-report/"],
}
# Previews: the public policy, framed by the admin only (tusenet/ops/security.py).
TUSENET_PREVIEW_CSP = {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "frame-ancestors": ["'self'"]}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features no page uses, switched off for every frame.
UNUSED_BROWSER_FEATURES = ["accelerometer", "camera", "geolocation", "gyroscope", "magnetometer"]
UNUSED_BROWSER_FEATURES += ["microphone", "payment", "usb"]
PERMISSIONS_POLICY = {feature: [] for feature in UNUSED_BROWSER_FEATURES}
