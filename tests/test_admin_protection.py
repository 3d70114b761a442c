"""Admin protection: sign-in lockout, strong passwords, a password reset that tells nothing, no shared page passwords.

Each rule is shown through Wagtail's real views with the Django test client.
"""

import io
import re
from datetime import timedelta
from importlib import import_module

import pytest
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from wagtail.models import Collection, PageViewRestriction

from partnerships.models import StandardPage
from tusenet.ops.management.commands import ensure_admin
from tusenet.settings.base import client_address_settings

from .builders import add_page, home_page
from .factories import UserFactory
from .production import BASIC, production_settings

pytestmark = pytest.mark.django_db

#: The password tests/factories.py gives every user.
PASSWORD = "a-long-test-password"
LIMIT = settings.AXES_FAILURE_LIMIT


def sign_in(client, username, password, login_url=None, **request_headers):
    """Submit a sign-in form (Wagtail's admin login by default), as a browser does."""
    data = {"username": username, "password": password, "next": "/admin/"}
    return client.post(login_url or reverse("wagtailadmin_login"), data, **request_headers)


def signed_in(response):
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def fail_until_locked(client, username, **request_headers):
    responses = [sign_in(client, username, "not the password", **request_headers) for _ in range(LIMIT)]
    return responses


# Lockout


def test_the_fifth_wrong_password_pauses_sign_in_even_with_the_right_one():
    """After AXES_FAILURE_LIMIT (5) failures the right password is refused too, with 429 and no session."""
    editor = UserFactory(role="Editors")
    client = Client()
    responses = fail_until_locked(client, editor.username)
    assert [response.status_code for response in responses] == [200] * (LIMIT - 1) + [429]
    response = sign_in(client, editor.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # still sent to the sign-in form


@pytest.mark.parametrize(
    ("language", "heading", "wait"),
    [
        ("en", "Too many failed sign-in attempts", "paused for 15 minutes"),
        ("tr", "Çok fazla başarısız oturum açma denemesi", "15 dakika süreyle durduruldu"),
        ("sv", "För många misslyckade inloggningsförsök", "spärrad i 15 minuter"),
    ],
)
def test_the_lockout_page_says_how_long_to_wait_in_the_admin_language(language, heading, wait):
    """The lockout is a page in the admin's look and the visitor's language, not axes' bare English text."""
    editor = UserFactory(role="Editors")
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    fail_until_locked(client, editor.username)
    html = sign_in(client, editor.username, PASSWORD).content.decode()
    assert f'<html lang="{language}"' in html
    assert heading in html and wait in html
    assert reverse("wagtailadmin_password_reset") in html


def test_the_lockout_is_for_that_username_at_that_address_only():
    """Another address, or another username at the same address, still signs in: nobody can lock out editors at will."""
    editor, moderator = UserFactory(role="Editors"), UserFactory(role="Moderators")
    fail_until_locked(Client(), editor.username, REMOTE_ADDR="198.51.100.1")
    assert sign_in(Client(), editor.username, PASSWORD, REMOTE_ADDR="198.51.100.1").status_code == 429
    assert signed_in(sign_in(Client(), editor.username, PASSWORD, REMOTE_ADDR="198.51.100.2"))
    assert signed_in(sign_in(Client(), moderator.username, PASSWORD, REMOTE_ADDR="198.51.100.1"))


def test_the_pause_ends_after_the_cool_off():
    """Fifteen minutes after the last failure the right password works again."""
    editor = UserFactory(role="Editors")
    fail_until_locked(Client(), editor.username)
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16))
    assert signed_in(sign_in(Client(), editor.username, PASSWORD))


def test_a_successful_sign_in_clears_earlier_failures():
    """Four typos, a successful sign-in, four more typos: still not locked."""
    editor = UserFactory(role="Editors")
    for _ in range(LIMIT - 1):
        sign_in(Client(), editor.username, "typo")
    assert signed_in(sign_in(Client(), editor.username, PASSWORD))
    for _ in range(LIMIT - 1):
        assert sign_in(Client(), editor.username, "typo").status_code == 200
    assert signed_in(sign_in(Client(), editor.username, PASSWORD))


def test_the_front_end_login_of_private_pages_is_guarded_too():
    """Wagtail's own login for restricted pages (/en/_util/login/) counts failures and locks out the same way."""
    editor = UserFactory(role="Editors")
    login_url = reverse("wagtailcore_login")
    statuses = [sign_in(Client(), editor.username, "wrong", login_url=login_url).status_code for _ in range(LIMIT)]
    assert statuses[-1] == 429
    assert sign_in(Client(), editor.username, PASSWORD, login_url=login_url).status_code == 429


