"""Django in-process, under the production settings and the bench database (run by bench/server.py).

    probe.py urls               the benchmarked addresses, found in the loaded content
    probe.py queries URL...     SQL queries of one request to each URL, after one warm-up request

Prints one line of JSON.
"""

import json
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tusenet.settings.production")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from partnerships.models import (  # noqa: E402
    HomePage,
    MunicipalityPage,
    NetworkIndexPage,
    NetworkPage,
)

NETWORK_NUMBER = 3
MUNICIPALITY_SLUG = "kalmar"
SEARCH_QUERY = "kalmar"


def only_url(queryset, what):
    urls = [page.url for page in queryset.live()]
    if len(urls) != 1:
        raise SystemExit(f"expected one live {what}, found {urls}")
    return urls[0]


def urls():
    found = []
    for language, _name in settings.LANGUAGES:
        locale = Locale.objects.get(language_code=language)
        pages = [
            ("home", HomePage.objects.filter(locale=locale)),
            (f"network {NETWORK_NUMBER}", NetworkPage.objects.filter(locale=locale, network__number=NETWORK_NUMBER)),
            (
                f"municipality ({MUNICIPALITY_SLUG.title()})",
                MunicipalityPage.objects.filter(locale=locale, municipality__slug=MUNICIPALITY_SLUG),
            ),
            ("networks index", NetworkIndexPage.objects.filter(locale=locale)),
        ]
        for kind, queryset in pages:
            found.append({"kind": kind, "language": language, "path": only_url(queryset, f"{kind} in {language}")})
        with translation.override(language):
            search = reverse("search")
        found.append({"kind": "search", "language": language, "path": f"{search}?q={SEARCH_QUERY}"})
    return found


def queries(paths):
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc
    client = Client(HTTP_HOST=host)
    counted = {}
    for path in paths:
        client.get(path)  # warm-up: per-process caches, connections
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        counted[path] = {
            "status": response.status_code,
            "queries": len(captured.captured_queries),
            "fragment_cache": settings.TUSENET_FRAGMENT_CACHE,
            "cache_backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        }
    return counted


if __name__ == "__main__":
    command, *arguments = sys.argv[1:] or ["urls"]
    if command == "urls":
        answer = urls()
    elif command == "queries":
        answer = queries(arguments)
    else:
        raise SystemExit(__doc__)
    print(json.dumps(answer))
