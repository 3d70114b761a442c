"""Production: every deploy-specific value comes from the environment.

Refuses to start without SECRET_KEY and ALLOWED_HOSTS (django-environ raises
ImproperlyConfigured when they are missing). Static files are collected at build
time and served compressed, with far-future caching for their hashed names, by
whitenoise; the cache (pages, fragments) is Redis when REDIS_URL is set.
"""

from . import scale_out
from .base import *  # noqa: F403
from .base import BASE_DIR, INSTALLED_APPS, MIDDLEWARE, env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# Admin e-mails and absolute page links: the public address, by default HTTPS on the first allowed host.
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default=f"https://{ALLOWED_HOSTS[0]}")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Mail (password resets, workflow notices) through the server EMAIL_URL names (smtp+tls://user:password@host:587);
# without one, each mail is written to the server's log instead of being lost (`make serve`).
globals().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=f"Tusenet <noreply@{ALLOWED_HOSTS[0]}>")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The load balancer's health check comes over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Cookies only over HTTPS; the session and CSRF cookies are out of reach of scripts (the admin
# reads its CSRF token from the page). The language cookie is written by static/js/site.js when
# a visitor picks a language, so it cannot be HttpOnly; it holds nothing but "en", "tr" or "sv".
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# PostgreSQL from DATABASE_URL (persistent, health-checked connections: a restarted database
# is reconnected at the next request), optional read replica.
globals().update(scale_out.database(env, default_url=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))

# A worker's memory would not see the content version another worker changed: a stale menu, or a page
# made private still listed. Without Redis, fragments are computed on every request.
TUSENET_FRAGMENT_CACHE = env.bool("FRAGMENT_CACHE", default=bool(env.str("REDIS_URL", default="")))

# Whitenoise right after the security middleware, as its documentation asks.
_SECURITY = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
MIDDLEWARE = [
    *MIDDLEWARE[: _SECURITY + 1],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_SECURITY + 1 :],
]
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Scale-out switches, each off unless its environment variables are set (docs/deploy.md).
globals().update(scale_out.replica_middleware(env, MIDDLEWARE))
globals().update(scale_out.sessions(env))
globals().update(scale_out.media_storage(env, STORAGES))
globals().update(scale_out.search_backends(env))
globals().update(scale_out.frontend_cache(env, INSTALLED_APPS))