def test_the_front_end_login_without_a_next_address_leads_to_the_site():
    """Not to Django's default /accounts/profile/, which does not exist here (a 404)."""
    editor = UserFactory(role="Editors")
    response = Client().post(reverse("wagtailcore_login"), {"username": editor.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"


# The client's address


def test_without_trusted_proxies_a_forged_x_forwarded_for_does_not_escape_the_lockout():
    """By default the address is REMOTE_ADDR: a new X-Forwarded-For for each attempt changes nothing."""
    editor = UserFactory(role="Editors")
    for attempt in range(LIMIT):
        sign_in(Client(), editor.username, "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")
    response = sign_in(Client(), editor.username, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert response.status_code == 429


@override_settings(**client_address_settings(1))
def test_behind_a_trusted_proxy_each_visitor_has_the_address_the_proxy_saw():
    """Behind one proxy: visitors sharing the proxy's REMOTE_ADDR are told apart, and a forged entry is ignored."""
    editor = UserFactory(role="Editors")
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    fail_until_locked(Client(), editor.username, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    forged = "203.0.113.99, 203.0.113.7"  # the attacker wrote the first entry, the proxy appended the second
    assert sign_in(Client(), editor.username, PASSWORD, HTTP_X_FORWARDED_FOR=forged, **proxy).status_code == 429
    other_visitor = sign_in(Client(), editor.username, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.8", **proxy)
    assert signed_in(other_visitor)


@pytest.mark.parametrize(
    ("trusted_proxies", "forwarded_for", "expected"),
    [
        (0, "203.0.113.5", "10.0.0.2"),
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.66, 203.0.113.5", "203.0.113.5"),
        (2, "198.51.100.66, 203.0.113.5, 192.0.2.10", "203.0.113.5"),
    ],
)
def test_the_trusted_proxy_count_picks_the_entry_its_proxies_wrote(trusted_proxies, forwarded_for, expected):
    """Counted from the right of X-Forwarded-For: whatever a visitor puts on the left is never used."""
    request = RequestFactory().post("/admin/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded_for)
    with override_settings(**client_address_settings(trusted_proxies)):
        assert get_client_ip_address(request) == expected


@pytest.mark.parametrize(("variable", "precedence"), [(None, ["REMOTE_ADDR"]), ("2", ["HTTP_X_FORWARDED_FOR"])])
def test_production_reads_the_trusted_proxy_count_from_the_environment(variable, precedence):
    environment = {**BASIC, "TRUSTED_PROXY_COUNT": variable} if variable else BASIC
    production = production_settings(**environment)
    assert [production.AXES_IPWARE_META_PRECEDENCE_ORDER, production.AXES_IPWARE_PROXY_COUNT] == [
        precedence,
        1 if variable else None,
    ]


# Passwords


@pytest.mark.parametrize(
    "password",
    ["Tusenet2026", "12345678901234", "password1234", "qwertyuiop123"],
)
def test_weak_passwords_are_refused(password):
    """At least 12 characters, not all digits, not a common password."""
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_password_like_the_account_name_is_refused():
    user = get_user_model()(username="ayse.yilmaz", first_name="Ayşe", last_name="Yılmaz", email="ayse@example.org")
    with pytest.raises(ValidationError):
        validate_password("ayse.yilmaz.1", user)


def test_wagtails_add_user_form_applies_the_validators(admin_client_logged_in):
    """An administrator cannot give a new editor a weak password through the admin."""
    add_user = reverse("wagtailusers_users:add")
    form = {"username": "kalmar.editor", "email": "kalmar@example.org", "first_name": "Kalmar", "last_name": "Editor"}
    weak = admin_client_logged_in.post(add_user, {**form, "password1": "Kalmar123", "password2": "Kalmar123"})
    assert weak.status_code == 200
    assert weak.context["form"].errors["password2"]
    assert not get_user_model().objects.filter(username="kalmar.editor").exists()
    strong = "harbour-lighthouse-ferry"
    response = admin_client_logged_in.post(add_user, {**form, "password1": strong, "password2": strong})
    assert response.status_code == 302
    assert get_user_model().objects.get(username="kalmar.editor").check_password(strong)


def test_the_admin_password_ensure_admin_generates_passes_the_validators(monkeypatch, tmp_path):
    """`make run`'s generated admin password is accepted by the same validators."""
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    monkeypatch.delenv("ADMIN_USERNAME", raising=False)
    monkeypatch.setattr(ensure_admin, "PASSWORD_FILE", tmp_path / ".admin-password")
    output = io.StringIO()
    call_command("ensure_admin", stdout=output)
    password = output.getvalue().strip().rsplit(" / ", 1)[1]
    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password(password)
    validate_password(password, admin)


# Password reset


RESET = "wagtailadmin_password_reset"


def main_text(response):
    html = response.content.decode()
    return re.sub(r"\s+", " ", html[html.index("<main") : html.index("</main>")])


@override_settings(WAGTAILADMIN_BASE_URL="https://tusenet.example")
def test_password_reset_answers_the_same_whether_or_not_the_account_exists(client):
    """Same status, same next address, same page; a mail only for the real account."""
    UserFactory(email="editor@example.org")
    known = client.post(reverse(RESET), {"email": "editor@example.org"})
    unknown = client.post(reverse(RESET), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert main_text(client.get(known["Location"])) == main_text(client.get(unknown["Location"]))
    assert [message.to for message in mail.outbox] == [["editor@example.org"]]


@override_settings(WAGTAILADMIN_BASE_URL="https://tusenet.example")
def test_the_reset_link_uses_the_public_address_and_the_new_password_must_be_strong(client):
    """The e-mailed link starts with WAGTAILADMIN_BASE_URL (never the request's Host), and leads to a working reset."""
    editor = UserFactory(email="editor@example.org", role="Editors")
    client.post(reverse(RESET), {"email": "editor@example.org"}, HTTP_HOST="attacker.example")
    link = re.search(r"https?://\S+", mail.outbox[0].body).group()
    assert link.startswith("https://tusenet.example/admin/password_reset/confirm/")
    form_url = client.get(link.removeprefix("https://tusenet.example"))["Location"]
    weak = client.post(form_url, {"new_password1": "Kalmar123", "new_password2": "Kalmar123"})
    assert weak.status_code == 200 and weak.context["form"].errors
    strong = "harbour-lighthouse-ferry"
    assert client.post(form_url, {"new_password1": strong, "new_password2": strong}).status_code == 302
    editor.refresh_from_db()
    assert editor.check_password(strong)


def test_production_takes_the_public_address_from_the_environment():
    production = production_settings(**BASIC, WAGTAILADMIN_BASE_URL="https://tusenet.example")
    assert production.WAGTAILADMIN_BASE_URL == "https://tusenet.example"


# Private pages and collections


@pytest.fixture
def page():
    return add_page(home_page(), StandardPage, "Members only")


def test_a_page_cannot_be_given_a_shared_password(admin_client_logged_in, page):
    """The privacy dialog offers no shared password, and a forged submission of one stores nothing."""
    url = reverse("wagtailadmin_pages:set_privacy", args=(page.pk,))
    form = admin_client_logged_in.get(url).context["form"]
    assert "password" not in form.fields
    assert PageViewRestriction.PASSWORD not in dict(form.fields["restriction_type"].choices)
    admin_client_logged_in.post(url, {"restriction_type": "password", "password": "letmein"})
    assert not PageViewRestriction.objects.exists()


def test_a_page_restricted_to_signed_in_users_still_works(admin_client_logged_in, page):
    """Restricting to signed-in users through the same dialog: visitors are sent to sign in, editors see it."""
    url = reverse("wagtailadmin_pages:set_privacy", args=(page.pk,))
    admin_client_logged_in.post(url, {"restriction_type": "login"})
    assert PageViewRestriction.objects.get().restriction_type == PageViewRestriction.LOGIN
    visitor = Client().get(page.url)
    assert visitor.status_code == 302 and reverse("wagtailcore_login") in visitor["Location"]
    editor = Client()
    editor.force_login(UserFactory(role="Editors"))
    assert editor.get(page.url).status_code == 200


def test_a_document_collection_cannot_be_given_a_shared_password(admin_client_logged_in):
    collection = Collection.get_first_root_node().add_child(name="Board papers")
    url = reverse("wagtailadmin_collections:set_privacy", args=(collection.pk,))
    form = admin_client_logged_in.get(url).context["form"]
    assert "password" not in form.fields


# Signing out


def test_a_get_to_the_sign_out_address_changes_nothing(admin_client_logged_in):
    """Wagtail's view deleted the session cookie on a GET's 405 and left the session valid on the server."""
    response = admin_client_logged_in.get("/admin/logout/")
    assert response.status_code == 405
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert admin_client_logged_in.get("/admin/").status_code == 200


def test_signing_out_ends_the_session(admin_client_logged_in):
    session_key = admin_client_logged_in.session.session_key
    response = admin_client_logged_in.post("/admin/logout/")
    assert response.status_code == 302
    assert not import_module(settings.SESSION_ENGINE).SessionStore().exists(session_key)
    assert admin_client_logged_in.get("/admin/").status_code == 302
