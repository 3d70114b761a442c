"""Security headers: a strict policy on public pages (cached or not), a working one in the admin."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from .production import BASIC, production_settings, run_in_production

pytestmark = pytest.mark.django_db


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


@pytest.fixture
def site(small_site):
    return small_site


def test_public_pages_have_a_strict_content_security_policy(client, site):
    url = site["networks"][3].url
    for _view in ("rendering the fragments", "reading them from the cache"):
        response = client.get(url)
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], "no inline or eval'd script"
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_errors_and_search_have_the_public_policy_too(client, site):
    for url in ("/en/no-such-page/", "/en/search/?q=kalmar"):
        assert directives(client.get(url)["Content-Security-Policy"])["script-src"] == ["'self'"], url


def test_the_admin_has_its_own_policy(admin_client_logged_in, site):
    page = site["networks"][3]
    for url in ("/admin/", f"/admin/pages/{page.pk}/edit/"):
        response = admin_client_logged_in.get(url)
        policy = directives(response["Content-Security-Policy"])
        assert policy["frame-ancestors"] == ["'self'"], url
        assert "'unsafe-eval'" not in policy["script-src"], url


def test_a_preview_of_a_draft_runs_no_script_from_content(admin_client_logged_in, site):
    """A draft (a translator's link override, say) is shown under the public policy, framed by the admin only."""
    page = site["networks"][3]
    page.title = "A draft"
    revision = page.save_revision()
    response = admin_client_logged_in.get(f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/")
    assert response.status_code == 200 and b"A draft" in response.content
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"], "no inline script, so no javascript: link runs"
    assert policy["frame-ancestors"] == ["'self'"]


def test_production_settings_pass_the_deploy_checks():
    code = """
    from django.core.management import call_command
    call_command("check", deploy=True, fail_level="WARNING")
    print(json.dumps("clean"))
    """
    assert run_in_production(code, **BASIC) == "clean"


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_its_secrets(missing):
    environment = {name: value for name, value in BASIC.items() if name != missing}
    with pytest.raises(ImproperlyConfigured, match=missing):
        production_settings(**environment)


def test_production_cookies_are_secure_and_kept_from_scripts_where_possible():
    production = production_settings(**BASIC)
    assert {
        name: [getattr(production, f"{name}_COOKIE_{flag}") for flag in ("SECURE", "HTTPONLY", "SAMESITE")]
        for name in ("SESSION", "CSRF", "LANGUAGE")
    } == {
        "SESSION": [True, True, "Lax"],
        "CSRF": [True, True, "Lax"],
        "LANGUAGE": [True, False, "Lax"],  # static/js/site.js writes it when a visitor picks a language
    }


def test_the_admin_works_with_a_csrf_cookie_scripts_cannot_read(client, site, settings, django_user_model):
    """The admin's forms carry the token in the page, so an HttpOnly CSRF cookie breaks nothing."""
    settings.CSRF_COOKIE_HTTPONLY = True
    django_user_model.objects.create_superuser("admin", "admin@example.com", "a long admin password")
    client.handler.enforce_csrf_checks = True
    login_page = client.get("/admin/login/")
    assert login_page.cookies["csrftoken"]["httponly"]
    token = login_page.context["csrf_token"]
    response = client.post(
        "/admin/login/", {"username": "admin", "password": "a long admin password", "csrfmiddlewaretoken": str(token)}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_production_builds_admin_links_on_the_public_address_never_a_local_one():
    assert production_settings(**BASIC).WAGTAILADMIN_BASE_URL == "https://tusenet.example"
    assert (
        production_settings(**BASIC, WAGTAILADMIN_BASE_URL="https://www.example.org").WAGTAILADMIN_BASE_URL
        == "https://www.example.org"
    )
