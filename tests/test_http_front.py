"""The HTTP cache in front (deploy/nginx.conf.template, `make serve`): it stores public pages, never what is private,
is purged on every change, and keeps answering with its copies while Django is down.

Runs the production settings under gunicorn behind Debian's nginx with its cache-purge module, on the home
page the migrations make (a SQLite file of its own). Without nginx the tests skip, except in CI.
"""

import os
import subprocess
import sys
import time

import pytest

from bench import server
from deploy import front

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("http_front")]


def edit_home_page(database_url, front_url, code):
    """Run ``code`` with Django set up, as an editor's request would: same database, same purge setting."""
    env = server.production_env(0, database_url=database_url)
    env["FRONTEND_CACHE"] = front_url
    script = "import django\ndjango.setup()\nfrom wagtail.models import Page\n"
    script += "home = Page.objects.get(depth=2).specific\n" + code
    done = subprocess.run([sys.executable, "-c", script], cwd=server.ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """gunicorn on one port, nginx in front of it on another; yields (front URL, database URL, gunicorn)."""
    needs = front.missing()
    if needs:
        reason = f"{', '.join(needs)} not installed ({front.INSTALL})"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("front")
    database_url = f"sqlite:///{folder / 'db.sqlite3'}"
    django_port, front_port = server.free_port(), server.free_port()
    front_url = server.base_url(front_port)
    server.prepare(django_port, database_url=database_url, content=False)
    config = front.render(
        folder / "nginx",
        listen=f"{server.HOST}:{front_port}",
        server_names=[server.HOST, "localhost"],
        upstream=f"{server.HOST}:{django_port}",
        static_root=server.ROOT / "staticfiles",
    )
    environment = {"FRONTEND_CACHE": front_url, "WAGTAILADMIN_BASE_URL": front_url}
    with server.production_server(
        django_port, redis=False, workers=1, database_url=database_url, environment=environment
    ) as django_url:
        nginx = front.start(config)
        try:
            server.wait_healthy(front_url, nginx)
            yield {"url": front_url, "database_url": database_url, "django_url": django_url, "nginx": nginx}
        finally:
            front.stop(nginx)


def get(url, **headers):
    status, response_headers, body = server.fetch(url, headers=headers)
    return status, response_headers.get("X-Cache-Status"), body.decode(errors="replace")


def test_public_pages_are_stored_and_served_by_the_front(site):
    url = site["url"] + "/en/"
    first, second = get(url), get(url)
    assert (first[0], second[0]) == (200, 200)
    assert first[1] in ("MISS", "EXPIRED") and second[1] == "HIT"
    assert second[2] == first[2]


def test_sessions_query_strings_and_the_admin_always_reach_django(site):
    url = site["url"] + "/en/"
    get(url)
    assert get(url, Cookie="sessionid=abc")[1] == "BYPASS"
    assert get(url + "?q=kalmar")[1] == "BYPASS"
    assert get(site["url"] + "/admin/login/")[1] is None, "the admin is never looked up in the cache"
    assert get(site["url"] + "/admin/login/")[0] == 200


def test_a_publish_shows_at_the_next_request_through_the_front(site):
    url = site["url"] + "/en/"
    get(url)
    assert get(url)[1] == "HIT"
    publish = 'home.title = "Freshly published"\nhome.save_revision().publish()'
    edit_home_page(site["database_url"], site["url"], publish)
    status, cache_status, body = get(url)
    assert status == 200 and "Freshly published" in body
    assert cache_status in ("MISS", "EXPIRED")


def test_a_draft_changes_nothing_visitors_see(site):
    url = site["url"] + "/en/"
    get(url)
    edit_home_page(site["database_url"], site["url"], 'home.title = "Only a draft"\nhome.save_revision()')
    assert "Only a draft" not in get(url)[2]


def test_a_host_the_front_does_not_serve_is_refused_before_django_and_the_cache(site):
    with pytest.raises(OSError):
        server.fetch(site["url"] + "/en/", headers={"Host": "attacker.example"})


@pytest.mark.parametrize("path", ["/en/search/", "/admin/login/", "/_util/login/"])
def test_a_large_body_is_refused_at_the_front(site, path):
    """Public and sign-in addresses take 64 KB at most; Django refuses the same again (tests/test_request_size.py)."""
    import urllib.request

    request = urllib.request.Request(site["url"] + path, data=b"x" * 200_000, method="POST")
    try:
        urllib.request.urlopen(request, timeout=10)  # nosec B310 - the local front
        status = 200
    except urllib.error.HTTPError as error:
        status = error.code
    assert status == 413


def test_while_django_is_down_stored_pages_are_still_served_and_others_get_a_translated_503(site):
    """Last: stops gunicorn. A stored page is served stale; an address never stored gets the 503 page."""
    url = site["url"] + "/en/"
    get(url)
    assert get(url)[1] == "HIT"
    subprocess.run(["pkill", "-TERM", "-f", site["django_url"].split("//")[1]], check=False)
    time.sleep(2)
    status, cache_status, body = get(url)
    assert status == 200 and cache_status in ("HIT", "STALE")
    status, _cache, body = get(site["url"] + "/tr/")
    assert status == 503
    assert "geçici olarak kullanılamıyor" in body and "tillfälligt otillgänglig" in body
